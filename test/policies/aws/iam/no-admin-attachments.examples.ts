import { awsIamNoAdminAttachments as control } from "../../../../policies/aws/iam/no-admin-attachments";
import { change, defineExamples, fails, resource, serviceTrust } from "../../../examples";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const ops = resource("aws:iam/role:Role", "ops", { name: "ops", assumeRolePolicy: serviceTrust("ec2.amazonaws.com") });
const readOnly = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ops-read", { role: "ops", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
const baseline = [ops, readOnly];
const admin = change(baseline, "ops-read", { policyArn: ADMIN });
const inline = change(baseline, "ops", { managedPolicyArns: [ADMIN] });
const user = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "alice-admin", { user: "alice", policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a role with a read-only managed policy", resources: baseline },
        "break-glass": { says: "AdministratorAccess on the role the config names as break-glass", resources: admin, options: { config: { breakGlassRoles: ["ops"] } } },
    },
    failing: {
        "administrator-access": { says: "AdministratorAccess attached to an ordinary role", resources: admin, findings: [fails(admin[1], "policyArn")] },
        "managed-policy-arns": { says: "AdministratorAccess listed in the role's managedPolicyArns", resources: inline, findings: [fails(inline[0], "managedPolicyArns[0]")] },
        "user-attachment": { says: "PowerUserAccess attached to a user", resources: [ops, user], findings: [fails(user, "policyArn")] },
    },
});
