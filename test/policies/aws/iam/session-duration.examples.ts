import { awsIamSessionDuration as control } from "../../../../policies/aws/iam/session-duration";
import { unknown, urnOf } from "../../../harness";
import { change, defineExamples, fails, resource, serviceTrust } from "../../../examples";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const ops = resource("aws:iam/role:Role", "ops", { assumeRolePolicy: serviceTrust("ec2.amazonaws.com"), managedPolicyArns: [ADMIN], maxSessionDuration: 3600 });
const ps = resource("aws:ssoadmin/permissionSet:PermissionSet", "admins", { instanceArn: "arn:aws:sso:::instance/ssoins-1", sessionDuration: "PT1H" });
const psAdmin = resource(
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
    "admins-admin",
    { instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: unknown, managedPolicyArn: ADMIN },
    { propertyDependencies: { permissionSetArn: [urnOf(ps)] } },
);
const baseline = [ops, ps, psAdmin];
const longRole = change(baseline, "ops", { maxSessionDuration: 43200 });
const longSet = change(baseline, "admins", { sessionDuration: "PT12H" });

export default defineExamples({
    control,
    passing: { baseline: { says: "an admin role and an admin permission set that issue one-hour sessions", resources: baseline } },
    failing: {
        "twelve-hour-role": { says: "the admin role issues 12-hour sessions", resources: longRole, findings: [fails(longRole[0], "maxSessionDuration")] },
        "twelve-hour-permission-set": { says: "the admin permission set issues 12-hour sessions", resources: longSet, findings: [fails(longSet[1], "sessionDuration")] },
    },
});
