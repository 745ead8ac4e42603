import { azureBoundary, tenantSide } from "../azure/boundary";
import { readsStore, ROLE_ASSIGNMENTS, RolePermissions } from "../azure/roles";
import { AZ_ALL_PHI_STORES, AZ_KEY_VAULTS, azStoreKind } from "../azure/stores";
import { USER_ASSIGNED_IDENTITIES, WEB_APPS } from "../azure/types";
import { coversScope, identityKeys, locationOf, principalKey, resolveRole, resourceGroupOf, roleLabel, ScopeLocation, userAssignedIdentityById } from "../azure-rbac";
import type { BoundarySettings } from "../core/boundary";
import { label } from "../aws/principals";
import type { StackIndex, StackResource } from "../stack-index";
import { types } from "../type-tokens";
import { wildcardOverlap } from "../wildcard";
import { asList, at, isObject, isUnknown, Plain, Unknown } from "../values";
import { Access, AccessGraph, AccessNode, TargetSet } from "./graph";

/**
 * The Azure part of the access graph, read with the one role model (lib/azure/roles, custom roles
 * judged like built-in ones) and the scope readers of lib/azure-rbac: an assignment at a management
 * group, subscription or resource group reaches every store below it (inherited), Key Vault access
 * policies, the account keys that listKeys returns, apps that act as their managed identities, and
 * identities federated to an outside issuer.
 */

export interface AzureGraphScope {
    isPhi(r: StackResource): boolean;
    settings: BoundarySettings;
}

const KEY_VAULT_ACCESS_POLICIES = types("azure-native:keyvault:AccessPolicy");
const FEDERATED_CREDENTIALS = types("azure-native:managedidentity:FederatedIdentityCredential");
const ENTRA_USERS = types("azuread:index/user:User");
const ENTRA_GROUPS = types("azuread:index/group:Group");
const ENTRA_MEMBERS = types("azuread:index/groupMember:GroupMember");

/** Key Vault access-policy permissions that read what the vault holds, or decrypt with its keys. */
const VAULT_READS: Readonly<Record<string, readonly [string, Access][]>> = {
    secrets: [["get", "read"], ["all", "read"]],
    keys: [["decrypt", "decrypt"], ["unwrapkey", "decrypt"], ["all", "decrypt"]],
    certificates: [["get", "read"], ["all", "read"]],
};

/**
 * Whether a role's permissions name operations of the store's provider (the catalog's): it changes
 * or owns that store only when they do (a Storage Account Contributor changes no Key Vault).
 */
function concerns(blocks: readonly RolePermissions[], provider: string): boolean {
    return blocks.some((p) => [...p.actions, ...(p.dataActions ?? [])].some((pattern) => wildcardOverlap(pattern.trim(), `${provider}/*`)));
}

const LEVEL_WORDS: Readonly<Record<string, string>> = { root: "the tenant root", "management-group": "management group", subscription: "subscription", "resource-group": "resource group" };

interface Placed {
    node: AccessNode;
    r: StackResource;
    location: ScopeLocation;
}

/**
 * Resources placed at scopes, indexed so that those an assignment may reach (at its scope or below
 * it) are found without comparing it with every resource: by resource and by resource group. It
 * narrows and never decides: callers judge each candidate with coversScope.
 */
class Below {
    private readonly byKey = new Map<string, Placed[]>();

    constructor(private readonly all: readonly Placed[]) {
        for (const p of all) for (const key of placedKeys(p.location)) {
            const list = this.byKey.get(key);
            if (list) list.push(p);
            else this.byKey.set(key, [p]);
        }
    }

    candidates(scope: ScopeLocation | Unknown): readonly Placed[] {
        if (isUnknown(scope) || (scope.level !== "resource-group" && scope.level !== "resource")) return this.all;
        const found = new Set<Placed>();
        for (const key of keysOf(scope)) for (const p of this.byKey.get(key) ?? []) found.add(p);
        return [...found];
    }
}

