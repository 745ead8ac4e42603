import { awsIamNoAdminStatements as control } from "../../../../policies/aws/iam/no-admin-statements";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { secret, unknown } from "../../../harness";

const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const scoped = { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::phi-records/*" };
const policy = (policy: unknown) => resource("aws:iam/policy:Policy", "app-read", { policy });
const admin = policy(doc({ Effect: "Allow", Action: "*", Resource: "*" }));
const notAction = policy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }));
const inRole = resource("aws:iam/role:Role", "ops", {
    assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    inlinePolicies: [{ name: "admin", policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }) }],
});
const objectDoc = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] });
const oneStatement = policy(JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }));
const secretDoc = resource("aws:iam/rolePolicy:RolePolicy", "ops-inline", { role: "ops", policy: secret(doc({ Effect: "Allow", Action: "*", Resource: "*" })) });
const unknownDoc = policy(unknown);

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a policy that allows reading one bucket's objects", resources: [policy(doc(scoped))] },
        "deny-everything": { says: "a Deny of every action next to a scoped Allow", resources: [policy(doc(scoped, { Effect: "Deny", Action: "*", Resource: "*" }))] },
        "all-actions-one-resource": { says: 'Action "*" limited to one bucket', resources: [policy(doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::phi-records" }))] },
    },
    failing: {
        "action-star": { says: 'Allow of Action "*" on Resource "*"', resources: [admin], findings: [fails(admin, "policy.Statement[0]")] },
        "not-action": { says: "Allow with NotAction on every resource", resources: [notAction], findings: [fails(notAction, "policy.Statement[0]")] },
        "object-document": { says: "the document as an object, not a JSON string", resources: [objectDoc], findings: [fails(objectDoc, "policy.Statement[0]")] },
        "one-statement": { says: "Statement as one object rather than a list", resources: [oneStatement], findings: [fails(oneStatement, "policy.Statement")] },
        "role-inline-policy": { says: "a role's inline policy grants everything", resources: [inRole], findings: [fails(inRole, "inlinePolicies[0].policy.Statement[0]")], from: "baseline" },
        "secret-document": { says: "an admin document held as a secret", resources: [secretDoc], findings: [fails(secretDoc, "policy.Statement[0]")] },
        "unknown-document": { says: "a document unknown until the update", resources: [unknownDoc], findings: [unverifiedAt(unknownDoc, "policy")] },
    },
});
