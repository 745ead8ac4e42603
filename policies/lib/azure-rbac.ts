import { BuiltInRole, builtInRole, ROLE_DEFINITIONS, roleDefinitionGuid } from "./azure-roles";
import { scopeLevel, ScopeLevel, scopeLevelOfResource } from "./azure-scope";
import type { StackIndex, StackResource } from "./stack-index";
import { RESOURCE_GROUPS } from "./azure/types";
import { asList, at, isUnknown, Plain, Unknown, UNKNOWN } from "./values";

/**
 * Stack-aware readers for Azure RBAC controls: which role an assignment grants, whose it is, and
 * where its scope sits, all decidable at preview through propertyDependencies when ids are unknown.
 */

export { RESOURCE_GROUPS, USER_ASSIGNED_IDENTITIES, WEB_APPS } from "./azure/types";

/** What a role grants: a known built-in role, a custom role defined in the stack, or another role. */
export type RoleGrant =
    | { kind: "built-in"; guid: string; role: BuiltInRole }
    | { kind: "custom"; definition: StackResource; role: BuiltInRole }
    | { kind: "other" };

/**
 * The role a RoleAssignment or PimRoleEligibilitySchedule grants. An unknown id that comes from a
 * RoleDefinition in the stack is that custom role, judged by its permissions.
 */
export function resolveRole(stack: StackIndex, r: StackResource, prop = "roleDefinitionId"): RoleGrant | Unknown {
    const guid = roleDefinitionGuid(r.props[prop]);
    const definition = stack.linked(r, prop).find((d) => ROLE_DEFINITIONS.has(d.type));
    if (definition) return { kind: "custom", definition, role: customRole(definition) };
    if (isUnknown(guid)) return UNKNOWN;
    const role = guid ? builtInRole(guid) : undefined;
    if (guid && role) return { kind: "built-in", guid, role };
    const byGuid = guid ? stack.ofType(ROLE_DEFINITIONS).find((d) => roleDefinitionGuid(d.props.roleDefinitionId) === guid || roleDefinitionGuid(d.props.name) === guid) : undefined;
    return byGuid ? { kind: "custom", definition: byGuid, role: customRole(byGuid) } : { kind: "other" };
}

/** Role name safe to print: built-in names, or "custom role" (custom names are user text). */
export function roleLabel(grant: RoleGrant): string {
    return grant.kind === "built-in" ? grant.role.name : grant.kind === "custom" ? "a custom role" : "a role";
}

/** The action and data-action lists of a role definition's permissions (UNKNOWN when unreadable). */
export interface PermissionLists {
    at: string;
    actions: string[] | Unknown;
    notActions: string[] | Unknown;
    dataActions: string[] | Unknown;
    notDataActions: string[] | Unknown;
}

export function permissionLists(props: Record<string, Plain>): PermissionLists[] | Unknown {
    const permissions = asList(props.permissions);
    if (isUnknown(permissions)) return UNKNOWN;
    return permissions.map((p, i) => ({
        at: `permissions[${i}]`,
        actions: stringList(at(p, "actions")),
        notActions: stringList(at(p, "notActions")),
        dataActions: stringList(at(p, "dataActions")),
        notDataActions: stringList(at(p, "notDataActions")),
    }));
}

export function stringList(v: Plain): string[] | Unknown {
    const list = asList(v);
    if (isUnknown(list) || list.some(isUnknown)) return UNKNOWN;
    return list.filter((x): x is string => typeof x === "string").map((x) => x.trim());
}

const WRITE = /(^\*$|\/\*$|\/write$|\/delete$)/i;
const DATA_READ = /(^\*$|\/\*$|\/read$)/i;
const KEY_LISTING = /(^\*$|^microsoft\.(storage|documentdb)\/(\*|.*\/\*|.*\/list(readonly)?keys\/action)$)/i;

