import { awsIamPermissionBoundary as control } from "../../../../policies/aws/iam/permission-boundary";
import { defineExamples, fails, resource, serviceTrust, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const BOUNDARY = "arn:aws:iam::111122223333:policy/phi-boundary";
const role = (props: Record<string, unknown>) => resource("aws:iam/role:Role", "app", { assumeRolePolicy: serviceTrust("lambda.amazonaws.com"), ...props });
const none = role({});
const other = role({ permissionsBoundary: "arn:aws:iam::111122223333:policy/other" });
const unknownBoundary = role({ permissionsBoundary: unknown });
const user = resource("aws:iam/user:User", "alice", { name: "alice" });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a role with a permissions boundary", resources: [role({ permissionsBoundary: BOUNDARY })] },
        "service-linked": { says: "a service-linked role, which AWS manages", resources: [role({ path: "/aws-service-role/elasticbeanstalk.amazonaws.com/" })] },
    },
    failing: {
        "no-boundary": { says: "a role without a permissions boundary", resources: [none], findings: [fails(none, "permissionsBoundary")] },
        "user-no-boundary": { says: "a user without a permissions boundary", resources: [user], findings: [fails(user, "permissionsBoundary")] },
        "not-allowed": { says: "a boundary that is not one the config allows", resources: [other], findings: [fails(other, "permissionsBoundary")], options: { config: { allowedBoundaries: ["arn:aws:iam::*:policy/phi-boundary"] } } },
        "unknown-boundary": { says: "a boundary unknown until the update, checked against allowedBoundaries", resources: [unknownBoundary], findings: [unverifiedAt(unknownBoundary, "permissionsBoundary")], options: { config: { allowedBoundaries: ["arn:aws:iam::*:policy/phi-boundary"] } } },
    },
});
