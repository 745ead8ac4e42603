import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { isListedManagedPolicy, managedPolicy } from "../../lib/aws/managed-policies";
import { grantArn, ManagedPolicyGrant, managedPolicyGrants, MANAGED_POLICY_HOLDERS, namedPrincipals, principalListed, principalName, PrincipalRef, principalRefs } from "../../lib/aws/principals";
import { firstAdministratorRights } from "../../lib/aws/privilege";
import { parseDocument } from "../../lib/iam-document";
import { Settled } from "../../lib/settled";
import { types } from "../../lib/type-tokens";
import { isUnknown, Unknown, UNKNOWN } from "../../lib/values";

/** An Identity Center managed attachment takes only AWS-managed ARNs: an unknown one is unknown whatever the stack holds. */
const AWS_MANAGED_ONLY = types("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment");

interface Config {
    adminPolicies: string[];
    breakGlassRoles: string[];
}

/**
 * The AWS managed policy an ARN names when it grants administrator rights, by its statements (see
 * lib/aws/privilege) or by a listing in adminPolicies: its name and why. UNKNOWN for a managed
 * policy newer than phi-guard's dataset, whose statements cannot be read.
 */
function adminPolicy(arn: string | "customer-managed" | undefined, config: Config): { name: string; why: string } | undefined | Unknown {
    if (arn === undefined || arn === "customer-managed") return undefined;
    // Stacks attach the same few ARNs many times; the runtime's config is one frozen object per Configure.
    if (!Object.isFrozen(config)) return judgeArn(arn, config);
    let known = judgedArns.get(config);
    if (!known) judgedArns.set(config, (known = new Map()));
    if (known.has(arn)) return known.get(arn);
    if (known.size >= 10_000) known.clear();
    const policy = judgeArn(arn, config);
    known.set(arn, policy);
    return policy;
}

const judgedArns = new WeakMap<Config, Map<string, { name: string; why: string } | undefined | Unknown>>();

function judgeArn(arn: string, config: Config): { name: string; why: string } | undefined | Unknown {
    const ref = managedPolicy(arn);
    if (ref.kind === "customer") return undefined;
    if (isListedManagedPolicy(arn, config.adminPolicies)) return { name: ref.name, why: "listed in adminPolicies" };
    if (ref.kind === "unrecognised-managed") return UNKNOWN;
    const parsed = parseDocument(ref.document);
    const why = parsed.kind === "ok" ? firstAdministratorRights(parsed.statements) : undefined;
    return typeof why === "string" ? { name: ref.name, why } : undefined;
}

const settled = new Settled();

/**
 * Whether a resource's own properties decide every grant it makes: no policy ARN unknown at
 * preview, and no role holder whose names must come from the stack (a name unknown at preview, or
 * one not listed in breakGlassRoles, which may hold Pulumi resource names).
 */
function decidable(r: ResourceInput, config: Config): boolean {
    return managedPolicyGrants(r).every((grant) => {
        if (isUnknown(grant.arn)) return AWS_MANAGED_ONLY.has(r.type);
        const policy = adminPolicy(typeof grant.arn === "string" ? grant.arn : undefined, config);
        if (policy === undefined || isUnknown(policy)) return true;
        return grant.holders.every(
            (holder) =>
                (holder.kind !== "role" && holder.kind !== "permission-set") ||
                namedPrincipals(r, holder.prop).every((ref) => principalListed(ref, config.breakGlassRoles) || (!isUnknown(ref.name) && config.breakGlassRoles.length === 0)),
        );
    });
}

/** Reports an administrator policy on each holder `refs` names that may not hold it. */
function judgeGrant(r: ResourceInput, grant: ManagedPolicyGrant, policy: { name: string; why: string } | undefined | Unknown, refs: (prop: string) => PrincipalRef[], ctx: CheckContext<Config>): void {
    if (policy === undefined) return;
    if (isUnknown(policy)) return ctx.unverified(`${grant.at} (an AWS managed policy newer than phi-guard's dataset)`, r.urn);
    const { breakGlassRoles } = ctx.config;
    const what = `the AWS-managed ${policy.name} policy (${policy.why})`;
    if (grant.holders.length === 0) {
        if (!principalListed({ resource: r, name: principalName(r) }, breakGlassRoles)) ctx.fail({ problem: `the role holds ${what}`, at: grant.at, urn: r.urn });
        return;
    }
    for (const holder of grant.holders) {
        for (const ref of refs(holder.prop)) {
            if (holder.kind === "role" || holder.kind === "permission-set") {
                if (principalListed(ref, breakGlassRoles)) continue;
                if (isUnknown(ref.name) && !ref.resource) {
                    ctx.unverified(holder.prop, r.urn);
                    continue;
                }
            }
            ctx.fail({
                problem: `${what} is attached to a ${holder.kind}${holder.kind === "role" || holder.kind === "permission-set" ? ` that is not a configured break-glass ${holder.kind.replace("-", " ")}` : ""}`,
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
            default: [],
            description:
                "Further AWS-managed policy names (the part after `policy/`, or its last segment, e.g. `job-function/SystemAdministrator`) treated as administrator access, in any partition, beside every managed policy whose statements grant every action on every resource or an unconstrained escalation action.",
        },
        breakGlassRoles: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role and Identity Center permission set names (IAM name or Pulumi resource name) allowed to hold administrator policies; users and groups never are.",
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
            if (isUnknown(grant.arn)) ctx.unverified(grant.at, r.urn);
            else judgeGrant(r, grant, adminPolicy(typeof grant.arn === "string" ? grant.arn : undefined, ctx.config), (prop) => namedPrincipals(r, prop), ctx);
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
                judgeGrant(r, grant, adminPolicy(arn, ctx.config), (prop) => principalRefs(stack, r, prop), ctx);
            }
        }
    },
};
