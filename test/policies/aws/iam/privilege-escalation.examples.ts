import { awsIamPrivilegeEscalation as control } from "../../../../policies/aws/iam/privilege-escalation";
import { defineExamples, fails, iamDoc, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const policy = (policy: unknown) => resource("aws:iam/policy:Policy", "deployer", { policy });
const base = policy(iamDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app-exec" }));
const passAny = policy(iamDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }));
const passedToService = policy(iamDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } }));
const attachAny = policy(iamDoc({ Effect: "Allow", Action: ["iam:AttachRolePolicy", "iam:PutRolePolicy"], Resource: "*" }));
const unrelatedCondition = policy(iamDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }));
const unknownCondition = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: unknown } }] });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "PassRole of one named role", resources: [base] },
        "passed-to-service": { says: "PassRole on every role, but only to Lambda", resources: [passedToService] },
    },
    failing: {
        "pass-any-role": { says: "PassRole of every role: the holder can hand any role to a service it controls", resources: [passAny], findings: [fails(passAny, "policy.Statement[0]")] },
        "attach-any-policy": { says: "attaching or writing policies on every role", resources: [attachAny], findings: [fails(attachAny, "policy.Statement[0]")] },
        "unrelated-condition": { says: "PassRole on every role constrained only by aws:SecureTransport", resources: [unrelatedCondition], findings: [fails(unrelatedCondition, "policy.Statement[0]")], from: "passed-to-service" },
        "unknown-condition": { says: "a Condition block unknown until the update", resources: [unknownCondition], findings: [unverifiedAt(unknownCondition, "policy.Statement[0]")], from: "passed-to-service" },
    },
});
