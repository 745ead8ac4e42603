import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import { isListedManagedPolicy } from "../../lib/aws/managed-policies";
import { collectPrincipalRights, ownRoleRights, principalListed, principalName, ReadRights, readRights } from "../../lib/aws/principals";
import { firstAdministratorRights } from "../../lib/aws/privilege";
import { IAM_ROLES, PERMISSION_SETS } from "../../lib/aws/rights";
import { Settled } from "../../lib/settled";
import { types, unionOf } from "../../lib/type-tokens";
import { asNumber, isUnknown } from "../../lib/values";

interface Config {
    maxSessionSeconds: number;
    privilegedPolicies: string[];
    privilegedPrincipals: string[];
}

/** IAM's and Identity Center's default session length: 1 hour. */
const DEFAULT_SESSION_SECONDS = 3600;

/** Seconds of an ISO 8601 duration of hours, minutes and seconds (`PT1H`, `PT90M`, `PT1H30M`). */
export function isoDurationSeconds(value: string): number | undefined {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(value.trim());
    if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
    return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** Whether a role or permission set counts as privileged: "yes", "no" or "unknown" (rights that cannot be read now). */
type Privilege = "yes" | "no" | "unknown";

/**
 * A principal's privilege from all its rights, wherever they live (lib/aws/principals): administrator
 * rights in any statement, AWS managed policies judged by their statements (see lib/aws/privilege),
 * or an AWS managed policy listed in privilegedPolicies.
 */
function privilegeOf(rights: ReadRights, names: readonly string[]): Privilege {
    const managed = [...rights.statements.map((g) => g.source), ...rights.unreadable].flatMap((s) => (s.managed ? [s.managed] : []));
    if (managed.some((name) => isListedManagedPolicy(`arn:aws:iam::aws:policy/${name}`, names))) return "yes";
    const why = firstAdministratorRights(rights.statements.map((g) => g.statement));
    if (typeof why === "string") return "yes";
    return isUnknown(why) || rights.unreadable.length > 0 ? "unknown" : "no";
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
const ownPrivilege = (r: ResourceInput, names: readonly string[]): Privilege => (IAM_ROLES.has(r.type) ? privilegeOf(ownRoleRights(r), names) : "no");

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
            default: [],
            description:
                "Further AWS-managed policy names (as in aws-iam-no-admin-attachments) that make a role or permission set privileged; any policy, inline, attached or AWS managed, whose statements grant every action on every resource or an unconstrained escalation action always does.",
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
        const rights = collectPrincipalRights(stack);
        for (const r of stack.ofType(unionOf(IAM_ROLES, PERMISSION_SETS))) {
            if (!settled.has(r.urn)) judge(r, privilegeOf(readRights(rights.get(r.urn)?.sources ?? []), ctx.config.privilegedPolicies), ctx);
        }
    },
};