/** Keys of a scope an assignment is made at: its resource, or its resource group. */
function keysOf(l: ScopeLocation): string[] {
    const keys: string[] = [];
    if (l.level === "resource") {
        if (l.resourceUrn !== undefined) keys.push(`resource-urn:${l.resourceUrn}`);
        if (l.path !== undefined) keys.push(`resource-path:${l.path}`);
        return keys;
    }
    if (l.rgUrn !== undefined) keys.push(`rg-urn:${l.rgUrn}`);
    if (l.rgName !== undefined) keys.push(`rg-name:${l.rgName}`);
    if (l.path !== undefined) keys.push(`rg-path:${l.path}`);
    return keys;
}

/** Keys a resource is filed under: its own, and those of its resource group (an assignment there reaches it). */
function placedKeys(l: ScopeLocation): string[] {
    const group = l.path?.match(/^\/?subscriptions\/[^/]+\/resourcegroups\/[^/]+/)?.[0];
    return [...keysOf(l), ...keysOf({ level: "resource-group", rgUrn: l.rgUrn, rgName: l.rgName, path: group })];
}

class AzureGraphBuilder {
    private readonly stores: Placed[] = [];
    private readonly apps: Placed[] = [];

    constructor(private readonly stack: StackIndex, private readonly scope: AzureGraphScope, private readonly g: AccessGraph) {}

    build(): void {
        for (const r of this.stack.ofType(AZ_ALL_PHI_STORES)) {
            if (!this.scope.isPhi(r)) continue;
            this.stores.push({ node: this.g.node({ id: r.urn, urn: r.urn, type: r.type, kind: "store", cloud: "azure", name: r.name, human: false, external: false }), r, location: this.locationOfResource(r) });
        }
        for (const app of this.stack.ofType(WEB_APPS)) {
            this.apps.push({ node: this.workload(app), r: app, location: this.locationOfResource(app) });
            this.appIdentities(app);
        }
        const byStore = new Below(this.stores);
        const byApp = new Below(this.apps);
        for (const a of this.stack.ofType(ROLE_ASSIGNMENTS)) this.assignment(a, byStore, byApp);
        this.vaultPolicies();
        this.federation();
        this.entraMembership();
    }

    private locationOfResource(r: StackResource): ScopeLocation {
        const rg = resourceGroupOf(this.stack, r);
        const id = r.props.id;
        return { level: "resource", resourceUrn: r.urn, path: typeof id === "string" && id !== "" ? id.trim().toLowerCase().replace(/\/+$/, "") : undefined, rgUrn: rg?.rgUrn, rgName: rg?.rgName };
    }

    private workload(app: StackResource): AccessNode {
        return this.g.node({ id: app.urn, urn: app.urn, type: app.type, kind: "workload", cloud: "azure", name: app.name, human: false, external: false });
    }

    private identity(r: StackResource): AccessNode {
        return this.g.node({ id: r.urn, urn: r.urn, type: r.type, kind: "identity", cloud: "azure", name: r.name, human: false, external: false });
    }

    /** An app acts as its user-assigned identities (its system identity is the app itself). */
    private appIdentities(app: StackResource): void {
        const identity = app.props.identity;
        const assigned = isObject(identity) ? identity.userAssignedIdentities : undefined;
        const ids = isObject(assigned) ? Object.keys(assigned) : Array.isArray(assigned) ? assigned.filter((v): v is string => typeof v === "string") : [];
        const found = new Set<StackResource>(this.stack.linked(app, "identity").filter((r) => USER_ASSIGNED_IDENTITIES.has(r.type)));
        for (const id of ids) {
            const uai = userAssignedIdentityById(this.stack, id);
            if (uai) found.add(uai);
        }
        for (const uai of found) {
            this.g.edge({ from: app.urn, to: this.identity(uai).id, kind: "runs-as", access: [], text: `runs as ${uai.name}`, via: `${label(app)} identity.userAssignedIdentities`, unverified: false, urn: app.urn });
        }
    }

