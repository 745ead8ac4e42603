import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import { ADMIN_MANAGED_POLICIES, isListedManagedPolicy } from "../../lib/aws-actions";
import { grantArn, IAM_ROLES, isAdminDocument, managedPolicyGrants, MANAGED_POLICY_HOLDERS, principalListed, principalName, principalRefs } from "../../lib/aws-iam-principals";
import { Settled } from "../../lib/settled";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { asList, asNumber, isObject, isUnknown, Plain } from "../../lib/values";

interface Config {
    maxSessionSeconds: number;
    privilegedPolicies: string[];
    privilegedPrincipals: string[];
}

const PERMISSION_SETS = types("aws:ssoadmin/permissionSet:PermissionSet");
const PERMISSION_SET_MANAGED = types("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment");
const PERMISSION_SET_INLINE = types("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy");
const ROLE_POLICIES = types("aws:iam/rolePolicy:RolePolicy");

/** IAM's and Identity Center's default session length: 1 hour. */
const DEFAULT_SESSION_SECONDS = 3600;

/** Seconds of an ISO 8601 duration of hours, minutes and seconds (`PT1H`, `PT90M`, `PT1H30M`). */
export function isoDurationSeconds(value: string): number | undefined {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(value.trim());
    if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
    return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** Why a role or permission set counts as privileged: "yes", "no" or "unknown" (an ARN or document unknown at preview). */
type Privilege = "yes" | "no" | "unknown";

const worst = (a: Privilege, b: Privilege): Privilege => (a === "yes" || b === "yes" ? "yes" : a === "unknown" || b === "unknown" ? "unknown" : "no");

function fromArn(arn: string | "customer-managed" | Plain, names: readonly string[]): Privilege {
    if (isUnknown(arn)) return "unknown";
    return typeof arn === "string" && arn !== "customer-managed" && isListedManagedPolicy(arn, names) ? "yes" : "no";
}

function fromDocument(doc: Plain, holder: object): Privilege {
    if (doc === undefined || doc === null) return "no";
    const admin = isAdminDocument(doc, holder);
    return admin === true ? "yes" : isUnknown(admin) ? "unknown" : "no";
}

/** Every role's privilege from its own managed ARNs and inline policies plus the attachments and role policies that join it. */
function rolePrivileges(stack: StackIndex, names: readonly string[]): Map<string, Privilege> {
    const out = new Map<string, Privilege>();
    const raise = (urn: string, p: Privilege) => out.set(urn, worst(out.get(urn) ?? "no", p));
    for (const r of stack.ofType(MANAGED_POLICY_HOLDERS)) {
        for (const grant of managedPolicyGrants(r)) {
            const p = fromArn(grantArn(stack, r, grant), names);
            if (grant.holders.length === 0) raise(r.urn, p);
            for (const holder of grant.holders) {
                if (holder.kind !== "role") continue;
                for (const ref of principalRefs(stack, r, holder.prop)) if (ref.resource) raise(ref.resource.urn, p);
            }
        }
    }
    for (const role of stack.ofType(IAM_ROLES)) {
        const inline = asList(role.props.inlinePolicies);
        if (isUnknown(inline)) raise(role.urn, "unknown");
        else for (const p of inline) raise(role.urn, isUnknown(p) ? "unknown" : fromDocument(isObject(p) ? p.policy : undefined, role.props));
    }
    for (const rp of stack.ofType(ROLE_POLICIES)) {
        for (const ref of principalRefs(stack, rp, "role")) if (ref.resource) raise(ref.resource.urn, fromDocument(rp.props.policy, rp.props));
    }
    return out;
}

function permissionSetPrivileges(stack: StackIndex, names: readonly string[]): Map<string, Privilege> {
    const out = new Map<string, Privilege>();
    const raise = (targets: StackResource[], p: Privilege) => {
        for (const t of targets) out.set(t.urn, worst(out.get(t.urn) ?? "no", p));
    };
    for (const a of stack.ofType(PERMISSION_SET_MANAGED)) {
        const arn = isUnknown(a.props.managedPolicyArn) ? grantArn(stack, a, { at: "managedPolicyArn", arnProp: "managedPolicyArn", arn: a.props.managedPolicyArn, holders: [] }) : a.props.managedPolicyArn;
        raise(stack.linked(a, "permissionSetArn"), fromArn(arn, names));
    }
    for (const p of stack.ofType(PERMISSION_SET_INLINE)) raise(stack.linked(p, "permissionSetArn"), fromDocument(p.props.inlinePolicy, p.props));
    return out;
}

/** A session length as configured: seconds, unset (the 1-hour default), unknown at preview, or not a valid length. */
type Seconds = number | undefined | "unknown" | "invalid";

function sessionSeconds(r: ResourceInput): Seconds {
    if (IAM_ROLES.has(r.type)) {
        const raw = r.props.maxSessionDuration;
        const n = asNumber(raw);
        return isUnknown(n) ? "unknown" : raw === undefined || raw === null ? undefined : (n ?? "invalid");
    }
    const raw = r.props.sessionDuration;
    return isUnknown(raw) ? "unknown" : raw === undefined || raw === null || raw === "" ? undefined : typeof raw === "string" ? (isoDurationSeconds(raw) ?? "invalid") : "invalid";
}

function judge(r: ResourceInput, privilege: Privilege, ctx: CheckContext<Config>): void {
    const { maxSessionSeconds, privilegedPrincipals } = ctx.config;
    const role = IAM_ROLES.has(r.type);
    const at = role ? "maxSessionDuration" : "sessionDuration";
    const fix = role ? `set maxSessionDuration to ${maxSessionSeconds} or less` : `set sessionDuration to "PT1H" or less`;
    const seconds = sessionSeconds(r);
    if (principalListed({ resource: r, name: principalName(r) }, privilegedPrincipals)) privilege = "yes";
    if (privilege === "no") return;
    if (seconds === "invalid") {
        ctx.fail({ problem: role ? "the session duration is not a number of seconds" : "the session duration is not an ISO 8601 duration of hours, minutes and seconds", at, fix, urn: r.urn });
    } else if (seconds === "unknown") {
        if (privilege === "yes") ctx.unverified(at, r.urn);
    } else if ((seconds ?? DEFAULT_SESSION_SECONDS) > maxSessionSeconds) {
        if (privilege === "unknown") ctx.unverified(at, r.urn);
        else ctx.fail({ problem: `a privileged ${role ? "role" : "permission set"} issues sessions of ${seconds} seconds, longer than ${maxSessionSeconds}`, at, fix, urn: r.urn });
    }
}

/** A role's privilege from its own managed policy ARNs and inline policies, without the stack. */
function ownPrivilege(r: ResourceInput, names: readonly string[]): Privilege {
    if (!IAM_ROLES.has(r.type)) return "no";
    let privilege: Privilege = "no";
    for (const grant of managedPolicyGrants(r)) privilege = worst(privilege, fromArn(grant.arn, names));
    const inline = asList(r.props.inlinePolicies);
    if (isUnknown(inline)) return worst(privilege, "unknown");
    for (const p of inline) privilege = worst(privilege, isUnknown(p) ? "unknown" : fromDocument(isObject(p) ? p.policy : undefined, r.props));
    return privilege;
}

const settled = new Settled();

/**
 * Judges a role or permission set by its own properties: a session within the limit passes, and a
 * role whose own policies (or a listing in privilegedPrincipals) make it privileged is judged; false
 * (reporting nothing) when only the attachments and policies of the stack can say whether it is privileged.
 */
function settle(r: ResourceInput, ctx: CheckContext<Config>): boolean {
    const seconds = sessionSeconds(r);
    if (typeof seconds === "number" || seconds === undefined) {
        if ((seconds ?? DEFAULT_SESSION_SECONDS) <= ctx.config.maxSessionSeconds) return true;
    }
    const own = principalListed({ resource: r, name: principalName(r) }, ctx.config.privilegedPrincipals) ? "yes" : ownPrivilege(r, ctx.config.privilegedPolicies);
    if (own !== "yes") return false;
    judge(r, own, ctx);
    return true;
}

export const awsIamSessionDuration: ResourceControl<Config> = {
    id: "aws-iam-session-duration",
    title: "Privileged roles and permission sets issue sessions of at most one hour",
    cloud: "aws",
    judges: unionOf(IAM_ROLES, PERMISSION_SETS),
    category: "standing-privilege",
    severity: "medium",
    hipaa: [inferred("164.308(a)(3)(i)")],
    description:
        "Administrator rights should be held just in time: a long session keeps them alive for hours after the task that needed them, and leaked session credentials stay usable as long. Roles and IAM Identity Center permission sets with administrator policies must issue sessions of one hour or less.",
    remediation:
        "Set maxSessionDuration to 3600 (or less) on the role, or sessionDuration to \"PT1H\" (or less) on the permission set; keep longer sessions for unprivileged roles only.",
    unknowns: "An unknown session length on a privileged role, or an unknown policy ARN or document on a role with a long session, is reported as unverified (advisory); an unset length is the 1-hour default.",
    config: {
        maxSessionSeconds: { type: "number", default: 3600, description: "Longest session, in seconds, a privileged role or permission set may issue." },
        privilegedPolicies: {
            type: "array",
            items: { type: "string" },
            default: [...ADMIN_MANAGED_POLICIES],
            description: "AWS-managed policy names (as in aws-iam-no-admin-attachments) that make a role or permission set privileged; an inline or role policy allowing `*` on `*` always does.",
        },
        privilegedPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role or permission set names (IAM name or Pulumi resource name) that are privileged whatever the stack attaches, e.g. roles given admin rights elsewhere.",
        },
    },
    acrossResources: "Only a role or permission set with a long (or unknown or invalid) session that its own properties do not make privileged: its outputs and the attachments, role policies and permission-set policies of the stack say whether it is.",
    types: types(...IAM_ROLES.canonical, ...PERMISSION_SETS.canonical),
    checkResource(r, ctx) {
        settled.record(r.urn, settle(r, ctx));
    },
    checkStack(stack, ctx) {
        const roles = rolePrivileges(stack, ctx.config.privilegedPolicies);
        for (const role of stack.ofType(IAM_ROLES)) if (!settled.has(role.urn)) judge(role, roles.get(role.urn) ?? "no", ctx);
        const sets = permissionSetPrivileges(stack, ctx.config.privilegedPolicies);
        for (const set of stack.ofType(PERMISSION_SETS)) if (!settled.has(set.urn)) judge(set, sets.get(set.urn) ?? "no", ctx);
    },
};