/**
 * How a custom role counts for segregation of duties: control-plane writes (write or delete
 * actions, or wildcards), data reads (read data actions, or listing storage or Cosmos DB keys).
 * An unreadable permission list counts as both: the role cannot be shown to be narrow.
 */
function customRole(definition: StackResource): BuiltInRole {
    const lists = permissionLists(definition.props);
    const actions = allOf(lists, (p) => p.actions);
    const dataActions = allOf(lists, (p) => p.dataActions);
    const controlWrite = isUnknown(actions) || actions.some((a) => WRITE.test(a));
    const dataRead = isUnknown(dataActions) || isUnknown(actions) || dataActions.some((a) => DATA_READ.test(a)) || actions.some((a) => KEY_LISTING.test(a));
    return { name: "custom role", privileged: false, controlWrite, dataRead };
}

/** One list of every permission block, UNKNOWN when any of them cannot be read. */
function allOf(lists: PermissionLists[] | Unknown, pick: (p: PermissionLists) => string[] | Unknown): string[] | Unknown {
    if (isUnknown(lists)) return UNKNOWN;
    const out: string[] = [];
    for (const p of lists) {
        const v = pick(p);
        if (isUnknown(v)) return UNKNOWN;
        out.push(...v);
    }
    return out;
}

/**
 * A key for the principal an assignment is made to, so that assignments of one principal group
 * together. A known principalId is the key; an unknown one taken from a managed identity in the
 * stack (a web app's system identity, a user-assigned identity) is keyed by that resource, or by
 * its principalId once known. Undefined when the principal cannot be told at preview.
 */
export function principalKey(stack: StackIndex, r: StackResource, prop = "principalId"): string | undefined {
    const id = r.props[prop];
    if (typeof id === "string" && id.trim() !== "") return `id:${id.trim().toLowerCase()}`;
    const sources = stack.linked(r, prop);
    if (sources.length !== 1) return undefined;
    return identityKeys(sources[0])[0];
}

/** The principal keys a resource with a managed identity is known by (see principalKey). */
export function identityKeys(r: StackResource): string[] {
    const known = [r.props.principalId, at(r.props.identity, "principalId")].find((v) => typeof v === "string" && v.trim() !== "");
    return typeof known === "string" ? [`id:${known.trim().toLowerCase()}`, `urn:${r.urn}`] : [`urn:${r.urn}`];
}

export function knownPrincipalIn(r: StackResource, ids: readonly string[], prop = "principalId"): boolean | Unknown {
    const id = r.props[prop];
    if (isUnknown(id)) return UNKNOWN;
    return typeof id === "string" && ids.some((p) => p.trim().toLowerCase() === id.trim().toLowerCase());
}

/**
 * Where a scope sits: its level, its normalised id when known, and the resource group (and
 * resource) of the stack it points at when the id is unknown at preview.
 */
export interface ScopeLocation {
    level: ScopeLevel;
    path?: string;
    rgUrn?: string;
    rgName?: string;
    resourceUrn?: string;
}

const normalise = (scope: string) => scope.trim().toLowerCase().replace(/\/+$/, "");

export function locationOfPath(scope: string): ScopeLocation {
    const level = scopeLevel(scope) as ScopeLevel;
    const path = normalise(scope);
    const parts = path.split("/").filter((p) => p !== "");
    const rgName = parts[0] === "subscriptions" && parts[2] === "resourcegroups" ? parts[3] : undefined;
    return { level, path, rgName };
}

/** The location of a resource group of the stack. */
export function locationOfResourceGroup(rg: StackResource): ScopeLocation {
    const id = rg.props.id;
    const name = [rg.props.resourceGroupName, rg.props.name].find((v) => typeof v === "string" && v !== "");
    return {
        level: "resource-group",
        path: typeof id === "string" && id !== "" ? normalise(id) : undefined,
        rgUrn: rg.urn,
        rgName: typeof name === "string" ? name.toLowerCase() : undefined,
    };
}

