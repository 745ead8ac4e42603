import type { StackControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { coversScope, locationOf, locationOfResourceGroup, permissionLists, RESOURCE_GROUPS, resourceGroupOf, ScopeIndex, ScopeLocation } from "../../lib/azure-rbac";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { types } from "../../lib/type-tokens";
import { asBool, isUnknown, Unknown, UNKNOWN } from "../../lib/values";
import { wildcardMatch } from "../../lib/wildcard";

type Protection = "lock" | "lock-or-deny-assignment" | "deny-assignment";

interface Config {
    protection: Protection;
}

const RG_LOCKS = types("azure-native:authorization:ManagementLockAtResourceGroupLevel");
const SCOPE_LOCKS = types("azure-native:authorization:ManagementLockByScope");
const SUBSCRIPTION_LOCKS = types("azure-native:authorization:ManagementLockAtSubscriptionLevel");
const DENY_ASSIGNMENTS = types("azure-native:authorization:DenyAssignment");
const PROTECTIVE_LOCK_LEVELS = ["cannotdelete", "readonly"];
/** A deny assignment protects a resource group when it denies deleting it. */
const RESOURCE_GROUP_DELETE = "Microsoft.Resources/subscriptions/resourceGroups/delete";

type Outcome = "protected" | "unknown" | "none";

export const azRbacDenyAssignments: StackControl<Config> = {
    id: "az-rbac-deny-assignments",
    title: "PHI resource groups are protected by a management lock or a deny assignment",
    cloud: "azure",
    judges: RESOURCE_GROUPS,
    category: "standing-privilege",
    severity: "medium",
    phiScoped: true,
    hipaa: [inferred("164.308(a)(3)(i)"), inferred("164.312(c)(1)")],
    description:
        "A PHI resource group without a CanNotDelete or ReadOnly lock (or a deny assignment) can be deleted, with every store and backup in it, by one insider holding Contributor. A lock makes destruction a deliberate two-step act that the activity log records.",
    remediation:
        'Add an azure-native:authorization:ManagementLockAtResourceGroupLevel with level "CanNotDelete" (or "ReadOnly") on the resource group, or a DenyAssignment that denies deleting it when protection allows deny assignments.',
    unknowns:
        "A lock or deny assignment whose scope is an unknown id of the stack's resource group is matched through propertyDependencies; an unknown lock level or deny permission list is reported as unverified (advisory) when nothing else protects the group.",
    acrossResources: "Every judgement: whether a lock or deny assignment of the stack covers each PHI resource group.",
    config: {
        protection: {
            type: "string",
            enum: ["lock", "lock-or-deny-assignment", "deny-assignment"],
            default: "lock-or-deny-assignment",
            description:
                'What protects a PHI resource group: "lock" (a CanNotDelete or ReadOnly management lock), "deny-assignment" (a deny assignment that denies deleting it), or either.',
        },
    },
    checkStack(stack, ctx) {
        const groups = stack.ofType(RESOURCE_GROUPS).filter((g) => ctx.isPhi(g));
        if (groups.length === 0) return;
        const protection = ctx.config.protection;
        const protectors = new ScopeIndex<Protector>();
        for (const p of [...(protection !== "deny-assignment" ? locks(stack) : []), ...(protection !== "lock" ? denyAssignments(stack) : [])]) protectors.add(p.location, p);
        for (const group of groups) {
            const where = locationOfResourceGroup(group);
            let outcome: Outcome = "none";
            let unknownAt: { at: string; urn: string } | undefined;
            for (const p of protectors.candidates(where)) {
                const covers = isUnknown(p.location) ? "unknown" : coversScope(p.location, where, p.reachesBelow) ? p.effective : "none";
                if (covers === "protected") {
                    outcome = "protected";
                    break;
                }
                if (covers === "unknown") {
                    outcome = "unknown";
                    unknownAt ??= { at: isUnknown(p.location) ? p.scopeAt : p.effectiveAt, urn: p.urn };
                }
            }
            if (outcome === "protected") continue;
            if (outcome === "unknown" && unknownAt) {
                ctx.unverified(unknownAt.at, unknownAt.urn);
                continue;
            }
            ctx.fail({ problem: `the PHI resource group has no ${describe(protection)}`, at: protection === "deny-assignment" ? "authorization.DenyAssignment" : "authorization.ManagementLockAtResourceGroupLevel", urn: group.urn });
        }
    },
};

function describe(p: Protection): string {
    if (p === "lock") return "CanNotDelete or ReadOnly management lock";
    if (p === "deny-assignment") return "deny assignment that denies deleting it";
    return "CanNotDelete or ReadOnly management lock or deny assignment";
}

interface Protector {
    urn: string;
    location: ScopeLocation | Unknown;
    scopeAt: string;
    /** Locks are inherited by everything below; a deny assignment unless doNotApplyToChildScopes. */
    reachesBelow: boolean;
    effective: Outcome;
    effectiveAt: string;
}

function locks(stack: StackIndex): Protector[] {
    const out: Protector[] = [];
    const level = (l: StackResource): Outcome => {
        const v = l.props.level;
        if (isUnknown(v)) return "unknown";
        return typeof v === "string" && PROTECTIVE_LOCK_LEVELS.includes(v.trim().toLowerCase()) ? "protected" : "none";
    };
    for (const l of stack.ofType(RG_LOCKS)) {
        const rg = resourceGroupOf(stack, l);
        out.push({ urn: l.urn, location: rg ?? UNKNOWN, scopeAt: "resourceGroupName", reachesBelow: true, effective: level(l), effectiveAt: "level" });
    }
    for (const l of stack.ofType(SCOPE_LOCKS)) {
        out.push({ urn: l.urn, location: locationOf(stack, l), scopeAt: "scope", reachesBelow: true, effective: level(l), effectiveAt: "level" });
    }
    for (const l of stack.ofType(SUBSCRIPTION_LOCKS)) {
        out.push({ urn: l.urn, location: { level: "subscription" }, scopeAt: "level", reachesBelow: true, effective: level(l), effectiveAt: "level" });
    }
    return out;
}

function denyAssignments(stack: StackIndex): Protector[] {
    return stack.ofType(DENY_ASSIGNMENTS).map((d) => {
        const childScopes = asBool(d.props.doNotApplyToChildScopes);
        return {
            urn: d.urn,
            location: locationOf(stack, d),
            scopeAt: "scope",
            reachesBelow: childScopes !== true,
            effective: deniesDelete(d),
            effectiveAt: "permissions",
        };
    });
}

function deniesDelete(d: StackResource): Outcome {
    const lists = permissionLists(d.props);
    if (isUnknown(lists)) return "unknown";
    let unknown = false;
    for (const p of lists) {
        if (isUnknown(p.actions) || isUnknown(p.notActions)) {
            unknown = true;
            continue;
        }
        const notActions = p.notActions;
        if (p.actions.some((a) => wildcardMatch(a, RESOURCE_GROUP_DELETE)) && !notActions.some((n) => wildcardMatch(n, RESOURCE_GROUP_DELETE))) return "protected";
    }
    return unknown ? "unknown" : "none";
}
