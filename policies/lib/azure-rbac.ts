import { BuiltInRole, builtInRole, judgeRole, ROLE_DEFINITIONS, roleDefinitionGuid, RolePermissions } from "./azure/roles";
import { scopeLevel, ScopeLevel, scopeLevelOfResource } from "./azure-scope";
import type { StackIndex, StackResource } from "./stack-index";
import { RESOURCE_GROUPS, USER_ASSIGNED_IDENTITIES, WEB_APPS } from "./azure/types";
import { asList, at, isUnknown, Plain, Unknown, UNKNOWN } from "./values";

/**
 * Stack-aware readers for Azure RBAC controls: which role an assignment grants, whose it is, and
 * where its scope sits, all decidable at preview through propertyDependencies when ids are unknown.
 */

export { RESOURCE_GROUPS, USER_ASSIGNED_IDENTITIES, WEB_APPS } from "./azure/types";

/** What a role grants: a known built-in role, a custom role defined in the stack, or another role. */
export type RoleGrant =
    | { kind: "built-in"; guid: string; role: BuiltInRole }
    /** `unreadable`: the definition's permissions are unknown at preview, so whether it is privileged cannot be told. */
    | { kind: "custom"; definition: StackResource; role: BuiltInRole; unreadable?: true }
    | { kind: "other" };

/**
 * The role a RoleAssignment or PimRoleEligibilitySchedule grants by its own properties: a known
 * built-in role, another role (a custom role, judged only with the stack), or UNKNOWN at preview.
 */
export type OwnRole = Extract<RoleGrant, { kind: "built-in" }> | "not-built-in" | Unknown;

export function ownRole(r: { props: Record<string, Plain> }, prop = "roleDefinitionId"): OwnRole {
    const guid = roleDefinitionGuid(r.props[prop]);
    if (isUnknown(guid)) return UNKNOWN;
    const role = guid ? builtInRole(guid) : undefined;
    return guid && role ? { kind: "built-in", guid, role } : "not-built-in";
}

/**
 * The role a RoleAssignment or PimRoleEligibilitySchedule grants. A known built-in id is that
 * role; an unknown id that comes from a RoleDefinition in the stack is that custom role, judged by
 * its permissions, as is a known id that names one.
 */
export function resolveRole(stack: StackIndex, r: StackResource, prop = "roleDefinitionId"): RoleGrant | Unknown {
    const own = ownRole(r, prop);
    if (!isUnknown(own) && own !== "not-built-in") return own;
    const definition = stack.linked(r, prop).find((d) => ROLE_DEFINITIONS.has(d.type));
    if (definition) return custom(definition);
    if (isUnknown(own)) return UNKNOWN;
    const guid = roleDefinitionGuid(r.props[prop]);
    const byGuid = typeof guid === "string" ? stack.derive(roleDefinitionsByGuid).get(guid) : undefined;
    return byGuid ? custom(byGuid) : { kind: "other" };
}

/** The stack's role definitions by the GUID of their id or name (the first one in stack order for each). */
function roleDefinitionsByGuid(stack: StackIndex): Map<string, StackResource> {
    const out = new Map<string, StackResource>();
    for (const d of stack.ofType(ROLE_DEFINITIONS)) {
        for (const guid of [roleDefinitionGuid(d.props.roleDefinitionId), roleDefinitionGuid(d.props.name)]) {
            if (typeof guid === "string" && !out.has(guid)) out.set(guid, d);
        }
    }
    return out;
}

/** Role name safe to print: built-in names, or "custom role" (custom names are user text). */
export function roleLabel(grant: RoleGrant): string {
    return grant.kind === "built-in" ? grant.role.name : grant.kind === "custom" ? "a custom role" : "a role";
}