    /** The node of the principal a property names: a resource of the stack (an identity, an app, an Entra user or group), else the principal id. */
    private principal(r: StackResource, prop: string, type?: Plain): AccessNode {
        const linked = this.stack.linked(r, prop);
        if (linked.length === 1) {
            const p = linked[0];
            if (USER_ASSIGNED_IDENTITIES.has(p.type)) return this.identity(p);
            if (WEB_APPS.has(p.type)) return this.workload(p);
            if (ENTRA_USERS.has(p.type) || ENTRA_GROUPS.has(p.type)) {
                const kind = ENTRA_USERS.has(p.type) ? "user" : "group";
                return this.g.node({ id: p.urn, urn: p.urn, type: p.type, kind, cloud: "azure", name: p.name, human: true, external: false });
            }
        }
        const key = principalKey(this.stack, r, prop);
        if (key === undefined) return this.g.node({ id: `azure-unknown:${r.urn}`, kind: "principal", cloud: "azure", name: "a principal unknown at preview", human: false, external: false });
        const owner = this.byIdentityKey().get(key);
        if (owner) return USER_ASSIGNED_IDENTITIES.has(owner.type) ? this.identity(owner) : this.workload(owner);
        const t = typeof type === "string" ? type.trim().toLowerCase() : "";
        const kind = t === "user" ? "user" : t === "group" || t === "foreigngroup" ? "group" : "principal";
        const id = key.startsWith("id:") ? key.slice(3) : key;
        return this.g.node({ id: `azure-principal:${key}`, kind, cloud: "azure", name: `${kind === "principal" ? "principal" : kind} ${id}`, human: kind !== "principal", external: t === "foreigngroup" });
    }

    private identityKeyIndex?: Map<string, StackResource>;
    private byIdentityKey(): Map<string, StackResource> {
        if (!this.identityKeyIndex) {
            this.identityKeyIndex = new Map();
            for (const r of [...this.stack.ofType(USER_ASSIGNED_IDENTITIES), ...this.stack.ofType(WEB_APPS)]) for (const k of identityKeys(r)) this.identityKeyIndex.set(k, r);
        }
        return this.identityKeyIndex;
    }

    private assignment(a: StackResource, byStore: Below, byApp: Below): void {
        const role = resolveRole(this.stack, a);
        if (!isUnknown(role) && role.kind === "other") return;
        const where = locationOf(this.stack, a);
        const from = this.principal(a, "principalId", a.props.principalType);
        const unverified = isUnknown(role) || isUnknown(where) || (role.kind === "custom" && role.unreadable === true) || from.id.startsWith("azure-unknown:");
        const name = isUnknown(role) ? "a role unknown at preview" : roleLabel(role);
        const via = `${label(a)} roleDefinitionId`;
        const inherited = this.inherited(a, where);
        for (const group of this.covered(where, byStore, "stores")) {
            const store = azStoreKind(group.members[0].r.type)!;
            const accesses: [Access, string][] = [];
            // A role unknown at preview, or a custom role whose permissions are, may read every store it reaches.
            if (isUnknown(role) || (role.kind === "custom" && role.unreadable === true)) accesses.push(["read", name]);
            else {
                const read = readsStore(role.role.permissions, store.kind);
                if (read) accesses.push(["read", read.how ? `${read.how} with ${name}` : name]);
            }
            if (!isUnknown(role) && concerns(role.role.permissions, store.provider)) {
                if (role.role.controlWrite) accesses.push(["write", name]);
                if (role.role.privileged) accesses.push(["administer", name]);
            }
            for (const [access, what] of accesses) {
                const text = (store: { name: string }) => `${what} on ${store.name}${inherited}`;
                if (group.set) this.g.edge({ from: from.id, to: group.set.id, kind: "grants", access: [access], text: text(group.set), via, unverified, urn: a.urn, render: text });
                else for (const store of group.members) this.g.edge({ from: from.id, to: store.r.urn, kind: "grants", access: [access], text: text(store.r), via, unverified, urn: a.urn });
            }
        }
        if (isUnknown(role) || !role.role.controlWrite) return;
        from.changes ??= name;
        for (const group of this.covered(where, byApp, "apps")) {
            const text = (app: { name: string }) => `deploys code to ${app.name} with ${name}${inherited}`;
            if (group.set) this.g.edge({ from: from.id, to: group.set.id, kind: "changes-code", access: [], text: text(group.set), via, unverified, urn: a.urn, render: text });
            else for (const app of group.members) this.g.edge({ from: from.id, to: app.r.urn, kind: "changes-code", access: [], text: text(app.r), via, unverified, urn: a.urn });
        }
    }

