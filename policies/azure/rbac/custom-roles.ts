import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { ROLE_DEFINITIONS } from "../../lib/azure/roles";
import { ABOVE_RESOURCE_GROUP, resolveScopeLevel, scopeLevel, ScopeLevel, scopeLevelOfResource } from "../../lib/azure-scope";
import { permissionLists } from "../../lib/azure-rbac";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { Settled } from "../../lib/settled";
import { isUnknown } from "../../lib/values";
import { wildcardMatch } from "../../lib/wildcard";

/** Action patterns that reach every provider: a bare star, or any provider with write, delete, action or a star. */
const ALL_PROVIDERS = /^\*(\/(write|delete|action|\*))?$/i;
/** Data actions across every provider (a leading star) or across a whole provider namespace (Microsoft.Storage and a star). */
const BROAD_DATA = /^(\*.*|[^/*]+\/\*)$/i;
const ROLE_ASSIGNMENT_WRITE = "Microsoft.Authorization/roleAssignments/write";

const settled = new Settled();

export const azRbacCustomRoles: ResourceControl = {
    id: "az-rbac-custom-roles",
    title: "Custom roles grant no wildcard rights and are assignable below subscription scope",
    cloud: "azure",
    judges: ROLE_DEFINITIONS,
    category: "broad-permissions",
    severity: "high",
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "A custom RoleDefinition whose actions are `*` (or `*/write`), that may write role assignments, or whose data actions cover every provider is an Owner- or data-owner-equivalent under a harmless name. Assignable at a subscription or above, it can be granted anywhere, including on every PHI store.",
    remediation:
        "List the specific operations the role needs (e.g. Microsoft.Web/sites/restart/action) in permissions[].actions and dataActions, drop Microsoft.Authorization writes, and set assignableScopes to the resource groups it is meant for.",
    unknowns:
        "Unknown permission lists are reported as unverified (advisory); an unknown assignable scope taken from a resource group or resource of the stack is judged by that resource's type, otherwise unverified.",
    acrossResources: "Only assignable scopes unknown at preview: each is placed by the resource its id is taken from.",
    types: ROLE_DEFINITIONS,
    checkResource(role, ctx) {
        checkPermissions(role, ctx);
        settled.record(role.urn, settleScopes(role, ctx));
    },
    checkStack(stack, ctx) {
        for (const role of stack.ofType(ROLE_DEFINITIONS)) if (!settled.has(role.urn)) checkAssignableScopes(stack, role, ctx);
    },
};

function checkPermissions(role: ResourceInput, ctx: CheckContext<unknown>): void {
    const lists = permissionLists(role.props);
    if (isUnknown(lists)) return ctx.unverified("permissions", role.urn);
    for (const p of lists) {
        if (isUnknown(p.actions) || isUnknown(p.notActions)) ctx.unverified(`${p.at}.actions`, role.urn);
        else {
            const wide = p.actions.find((a) => ALL_PROVIDERS.test(a));
            if (wide !== undefined) {
                ctx.fail({
                    problem: `action "${wide}" grants control-plane rights over every resource provider`,
                    at: `${p.at}.actions`,
                    urn: role.urn,
                });
            } else if (grantsUnexcluded(p.actions, p.notActions, ROLE_ASSIGNMENT_WRITE)) {
                ctx.fail({
                    problem: "the role may write role assignments, so its holder can grant itself any role",
                    at: `${p.at}.actions`,
                    fix: "remove Microsoft.Authorization/roleAssignments/write (and Microsoft.Authorization/* patterns); delegate access administration through PIM-eligible built-in roles",
                    urn: role.urn,
                });
            }
        }
        if (isUnknown(p.dataActions)) ctx.unverified(`${p.at}.dataActions`, role.urn);
        else {
            const broad = p.dataActions.find((a) => BROAD_DATA.test(a));
            if (broad !== undefined) {
                ctx.fail({ problem: `data action "${broad}" reads and changes data across a whole provider or every provider`, at: `${p.at}.dataActions`, urn: role.urn });
            }
        }
    }
}

function grantsUnexcluded(actions: string[], notActions: string[], action: string): boolean {
    return actions.some((a) => wildcardMatch(a, action)) && !notActions.some((n) => wildcardMatch(n, action));
}

/** Judges the assignable scopes by the role's own properties; false, reporting nothing, when a scope unknown at preview must be placed through the stack. */
function settleScopes(role: ResourceInput, ctx: CheckContext<unknown>): boolean {
    const scopes = stringListOrUnknowns(role.props.assignableScopes);
    if (scopes === "unknown-list") {
        ctx.unverified("assignableScopes", role.urn);
        return true;
    }
    if (scopes.length === 0) {
        const level = scopeLevel(role.props.scope);
        if (isUnknown(level)) return false;
        judgeDefinitionScope(role, level, ctx);
        return true;
    }
    if (scopes.some((s) => s.scope === undefined)) return false;
    judgeKnownScopes(role, scopes, ctx);
    return true;
}

function checkAssignableScopes(stack: StackIndex, role: StackResource, ctx: CheckContext<unknown>): void {
    const scopes = stringListOrUnknowns(role.props.assignableScopes);
    if (scopes === "unknown-list") return ctx.unverified("assignableScopes", role.urn);
    // Without assignableScopes the role is assignable where it is defined.
    if (scopes.length === 0) {
        const level = resolveScopeLevel(stack, role, "scope");
        if (isUnknown(level)) return ctx.unverified("scope", role.urn);
        return judgeDefinitionScope(role, level, ctx);
    }
    judgeKnownScopes(role, scopes, ctx);
    const unknownCount = scopes.filter((s) => s.scope === undefined).length;
    if (unknownCount > 0 && !unknownScopesAreNarrow(stack, role, unknownCount)) ctx.unverified("assignableScopes", role.urn);
}

function judgeDefinitionScope(role: ResourceInput, level: ScopeLevel, ctx: CheckContext<unknown>): void {
    if (!ABOVE_RESOURCE_GROUP.includes(level)) return;
    ctx.fail({ problem: `the role is assignable at ${level} scope, above any resource group`, at: "scope", fix: "set assignableScopes to the resource groups the role is meant for", urn: role.urn });
}

function judgeKnownScopes(role: ResourceInput, scopes: { scope: string | undefined; i: number }[], ctx: CheckContext<unknown>): void {
    for (const { scope, i } of scopes) {
        const level = scope === undefined ? undefined : scopeLevel(scope);
        if (level !== undefined && !isUnknown(level) && ABOVE_RESOURCE_GROUP.includes(level)) {
            ctx.fail({ problem: `the role is assignable at ${level} scope, above any resource group`, at: `assignableScopes[${i}]`, urn: role.urn });
        }
    }
}

/** Scopes with their index: unknown elements as undefined, non-strings dropped; "unknown-list" when the list itself is unknown. */
function stringListOrUnknowns(v: StackResource["props"][string]): { scope: string | undefined; i: number }[] | "unknown-list" {
    if (isUnknown(v)) return "unknown-list";
    if (!Array.isArray(v)) return typeof v === "string" ? [{ scope: v, i: 0 }] : [];
    return v.flatMap((s, i): { scope: string | undefined; i: number }[] => (isUnknown(s) ? [{ scope: undefined, i }] : typeof s === "string" ? [{ scope: s, i }] : []));
}

/**
 * Unknown elements of assignableScopes are ids of resources of the stack; they are narrow when every
 * resource the property depends on is a resource group or a resource below one.
 */
function unknownScopesAreNarrow(stack: StackIndex, role: StackResource, unknownCount: number): boolean {
    const sources = stack.linked(role, "assignableScopes");
    if (sources.length === 0 || sources.length < unknownCount) return false;
    return sources.every((s) => {
        const level = scopeLevelOfResource(s);
        return level === "resource-group" || level === "resource";
    });
}
