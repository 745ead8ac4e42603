import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import { PIM_ELIGIBILITY_SCHEDULES, ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { OwnRole, ownRole, resolveRole, RoleGrant } from "../../lib/azure-rbac";
import { Settled } from "../../lib/settled";
import { types } from "../../lib/type-tokens";
import { at, isGivenText, isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

interface Config {
    justificationPattern: string;
}

const DEFAULT_PATTERN = "\\b[A-Z][A-Z0-9]{1,9}-\\d{2,}\\b|\\b(ticket|justification|reason|approved|requested)\\b";

const settled = new Settled();

export const azGrantJustification: ResourceControl<Config> = {
    id: "az-grant-justification",
    title: "Privileged and PHI data grants carry a justification and expire",
    cloud: "azure",
    judges: unionOf(ROLE_ASSIGNMENTS, PIM_ELIGIBILITY_SCHEDULES),
    category: "standing-privilege",
    severity: "medium",
    hipaa: [inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A role assignment of a privileged or PHI data role without a recorded reason, and a PIM eligibility without a justification, a ticket or an expiry, is access nobody can later explain or take back on time. Access authorization means each grant says who asked, why, and until when.",
    remediation:
        "Write the reason and the ticket in the RoleAssignment's description (e.g. \"Claims export; ticket SEC-1042; expires 2027-06-30\"); give each PimRoleEligibilitySchedule a justification, ticketInfo.ticketNumber and scheduleInfo.expiration of type AfterDuration or AfterDateTime.",
    unknowns:
        "An unknown description is reported as unverified (advisory) because its content decides; unknown PIM justification, ticket or expiry values count as set (presence checks); an unknown role is unverified only when the description does not already justify the grant.",
    config: {
        justificationPattern: {
            type: "string",
            default: DEFAULT_PATTERN,
            description:
                "Regular expression (case-insensitive) that a role assignment description must match to count as a justification: by default a ticket id such as SEC-1042 (letters, a dash, two or more digits) or the words ticket, justification, reason, approved or requested.",
        },
    },
    acrossResources: "Only a role that is not a known built-in role, or unknown at preview: it may be a custom RoleDefinition of the stack, judged by its permissions.",
    types: types(...ROLE_ASSIGNMENTS.canonical, ...PIM_ELIGIBILITY_SCHEDULES.canonical),
    checkResource(r, ctx) {
        if (PIM_ELIGIBILITY_SCHEDULES.has(r.type)) checkEligibility(r, ctx);
        else settled.record(r.urn, settleAssignment(r, compile(ctx.config.justificationPattern), ctx));
    },
    checkStack(stack, ctx) {
        const pattern = compile(ctx.config.justificationPattern);
        for (const a of stack.ofType(ROLE_ASSIGNMENTS)) {
            if (!settled.has(a.urn) && !justified(a, pattern)) judgeAssignment(a, resolveRole(stack, a), pattern, ctx);
        }
    },
};

function compile(source: string): RegExp | undefined {
    try {
        return new RegExp(source, "i");
    } catch {
        return undefined;
    }
}

const justified = (a: ResourceInput, pattern: RegExp | undefined) => typeof a.props.description === "string" && pattern?.test(a.props.description) === true;

/** Judges an assignment whose description does not already justify it; true when its own properties settle it (a known built-in role). */
function settleAssignment(a: ResourceInput, pattern: RegExp | undefined, ctx: CheckContext<Config>): boolean {
    if (justified(a, pattern)) return true;
    const role = ownRole(a);
    if (isUnknown(role) || role === "not-built-in") return false;
    judgeAssignment(a, role, pattern, ctx);
    return true;
}

function judgeAssignment(a: ResourceInput, grant: RoleGrant | OwnRole, pattern: RegExp | undefined, ctx: CheckContext<Config>): void {
    const description = a.props.description;
    if (isUnknown(grant)) return ctx.unverified("roleDefinitionId", a.urn);
    if (grant === "not-built-in" || grant.kind === "other" || (!grant.role.privileged && !grant.role.dataRead)) return;
    if (isUnknown(description)) return ctx.unverified("description", a.urn);
    if (!pattern) {
        return ctx.fail({
            problem: "the configured justificationPattern is not a valid regular expression, so the description cannot be judged",
            at: "description",
            fix: "fix justificationPattern in the policy configuration",
            urn: a.urn,
        });
    }
    const what = grant.role.privileged ? "privileged" : "PHI data";
    const problem =
        typeof description === "string" && description.trim() !== ""
            ? `the ${what} role assignment's description gives no justification or ticket`
            : `the ${what} role assignment has no description recording why it was granted`;
    ctx.fail({ problem, at: "description", urn: a.urn });
}


function checkEligibility(s: ResourceInput, ctx: CheckContext<Config>): void {
    if (!isGivenText(s.props.justification)) ctx.fail({ problem: "the PIM eligibility has no justification", at: "justification", urn: s.urn });
    const ticketInfo = s.props.ticketInfo;
    if (!isUnknown(ticketInfo) && !isGivenText(at(ticketInfo, "ticketNumber"))) {
        ctx.fail({ problem: "the PIM eligibility names no ticket", at: "ticketInfo.ticketNumber", fix: "set ticketInfo.ticketNumber (and ticketSystem) to the approved request", urn: s.urn });
    }
    const expiration = at(s.props.scheduleInfo, "expiration");
    if (isUnknown(expiration)) return;
    const type = at(expiration, "type");
    if (isUnknown(type)) return;
    const kind = typeof type === "string" ? type.trim().toLowerCase() : undefined;
    const fix = 'set scheduleInfo.expiration to { type: "AfterDuration", duration: "P180D" } or { type: "AfterDateTime", endDateTime: ... }';
    if (kind === "noexpiration") return ctx.fail({ problem: "the PIM eligibility never expires (NoExpiration)", at: "scheduleInfo.expiration.type", fix, urn: s.urn });
    if (kind === "afterduration" && !isGivenText(at(expiration, "duration"))) {
        return ctx.fail({ problem: "the PIM eligibility expires after a duration but sets none", at: "scheduleInfo.expiration.duration", fix, urn: s.urn });
    }
    if (kind === "afterdatetime" && !isGivenText(at(expiration, "endDateTime"))) {
        return ctx.fail({ problem: "the PIM eligibility expires at a date but sets none", at: "scheduleInfo.expiration.endDateTime", fix, urn: s.urn });
    }
    if (kind !== "afterduration" && kind !== "afterdatetime") {
        ctx.fail({ problem: "the PIM eligibility sets no expiry, so it is permanent where role settings allow it", at: "scheduleInfo.expiration", fix, urn: s.urn });
    }
}
