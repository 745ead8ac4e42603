/**
 * The access graph: who can reach which PHI store, and how. Nodes are principals (people, roles,
 * workloads, accounts and identity providers) and stores; an edge is one step a principal can take
 * (join a group, assume a role, pass a role to a workload, change a workload's code, act as a
 * workload's identity) or one grant on a store, with what it allows there. docs/access-paths.md
 * says what each edge means and what is not modelled.
 */

export type Access = "read" | "write" | "decrypt" | "administer";
export const ACCESSES: readonly Access[] = ["read", "write", "decrypt", "administer"];

export type NodeKind =
    | "user"
    | "group"
    | "role"
    | "permission-set"
    | "workload"
    | "identity"
    | "account"
    | "federation"
    | "principal"
    | "public"
    | "store";

export interface AccessNode {
    /** The URN of a stack resource, else a key naming what lies outside the stack (`aws-account:111122223333`). */
    id: string;
    kind: NodeKind;
    cloud: "aws" | "azure";
    /** A printable name: a resource's Pulumi name, an account id, an identity provider's host; never a property value that could be secret. */
    name: string;
    urn?: string;
    type?: string;
    /** A person acts through it: users, groups, permission sets, roles people assume, accounts and federations they sign in through. */
    human: boolean;
    /** Outside the organisation's boundary (another account or tenant, or anyone). */
    external: boolean;
    /** What lets it change code or infrastructure itself (an action or a role), when something does. */
    changes?: string;
}

export type EdgeKind = "member-of" | "assumes" | "passes-role" | "changes-code" | "runs-as" | "federates" | "grants";

export interface AccessEdge {
    from: string;
    to: string;
    kind: EdgeKind;
    /** What a `grants` edge allows on its store; empty for the steps between principals. */
    access: readonly Access[];
    /** The step as a chain reads it: `assumes deploy-role`, `s3:GetObject on claims-bucket`. */
    text: string;
    /** Where the grant is written: `RolePolicy "x" policy.Statement[0]`. */
    via: string;
    /** It rests on a value unknown at preview (a principal, resource or action list): drawn, not proven. */
    unverified: boolean;
    /** The resource that writes the step (a trust, an assignment, a credential), where a finding about it belongs. */
    urn?: string;
}

export interface AccessPath {
    store: AccessNode;
    principal: AccessNode;
    access: Access;
    /** From the principal to the store, the last edge the grant. */
    edges: readonly AccessEdge[];
    unverified: boolean;
}

/** Thrown by `edge` when the graph reaches its limit; accessGraph catches it and marks the graph incomplete. */
export class GraphLimitReached extends Error {}

export class AccessGraph {
    readonly nodes = new Map<string, AccessNode>();
    readonly edges: AccessEdge[] = [];
    /** Set when building stopped at `maxEdges`: the graph holds only part of the stack's paths. */
    incomplete = false;
    /** Rights the graph could not read (a policy unknown at preview or outside the stack), by where they are: they may add edges. */
    readonly unread: string[] = [];
    private readonly into = new Map<string, AccessEdge[]>();
    private readonly seen = new Set<string>();
    private readonly paths = new Map<string, AccessPath[]>();

    /** `maxEdges` bounds the work: every control and the CLI ask for paths to every store, so the cost grows with the edges. */
    constructor(readonly maxEdges = Infinity) {}

    node(n: AccessNode): AccessNode {
        const known = this.nodes.get(n.id);
        if (known) {
            // A role is human when any trust admits a person; a node outside the boundary stays so.
            known.human ||= n.human;
            known.external ||= n.external;
            return known;
        }
        this.nodes.set(n.id, n);
        return n;
    }

    edge(e: AccessEdge): void {
        if (e.from === e.to) return;
        const key = `${e.from}\0${e.to}\0${e.text}\0${e.access.join(",")}\0${e.unverified}`;
        if (this.seen.has(key)) return;
        if (this.edges.length >= this.maxEdges) throw new GraphLimitReached();
        this.seen.add(key);
        this.edges.push(e);
        const list = this.into.get(e.to);
        if (list) list.push(e);
        else this.into.set(e.to, [e]);
    }

    stores(): AccessNode[] {
        return [...this.nodes.values()].filter((n) => n.kind === "store");
    }

    /**
     * For one store and one kind of access, the shortest path from every principal that has it:
     * a breadth-first search backwards from the store. Paths proven by known values are preferred;
     * a principal reached only through an unverified edge gets its shortest unverified path.
     */
    pathsTo(storeId: string, access: Access): AccessPath[] {
        const key = `${storeId}\0${access}`;
        let found = this.paths.get(key);
        if (!found) this.paths.set(key, (found = this.search(storeId, access)));
        return found;
    }

    /** The search behind pathsTo, run once per store and access (the controls share the answer). */
    private search(storeId: string, access: Access): AccessPath[] {
        const store = this.nodes.get(storeId);
        if (!store) return [];
        const out = new Map<string, AccessPath>();
        for (const verifiedOnly of [true, false]) {
            const next = new Map<string, AccessEdge[]>();
            let frontier: string[] = [];
            for (const e of this.into.get(storeId) ?? []) {
                if (e.kind !== "grants" || !e.access.includes(access) || (verifiedOnly && e.unverified) || next.has(e.from)) continue;
                next.set(e.from, [e]);
                frontier.push(e.from);
            }
            while (frontier.length > 0) {
                const following: string[] = [];
                for (const id of frontier) {
                    const path = next.get(id)!;
                    for (const e of this.into.get(id) ?? []) {
                        if (e.kind === "grants" || (verifiedOnly && e.unverified) || next.has(e.from) || e.from === storeId) continue;
                        next.set(e.from, [e, ...path]);
                        following.push(e.from);
                    }
                }
                frontier = following;
            }
            for (const [id, edges] of next) {
                if (out.has(id)) continue;
                out.set(id, { store, principal: this.nodes.get(id)!, access, edges, unverified: edges.some((e) => e.unverified) });
            }
        }
        return [...out.values()].sort(byPath);
    }

    /** Every path to every store for every kind of access. */
    allPaths(): AccessPath[] {
        return this.stores().flatMap((s) => ACCESSES.flatMap((a) => this.pathsTo(s.id, a)));
    }
}

function byPath(a: AccessPath, b: AccessPath): number {
    return a.edges.length - b.edges.length || a.principal.name.localeCompare(b.principal.name) || a.principal.id.localeCompare(b.principal.id);
}

/** The path as one readable line: `developer -> assumes deploy-role -> s3:GetObject on claims-bucket`. */
export function chain(p: AccessPath): string {
    return [p.principal.name, ...p.edges.map((e) => e.text)].join(" -> ");
}

/** The number of steps: one for a direct grant. */
export const hops = (p: AccessPath): number => p.edges.length;

/** Steps that are more than being in a group: membership gives a user its groups' rights, which the direct-grant controls already judge as the user's own. */
export const steps = (p: AccessPath): number => p.edges.filter((e) => e.kind !== "member-of").length;