/** A role named for a message: `the privileged role Owner`, or `a custom role with privileged permissions`. */
export function roleWith(grant: RoleGrant, what: string): string {
    return grant.kind === "built-in" ? `the ${what} role ${grant.role.name}` : `${roleLabel(grant)} with ${what} permissions`;
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

function custom(definition: StackResource): RoleGrant {
    const role = customRole(definition);
    return isUnknown(permissionBlocks(permissionLists(definition.props))) ? { kind: "custom", definition, role, unreadable: true } : { kind: "custom", definition, role };
}

/**
 * A custom role judged by the one role model (lib/azure/roles), exactly as a built-in role with the
 * same actions, notActions, dataActions and notDataActions. A permission list unknown at preview
 * counts as changing and reading: the role cannot be shown to be narrow.
 */
function customRole(definition: StackResource): BuiltInRole {
    const blocks = permissionBlocks(permissionLists(definition.props));
    if (isUnknown(blocks)) return { name: "custom role", permissions: [], privileged: false, controlWrite: true, dataRead: true };
    return { name: "custom role", permissions: blocks, ...judgeRole(blocks) };
}

/** Every permission block as the role model reads it, UNKNOWN when any list cannot be read. */
function permissionBlocks(lists: PermissionLists[] | Unknown): RolePermissions[] | Unknown {
    if (isUnknown(lists)) return UNKNOWN;
    const out: RolePermissions[] = [];
    for (const p of lists) {
        if (isUnknown(p.actions) || isUnknown(p.notActions) || isUnknown(p.dataActions) || isUnknown(p.notDataActions)) return UNKNOWN;
        out.push({ actions: p.actions, notActions: p.notActions, dataActions: p.dataActions, notDataActions: p.notDataActions });
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

/**
 * Whether an assignment says, by its own principalType, that it is made to a service principal: a
 * workload identity, which Privileged Identity Management cannot make eligible (people activate
 * roles just in time; workloads cannot).
 */
export function toServicePrincipal(r: { props: Record<string, Plain> }): boolean {
    const t = r.props.principalType;
    return typeof t === "string" && t.trim().toLowerCase() === "serviceprincipal";
}

/** The web or function app whose managed identity (system, or a user-assigned one it uses) an assignment is made to. */
export function appOfAssignment(stack: StackIndex, assignment: StackResource): StackResource | undefined {
    const key = principalKey(stack, assignment);
    return key === undefined ? undefined : stack.derive(appsByIdentityKey).get(key);
}

function appsByIdentityKey(stack: StackIndex): Map<string, StackResource> {
    const apps = new Map<string, StackResource>();
    for (const app of stack.ofType(WEB_APPS)) for (const key of appIdentityKeys(stack, app)) apps.set(key, app);
    return apps;
}

/** The principal keys of an app's identities: its system identity and the user-assigned ones it uses. */
function appIdentityKeys(stack: StackIndex, app: StackResource): string[] {
    const identity = app.props.identity;
    if (identity === undefined || identity === null) return [];
    const keys = identityKeys(app);
    for (const uai of stack.linked(app, "identity").filter((r) => USER_ASSIGNED_IDENTITIES.has(r.type))) keys.push(...identityKeys(uai));
    const assigned = at(identity, "userAssignedIdentities");
    const ids = Array.isArray(assigned) ? assigned : assigned && typeof assigned === "object" && !isUnknown(assigned) ? Object.keys(assigned) : [];
    for (const id of ids) {
        if (typeof id !== "string") continue;
        const uai = userAssignedIdentityById(stack, id);
        if (uai) keys.push(...identityKeys(uai));
    }
    return keys;
}

export function knownPrincipalIn(r: { props: Record<string, Plain> }, ids: readonly string[], prop = "principalId"): boolean | Unknown {
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
    const byName = stack.derive(resourceGroupsByName).get(name.toLowerCase());
    return byName ? locationOfResourceGroup(byName) : { level: "resource-group", rgName: name.toLowerCase() };
}

/** The stack's resource groups by their known name, lower case (the first one in stack order for each). */
function resourceGroupsByName(stack: StackIndex): Map<string, StackResource> {
    const out = new Map<string, StackResource>();
    for (const g of stack.ofType(RESOURCE_GROUPS)) {
        const name = locationOfResourceGroup(g).rgName;
        if (name !== undefined && !out.has(name)) out.set(name, g);
    }
    return out;
}

/** A user-assigned identity of the stack by its known id, compared case-insensitively as Azure ids are. */
export function userAssignedIdentityById(stack: StackIndex, id: string): StackResource | undefined {
    return stack.derive(userAssignedIdentitiesById).get(id.toLowerCase());
}

function userAssignedIdentitiesById(stack: StackIndex): Map<string, StackResource> {
    const out = new Map<string, StackResource>();
    for (const u of stack.ofType(USER_ASSIGNED_IDENTITIES)) {
        const id = u.props.id;
        if (typeof id === "string" && !out.has(id.toLowerCase())) out.set(id.toLowerCase(), u);
    }
    return out;
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

/**
 * Items placed at scopes (access reviews, locks, deny assignments), indexed so that those which can
 * be at a target scope or above it are found without comparing the target with every item: joins
 * of many targets with many items stay linear. It narrows and never decides: callers still judge
 * each candidate with sameScope, isBelow or coversScope. An item whose scope is unknown, or at the
 * root, a management group or a subscription (or whose path is empty), is a candidate for every target.
 *
 * Why the keys find every item that can match (see sameScope and isBelow): an item at a resource
 * group is the same as, or above, a target only through equal or prefix paths, the same resource
 * group URN or the same resource group name; an item at a resource only through an equal path or
 * the same resource URN; nothing lies below a resource.
 */
export class ScopeIndex<T> {
    private readonly everywhere: number[] = [];
    private readonly byKey = new Map<string, number[]>();
    private readonly items: T[] = [];

    add(location: ScopeLocation | Unknown, item: T): void {
        const i = this.items.push(item) - 1;
        // An empty path is above every path (see isBelow).
        if (isUnknown(location) || RANK[location.level] <= RANK.subscription || location.path === "") return void this.everywhere.push(i);
        for (const key of ownKeys(location)) {
            const list = this.byKey.get(key);
            if (list) list.push(i);
            else this.byKey.set(key, [i]);
        }
    }

    /** The items that may be at `target` or above it, in the order they were added. */
    candidates(target: ScopeLocation): T[] {
        const found = new Set(this.everywhere);
        for (const key of targetKeys(target)) for (const i of this.byKey.get(key) ?? []) found.add(i);
        return [...found].sort((a, b) => a - b).map((i) => this.items[i]);
    }
}

/** Keys of an item's own scope (a resource group or a resource; an unrecognised scope covers nothing). */
function ownKeys(l: ScopeLocation): string[] {
    const keys: string[] = [];
    if (l.level !== "resource-group" && l.level !== "resource") return keys;
    if (l.path !== undefined) keys.push(`path:${l.path}`);
    if (l.level === "resource-group") {
        if (l.rgUrn !== undefined) keys.push(`rg-urn:${l.rgUrn}`);
        if (l.rgName !== undefined) keys.push(`rg-name:${l.rgName}`);
    } else if (l.resourceUrn !== undefined) keys.push(`resource-urn:${l.resourceUrn}`);
    return keys;
}

/** Keys under which an item at the target's scope, or at a resource group above it, is filed. */
function targetKeys(t: ScopeLocation): string[] {
    const keys: string[] = [];
    if (t.level !== "resource-group" && t.level !== "resource") return keys;
    if (t.path !== undefined) {
        keys.push(`path:${t.path}`);
        for (let i = t.path.indexOf("/", 1); i > 0; i = t.path.indexOf("/", i + 1)) keys.push(`path:${t.path.slice(0, i)}`);
    }
    if (t.rgUrn !== undefined) keys.push(`rg-urn:${t.rgUrn}`);
    if (t.rgName !== undefined) keys.push(`rg-name:${t.rgName}`);
    if (t.resourceUrn !== undefined) keys.push(`resource-urn:${t.resourceUrn}`);
    return keys;
}