    private readonly coverage = new Map<string, { members: Placed[]; set?: TargetSet }[]>();

    /**
     * The stores (or apps) an assignment's scope reaches, by type, worked out once per scope: the
     * assignments made at one subscription or management group share the answer, and their grants
     * are drawn once each, to a shared node per type (written per member when a path is printed).
     */
    private covered(where: ScopeLocation | Unknown, below: Below, what: string): { members: Placed[]; set?: TargetSet }[] {
        const scopeKey = isUnknown(where) ? "unknown" : JSON.stringify(where);
        const key = `${what}\0${scopeKey}`;
        let groups = this.coverage.get(key);
        if (groups) return groups;
        const candidates = below.candidates(where);
        this.g.spend("azure", candidates.length);
        const byType = new Map<string, Placed[]>();
        for (const p of candidates) {
            if (!isUnknown(where) && !coversScope(where, p.location, true)) continue;
            const list = byType.get(p.r.type);
            if (list) list.push(p);
            else byType.set(p.r.type, [p]);
        }
        groups = [...byType].map(([type, members]) => ({
            members,
            set: members.length > 1 ? this.g.set(`azure-set:${what}:${type}:${scopeKey}`, "azure", `${members.length} ${type} ${what}`, members.map((m) => m.r.urn)) : undefined,
        }));
        this.coverage.set(key, groups);
        return groups;
    }

    /** How an assignment above the resource reaches it: ` (inherited from resource group rg-phi)`. */
    private inherited(a: StackResource, where: ScopeLocation | Unknown): string {
        if (isUnknown(where)) return " (scope unknown at preview)";
        if (where.level === "resource") return "";
        const source = this.stack.linked(a, "scope")[0];
        const named = source ? ` ${source.name}` : where.level === "resource-group" && where.rgName ? ` ${where.rgName}` : "";
        return ` (inherited from ${LEVEL_WORDS[where.level] ?? where.level}${named})`;
    }

    /** Key Vault access policies, inline on the vault or standalone: who may get secrets or decrypt with keys. */
    private vaultPolicies(): void {
        const phi = new Map(this.stores.filter((s) => AZ_KEY_VAULTS.has(s.r.type)).map((s) => [s.r.urn, s]));
        for (const vault of phi.values()) {
            const entries = asList(at(vault.r.props, "properties.accessPolicies"));
            if (isUnknown(entries)) {
                this.g.unread.push(`${label(vault.r)}: properties.accessPolicies`);
                continue;
            }
            entries.forEach((e, i) => this.vaultEntry(vault.r, vault.r, e, `properties.accessPolicies[${i}]`));
        }
        for (const p of this.stack.ofType(KEY_VAULT_ACCESS_POLICIES)) {
            for (const vault of this.stack.linked(p, "vaultName")) if (phi.has(vault.urn)) this.vaultEntry(p, vault, p.props.policy, "policy");
        }
    }

    private vaultEntry(holder: StackResource, vault: StackResource, entry: Plain, path: string): void {
        if (!isObject(entry)) return;
        const from = isUnknown(entry.objectId) ? this.linkedObject(holder, path) : typeof entry.objectId === "string" ? this.principalById(entry.objectId) : undefined;
        if (!from) return;
        for (const [kind, grants] of Object.entries(VAULT_READS)) {
            const listed = asList(at(entry, `permissions.${kind}`));
            const unknown = isUnknown(listed);
            const names = unknown ? [] : listed.filter((v): v is string => typeof v === "string").map((v) => v.trim().toLowerCase());
            for (const [permission, access] of grants) {
                if (!unknown && !names.includes(permission)) continue;
                this.g.edge({ from: from.node.id, to: vault.urn, kind: "grants", access: [access], text: `Key Vault access policy ${kind} ${unknown ? "(unknown at preview)" : permission} on ${vault.name}`, via: `${label(holder)} ${path}`, unverified: unknown || from.unverified, urn: holder.urn });
                break;
            }
        }
    }