/** The scope location of property `prop` of `r` (e.g. a role assignment's `scope`). */
export function locationOf(stack: StackIndex, r: StackResource, prop = "scope"): ScopeLocation | Unknown {
    const value = r.props[prop];
    if (typeof value === "string") {
        const loc = locationOfPath(value);
        const linkedRg = stack.linked(r, prop).find((s) => RESOURCE_GROUPS.has(s.type));
        return linkedRg && loc.level === "resource-group" ? { ...loc, rgUrn: linkedRg.urn } : loc;
    }
    if (!isUnknown(value)) return { level: "unrecognised" };
    const sources = stack.linked(r, prop);
    if (sources.length !== 1) return UNKNOWN;
    const source = sources[0];
    const level = scopeLevelOfResource(source);
    if (isUnknown(level)) return UNKNOWN;
    if (level === "resource-group") return locationOfResourceGroup(source);
    if (level !== "resource") return { level };
    const rg = resourceGroupOf(stack, source);
    return { level: "resource", resourceUrn: source.urn, rgUrn: rg?.rgUrn, rgName: rg?.rgName };
}

/** The resource group a resource of the stack is created in (through `resourceGroupName`). */
export function resourceGroupOf(stack: StackIndex, r: StackResource, prop = "resourceGroupName"): ScopeLocation | undefined {
    const linked = (r.propertyDependencies[prop] ?? []).map((u) => stack.get(u)).find((s) => s !== undefined && RESOURCE_GROUPS.has(s.type));
    if (linked) return locationOfResourceGroup(linked);
    const name = r.props[prop];
    if (typeof name !== "string" || name === "") return undefined;
    const byName = stack.ofType(RESOURCE_GROUPS).find((g) => locationOfResourceGroup(g).rgName === name.toLowerCase());
    return byName ? locationOfResourceGroup(byName) : { level: "resource-group", rgName: name.toLowerCase() };
}

const RANK: Record<ScopeLevel, number> = { root: 0, "management-group": 1, subscription: 2, "resource-group": 3, resource: 4, unrecognised: 5 };

/** Whether two locations name the same scope. */
export function sameScope(a: ScopeLocation, b: ScopeLocation): boolean {
    if (a.level !== b.level || a.level === "unrecognised") return false;
    if (a.path !== undefined && b.path !== undefined) return a.path === b.path;
    if (a.level === "root") return true;
    // A stack deploys into one subscription: subscription scopes whose ids are unknown are the same.
    if (a.level === "subscription") return true;
    if (a.level === "resource-group") return sameGroup(a, b);
    if (a.level === "resource") return a.resourceUrn !== undefined && a.resourceUrn === b.resourceUrn;
    return false;
}

function sameGroup(a: ScopeLocation, b: ScopeLocation): boolean {
    if (a.rgUrn !== undefined && b.rgUrn !== undefined) return a.rgUrn === b.rgUrn;
    return a.rgName !== undefined && a.rgName === b.rgName;
}

/** Whether `inner` lies strictly below `outer` (a resource group below its subscription, ...). */
export function isBelow(inner: ScopeLocation, outer: ScopeLocation): boolean {
    if (inner.level === "unrecognised" || outer.level === "unrecognised" || RANK[inner.level] <= RANK[outer.level]) return false;
    if (inner.path !== undefined && outer.path !== undefined) return outer.path === "" || inner.path.startsWith(`${outer.path}/`);
    if (outer.level === "root" || outer.level === "management-group" || outer.level === "subscription") return true;
    return outer.level === "resource-group" && sameGroup(inner, outer);
}

/** Whether a scope covers another: the same scope, or (when it reaches down) one above it. */
export function coversScope(outer: ScopeLocation, inner: ScopeLocation, reachesBelow: boolean): boolean {
    return sameScope(outer, inner) || (reachesBelow && isBelow(inner, outer));
}
