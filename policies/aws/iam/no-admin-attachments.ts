import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { ADMIN_MANAGED_POLICIES, isListedManagedPolicy } from "../../lib/aws-actions";
import { grantArn, managedPolicyGrants, MANAGED_POLICY_HOLDERS, principalListed, principalName, principalRefs } from "../../lib/aws-iam-principals";
import { isUnknown } from "../../lib/values";

interface Config {
    adminPolicies: string[];
    breakGlassRoles: string[];
}

export const awsIamNoAdminAttachments: StackControl<Config> = {
    id: "aws-iam-no-admin-attachments",
    title: "AWS-managed administrator policies are attached only to break-glass roles",
    cloud: "aws",
    judges: MANAGED_POLICY_HOLDERS,
    category: "standing-privilege",
    severity: "critical",
    hipaa: [prowler("164.308(a)(3)(i)"), prowler("164.312(a)(1)")],
    description:
        "Attaching AdministratorAccess, PowerUserAccess or IAMFullAccess gives a role, user or group standing rights to read every PHI store or to grant itself those rights. Such policies belong only on break-glass roles that people assume just in time.",
    remediation:
        "Attach a customer-managed least-privilege policy instead; keep administrator policies on a configured break-glass role (breakGlassRoles) that people assume just in time, never on users or groups.",
    unknowns: "An unknown policy ARN that comes from an IAM Policy of the stack is customer-managed and passes; any other unknown ARN, or an unknown role name on an administrator attachment, is reported as unverified (advisory).",
    config: {
        adminPolicies: {
            type: "array",
            items: { type: "string" },
            default: [...ADMIN_MANAGED_POLICIES],
            description: "AWS-managed policy names (the part after `policy/`, or its last segment, e.g. `job-function/SystemAdministrator`) treated as administrator access, in any partition.",
        },
        breakGlassRoles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role names (IAM name or Pulumi resource name) allowed to hold administrator policies; users and groups never are.",
        },
    },
    checkStack(stack, ctx) {
        const { adminPolicies, breakGlassRoles } = ctx.config;
        for (const r of stack.ofType(MANAGED_POLICY_HOLDERS)) {
            for (const grant of managedPolicyGrants(r)) {
                const arn = grantArn(stack, r, grant);
                if (isUnknown(arn)) {
                    ctx.unverified(grant.at, r.urn);
                    continue;
                }
                if (arn === undefined || arn === "customer-managed" || !isListedManagedPolicy(arn, adminPolicies)) continue;
                const policy = arn.slice(arn.indexOf("policy/") + "policy/".length);
                if (grant.holders.length === 0) {
                    if (principalListed({ resource: r, name: principalName(r) }, breakGlassRoles)) continue;
                    ctx.fail({ problem: `the role holds the AWS-managed ${policy} policy`, at: grant.at, urn: r.urn });
                    continue;
                }
                for (const holder of grant.holders) {
                    for (const ref of principalRefs(stack, r, holder.prop)) {
                        if (holder.kind === "role") {
                            if (principalListed(ref, breakGlassRoles)) continue;
                            if (isUnknown(ref.name) && !ref.resource) {
                                ctx.unverified(holder.prop, r.urn);
                                continue;
                            }
                        }
                        ctx.fail({
                            problem: `the AWS-managed ${policy} policy is attached to a ${holder.kind}${holder.kind === "role" ? " that is not a configured break-glass role" : ""}`,
                            at: grant.at,
                            urn: r.urn,
                        });
                    }
                }
            }
        }
    },
};
