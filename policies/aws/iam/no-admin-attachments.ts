import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { ADMIN_MANAGED_POLICIES, isListedManagedPolicy } from "../../lib/aws-actions";
import { grantArn, ManagedPolicyGrant, managedPolicyGrants, MANAGED_POLICY_HOLDERS, namedPrincipals, principalListed, principalName, PrincipalRef, principalRefs } from "../../lib/aws-iam-principals";
import { Settled } from "../../lib/settled";
import { isUnknown } from "../../lib/values";

interface Config {
    adminPolicies: string[];
    breakGlassRoles: string[];
}

/** The AWS-managed administrator policy an ARN names (the part after `policy/`), or undefined. */
function adminPolicy(arn: string | "customer-managed" | undefined, config: Config): string | undefined {
    if (arn === undefined || arn === "customer-managed" || !isListedManagedPolicy(arn, config.adminPolicies)) return undefined;
    return arn.slice(arn.indexOf("policy/") + "policy/".length);
}

const settled = new Settled();

/**
 * Whether a resource's own properties decide every grant it makes: no policy ARN unknown at
 * preview, and no role holder whose names must come from the stack (a name unknown at preview, or
 * one not listed in breakGlassRoles, which may hold Pulumi resource names).
 */
function decidable(r: ResourceInput, config: Config): boolean {
    return managedPolicyGrants(r).every((grant) => {
        if (isUnknown(grant.arn)) return false;
        if (adminPolicy(typeof grant.arn === "string" ? grant.arn : undefined, config) === undefined) return true;
        return grant.holders.every(
            (holder) =>
                holder.kind !== "role" ||
                namedPrincipals(r, holder.prop).every((ref) => principalListed(ref, config.breakGlassRoles) || (!isUnknown(ref.name) && config.breakGlassRoles.length === 0)),
        );
    });
}

/** Reports an administrator policy on each holder `refs` names that may not hold it. */
function judgeGrant(r: ResourceInput, grant: ManagedPolicyGrant, policy: string, refs: (prop: string) => PrincipalRef[], ctx: CheckContext<Config>): void {
    const { breakGlassRoles } = ctx.config;
    if (grant.holders.length === 0) {
        if (!principalListed({ resource: r, name: principalName(r) }, breakGlassRoles)) ctx.fail({ problem: `the role holds the AWS-managed ${policy} policy`, at: grant.at, urn: r.urn });
        return;
    }
    for (const holder of grant.holders) {
        for (const ref of refs(holder.prop)) {
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

export const awsIamNoAdminAttachments: ResourceControl<Config> = {
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
    acrossResources:
        "Only a policy ARN unknown at preview (one taken from an IAM Policy of the stack is customer-managed), and a role named other than by a literal not in breakGlassRoles: the role resource of the stack gives its names.",
    types: MANAGED_POLICY_HOLDERS,
    checkResource(r, ctx) {
        const own = decidable(r, ctx.config);
        settled.record(r.urn, own);
        if (!own) return;
        for (const grant of managedPolicyGrants(r)) {
            const policy = adminPolicy(typeof grant.arn === "string" ? grant.arn : undefined, ctx.config);
            if (policy !== undefined) judgeGrant(r, grant, policy, (prop) => namedPrincipals(r, prop), ctx);
        }
    },
    checkStack(stack, ctx) {
        for (const r of stack.ofType(MANAGED_POLICY_HOLDERS)) {
            if (settled.has(r.urn)) continue;
            for (const grant of managedPolicyGrants(r)) {
                const arn = grantArn(stack, r, grant);
                if (isUnknown(arn)) {
                    ctx.unverified(grant.at, r.urn);
                    continue;
                }
                const policy = adminPolicy(arn, ctx.config);
                if (policy !== undefined) judgeGrant(r, grant, policy, (prop) => principalRefs(stack, r, prop), ctx);
            }
        }
    },
};
