import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import { PIM_ELIGIBILITY_SCHEDULES, ROLE_ASSIGNMENTS, roleDefinitionGuid } from "../../lib/azure/roles";
import { coversScope, locationOf, locationOfPath, locationOfResourceGroup, resolveRole, RESOURCE_GROUPS, sameScope, ScopeIndex, ScopeLocation } from "../../lib/azure-rbac";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { asBool, asNumber, at, isUnknown, Unknown } from "../../lib/values";

const SUBSCRIPTION_REVIEWS = types("azure-native:authorization:AccessReviewScheduleDefinitionById");
const SCOPE_REVIEWS = types("azure-native:authorization:ScopeAccessReviewScheduleDefinitionById");
const REVIEWS = types(...SUBSCRIPTION_REVIEWS.canonical, ...SCOPE_REVIEWS.canonical);

/** The longest interval of each recurrence pattern that still reviews at least once a quarter. */
const QUARTERLY: Record<string, number> = { weekly: 13, absolutemonthly: 3 };

interface Review {
    r: StackResource;
    location: ScopeLocation | Unknown;
    reachesBelow: boolean | Unknown;
    excluded: ScopeLocation | Unknown | undefined;
    excludedRole: string | undefined | Unknown;
}

type Coverage = "covered" | "unknown" | "none";


export const azAccessReviews: ResourceControl = {
    id: "az-access-reviews",
    title: "PHI resource groups and privileged roles are under recurring access reviews",
    cloud: "azure",
    judges: unionOf(SUBSCRIPTION_REVIEWS, SCOPE_REVIEWS, RESOURCE_GROUPS, ROLE_ASSIGNMENTS, PIM_ELIGIBILITY_SCHEDULES),
    category: "monitoring",
    severity: "medium",
    phiScoped: true,
    hipaa: [inferred("164.308(a)(4)(ii)(C)")],
    description:
        "Access to PHI and privileged roles accumulates: people change teams, projects end, and nobody removes the grant. An Azure access review that recurs at least quarterly and applies its decisions automatically takes back access that nobody confirms.",
    remediation:
        'Add an azure-native:authorization:ScopeAccessReviewScheduleDefinitionById with scope set to the resource group (or a subscription-wide review with includeAccessBelowResource: true), type "absoluteMonthly" with interval 3 or less (or "weekly" with 13 or less), and autoApplyDecisionsEnabled: true.',
    unknowns:
        "Scopes unknown at preview are matched through propertyDependencies; an unknown recurrence, auto-apply setting, or a scope that cannot be placed is reported as unverified (advisory).",
    acrossResources: "Coverage: each PHI resource group and each privileged role assignment or eligibility must lie within the scope of some review.",
    types: REVIEWS,
    checkResource(review, ctx) {
        checkSchedule(review, ctx);
    },
    checkStack(stack, ctx) {
        const reviews = stack.ofType(REVIEWS).map((r) => readReview(stack, r));
        const byScope = new ScopeIndex<Review>();
        for (const review of reviews) byScope.add(review.location, review);
        const coverage = (target: ScopeLocation, roleGuid: string | undefined) => coverageBy(byScope.candidates(target), target, roleGuid);
        for (const group of stack.ofType(RESOURCE_GROUPS)) {
            if (!ctx.isPhi(group)) continue;
            report(coverage(locationOfResourceGroup(group), undefined), group, "the PHI resource group", ctx);
        }
        for (const grant of [...stack.ofType(ROLE_ASSIGNMENTS), ...stack.ofType(PIM_ELIGIBILITY_SCHEDULES)]) {
            const role = resolveRole(stack, grant);
            if (isUnknown(role) || role.kind === "other" || !role.role.privileged) continue;
            const where = locationOf(stack, grant);
            if (isUnknown(where)) {
                ctx.unverified("scope", grant.urn);
                continue;
            }
            const what = PIM_ELIGIBILITY_SCHEDULES.has(grant.type) ? "eligibility" : "assignment";
            // A custom role is excluded from a review by its own definition id, when that is known.
            const guid = role.kind === "built-in" ? role.guid : roleDefinitionGuid(grant.props.roleDefinitionId);
            report(coverage(where, typeof guid === "string" ? guid : undefined), grant, `the ${role.kind === "built-in" ? role.role.name : "custom privileged role"} ${what}`, ctx);
        }
    },
};