    private linkedObject(holder: StackResource, path: string): { node: AccessNode; unverified: boolean } | undefined {
        const top = path.split(/[.[]/)[0];
        const linked = this.stack.linked(holder, top).filter((r) => USER_ASSIGNED_IDENTITIES.has(r.type) || WEB_APPS.has(r.type));
        if (linked.length !== 1) return { node: this.g.node({ id: `azure-unknown:${holder.urn}:${path}`, kind: "principal", cloud: "azure", name: "a principal unknown at preview", human: false, external: false }), unverified: true };
        const p = linked[0];
        return { node: USER_ASSIGNED_IDENTITIES.has(p.type) ? this.identity(p) : this.workload(p), unverified: true };
    }

    private principalById(objectId: string): { node: AccessNode; unverified: boolean } {
        const key = `id:${objectId.trim().toLowerCase()}`;
        const owner = this.byIdentityKey().get(key);
        if (owner) return { node: USER_ASSIGNED_IDENTITIES.has(owner.type) ? this.identity(owner) : this.workload(owner), unverified: false };
        return { node: this.g.node({ id: `azure-principal:${key}`, kind: "principal", cloud: "azure", name: `principal ${objectId.trim().toLowerCase()}`, human: false, external: false }), unverified: false };
    }

    /**
     * A federated credential lets tokens of an outside issuer act as a user-assigned identity. An
     * Entra issuer names its tenant, judged by the organisation's boundary.
     */
    private federation(): void {
        if (this.stack.ofType(FEDERATED_CREDENTIALS).length === 0) return;
        const boundary = azureBoundary(this.stack, this.scope.settings);
        for (const f of this.stack.ofType(FEDERATED_CREDENTIALS)) {
            const issuer = f.props.issuer;
            const identities = this.stack.linked(f, "resourceName").filter((r) => USER_ASSIGNED_IDENTITIES.has(r.type));
            if (identities.length === 0) continue;
            const text = typeof issuer === "string" ? issuer.trim() : undefined;
            const tenant = text ? /^https:\/\/(?:login\.microsoftonline\.com|sts\.windows\.net)\/([0-9a-f-]{36})/i.exec(text)?.[1] : undefined;
            const external = tenant !== undefined && tenantSide(boundary, tenant) === "outside";
            const name = text === undefined ? "an issuer unknown at preview" : tenant ? `tenant ${tenant.toLowerCase()}` : hostOf(text);
            const node = this.g.node({ id: `azure-federation:${name}`, kind: "federation", cloud: "azure", name, human: false, external });
            for (const uai of identities) {
                this.g.edge({ from: node.id, to: this.identity(uai).id, kind: "federates", access: [], text: `signs in as ${uai.name} (federated credential)`, via: `${label(f)} issuer`, unverified: text === undefined, urn: f.urn });
            }
        }
    }

    /** Entra group members (azuread provider) hold what their groups hold. */
    private entraMembership(): void {
        for (const m of this.stack.ofType(ENTRA_MEMBERS)) {
            const groups = this.stack.linked(m, "groupObjectId").filter((g) => ENTRA_GROUPS.has(g.type));
            for (const member of this.stack.linked(m, "memberObjectId").filter((u) => ENTRA_USERS.has(u.type) || ENTRA_GROUPS.has(u.type))) {
                const from = this.g.node({ id: member.urn, urn: member.urn, type: member.type, kind: ENTRA_USERS.has(member.type) ? "user" : "group", cloud: "azure", name: member.name, human: true, external: false });
                for (const group of groups) {
                    const to = this.g.node({ id: group.urn, urn: group.urn, type: group.type, kind: "group", cloud: "azure", name: group.name, human: true, external: false });
                    this.g.edge({ from: from.id, to: to.id, kind: "member-of", access: [], text: `member of ${group.name}`, via: label(m), unverified: false });
                }
            }
        }
    }
}

function hostOf(url: string): string {
    try {
        return new URL(url).host;
    } catch {
        return "an issuer that is not a URL";
    }
}

export function addAzureEdges(stack: StackIndex, scope: AzureGraphScope, graph: AccessGraph): void {
    new AzureGraphBuilder(stack, scope, graph).build();
}