function readReview(stack: StackIndex, r: StackResource): Review {
    let location: ScopeLocation | Unknown = { level: "subscription" };
    if (SCOPE_REVIEWS.has(r.type)) {
        // Inputs name the scope as an id; the provider's outputs as an object with resourceId.
        const resourceId = at(r.props.scope, "resourceId");
        location = typeof resourceId === "string" ? locationOfPath(resourceId) : locationOf(stack, r);
    }
    const excludedId = r.props.excludeResourceId;
    return {
        r,
        location,
        reachesBelow: asBool(r.props.includeAccessBelowResource) ?? false,
        excluded: excludedId === undefined || excludedId === null ? undefined : locationOf(stack, r, "excludeResourceId"),
        excludedRole: roleDefinitionGuid(r.props.excludeRoleDefinitionId),
    };
}

function coverageBy(reviews: Review[], target: ScopeLocation, roleGuid: string | undefined): Coverage {
    let result: Coverage = "none";
    for (const review of reviews) {
        if (isUnknown(review.location)) {
            result = "unknown";
            continue;
        }
        const same = coversScope(review.location, target, false);
        const below = !same && coversScope(review.location, target, true);
        if (!same && !below) continue;
        if (below && isUnknown(review.reachesBelow)) {
            result = "unknown";
            continue;
        }
        if (below && review.reachesBelow !== true) continue;
        if (review.excluded !== undefined && (isUnknown(review.excluded) || sameScope(review.excluded, target))) continue;
        if (roleGuid !== undefined && (isUnknown(review.excludedRole) || review.excludedRole === roleGuid)) continue;
        return "covered";
    }
    return result;
}

function report(c: Coverage, target: StackResource, what: string, ctx: CheckContext<unknown>): void {
    if (c === "covered") return;
    if (c === "unknown") return ctx.unverified("authorization.ScopeAccessReviewScheduleDefinitionById.scope", target.urn);
    ctx.fail({ problem: `${what} is not covered by any access review`, at: "authorization.ScopeAccessReviewScheduleDefinitionById", urn: target.urn });
}

/** The review itself must recur at least quarterly and apply its decisions. */
function checkSchedule(r: ResourceInput, ctx: CheckContext<unknown>): void {
    const fix = 'set type "absoluteMonthly" with interval 3 or less (or "weekly" with 13 or less)';
    const type = r.props.type;
    const interval = asNumber(r.props.interval);
    if (isUnknown(type) || (typeof type === "string" && type.includes("/"))) {
        // The provider's outputs carry the resource type in `type`, so the pattern is not readable;
        // an interval of 3 or less is at least quarterly under either pattern.
        if (isUnknown(interval) || interval === undefined || interval > QUARTERLY.absolutemonthly) ctx.unverified("type", r.urn);
    } else if (typeof type !== "string" || QUARTERLY[type.trim().toLowerCase()] === undefined) {
        ctx.fail({ problem: "the access review does not recur (no weekly or monthly recurrence pattern)", at: "type", fix, urn: r.urn });
    } else {
        const max = QUARTERLY[type.trim().toLowerCase()];
        if (isUnknown(interval)) ctx.unverified("interval", r.urn);
        else if (interval === undefined) ctx.fail({ problem: "the access review recurrence sets no interval", at: "interval", fix, urn: r.urn });
        else if (interval < 1 || interval > max) {
            ctx.fail({ problem: `the access review recurs less often than quarterly (${type.trim()} every ${interval})`, at: "interval", fix, urn: r.urn });
        }
    }
    const autoApply = asBool(r.props.autoApplyDecisionsEnabled);
    if (isUnknown(autoApply)) ctx.unverified("autoApplyDecisionsEnabled", r.urn);
    else if (autoApply !== true) {
        ctx.fail({ problem: "the access review does not apply its decisions, so denied access stays", at: "autoApplyDecisionsEnabled", fix: "set autoApplyDecisionsEnabled: true (and defaultDecision \"Deny\")", urn: r.urn });
    }
}
