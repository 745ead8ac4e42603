/**
 * The access graph: who can reach which PHI store, and how. Nodes are principals (people, roles,
 * workloads, accounts and identity providers) and stores; an edge is one step a principal can take
 * (join a group, assume a role, pass a role to a workload, change a workload's code, act as a
 * workload's identity) or one grant on a store, with what it allows there. docs/access-paths.md
 * says what each edge means and what is not modelled.
 *
 * A grant that reaches a whole kind of target (`Resource: "*"` on every bucket, an assignment at the
 * subscription on every storage account, iam:PassRole on every role) is drawn once, to a shared
 * node that stands for that set of targets, and its text is written for each member when a path
 * is printed. Paths through a shared node are searched once for the node, not once per member, and
 * the per-store answers (how many people read it, which principals reach it) are counted from
 * those shared answers: the graph and the searches grow with the stack, not with its square.
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
    cloud: Cloud;
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
    /** An edge to a shared node: the step's text for one member (`s3:GetObject on claims`); `text` then names the whole set. */
    render?: (member: AccessNode) => string;
    /** Drawing order: among shortest paths the one whose steps were drawn first wins, from the store back. */
    seq?: number;
}

/** A shared node: the members a grant drawn to it reaches (stores, or principals it steps to). */
export interface TargetSet {
    id: string;
    cloud: Cloud;
    /** What it stands for, for the JSON report and tests: `every aws:s3/bucket:Bucket store`. */
    name: string;
    members: string[];
}

export type Cloud = "aws" | "azure";

export interface AccessPath {
    store: AccessNode;
    principal: AccessNode;
    access: Access;
    /** From the principal to the store, the last edge the grant. */
    edges: readonly AccessEdge[];
    unverified: boolean;
}

/** Thrown when one cloud's part of the graph reaches the bound on its work; that cloud is then marked incomplete. */
export class GraphLimitReached extends Error {
    constructor(readonly cloud: Cloud) {
        super(`the ${cloud} access graph reached its bound`);
    }
}

/** A principal's best path to a store, or to a shared set of stores (then its last step is drawn to the set and written per store). */
export type Reach = Omit<AccessPath, "store">;

/** A question asked of a path: its principal, its steps, whether it is proven. */
export type PathTest = (p: Reach) => boolean;
const ANY: PathTest = () => true;

/** Paths counted and listed without writing each one out: the readers of a store, or one principal's paths to many stores. */
export interface PathList {
    count(test?: PathTest): number;
    /** The first n paths that pass the test, in the list's order; all of them without n. */
    first(n?: number, test?: PathTest): AccessPath[];
}

/** The merged answer of the shared sets a store belongs to: one best path per principal, in report order. */
interface Shared {
    byPrincipal: Map<string, Reach>;
    sorted: Reach[];
    filtered: Map<PathTest, Reach[]>;
}

export class AccessGraph {
    readonly nodes = new Map<string, AccessNode>();
    /** Every step and grant drawn, those to shared sets once each. */
    readonly edges: AccessEdge[] = [];
    readonly sets = new Map<string, TargetSet>();
    /** Clouds whose part stopped at the bound on work: their paths are not all known. */
    readonly incomplete = new Set<Cloud>();
    /** Rights the graph could not read (a policy unknown at preview or outside the stack), by where they are: they may add edges. */
    readonly unread: string[] = [];
    private readonly into = new Map<string, AccessEdge[]>();
    private readonly seen = new Set<string>();
    private readonly setsOf = new Map<string, string[]>();
    private readonly searched = new Map<string, Reach[]>();
    private readonly shared = new Map<string, Shared>();
    private readonly work = new Map<Cloud, number>();

    /** `maxWork` bounds each cloud's work (a step drawn, a pattern compared, a step searched: one unit each); no bound when absent. */
    constructor(readonly maxWork = Infinity) {}

    /** Counts work for a cloud, and stops it at the bound. */
    spend(cloud: Cloud, units = 1): void {
        const used = (this.work.get(cloud) ?? 0) + units;
        this.work.set(cloud, used);
        if (used > this.maxWork) throw new GraphLimitReached(cloud);
    }

    workOf(cloud: Cloud): number {
        return this.work.get(cloud) ?? 0;
    }

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

    /** A shared node for a set of members (stores, or principals a step leads to), made once per id. */
    set(id: string, cloud: Cloud, name: string, members: readonly string[]): TargetSet {
        let s = this.sets.get(id);
        if (s) return s;
        this.spend(cloud, members.length);
        s = { id, cloud, name, members: [...members] };
        this.sets.set(id, s);
        for (const m of members) {
            const list = this.setsOf.get(m);
            if (list) list.push(id);
            else this.setsOf.set(m, [id]);
        }
        return s;
    }

    edge(e: AccessEdge): void {
        if (e.from === e.to) return;
        const key = `${e.from}\0${e.to}\0${e.text}\0${e.access.join(",")}\0${e.unverified}`;
        if (this.seen.has(key)) return;
        this.spend(this.cloudOf(e.from));
        this.seen.add(key);
        e.seq = this.edges.push(e) - 1;
        const list = this.into.get(e.to);
        if (list) list.push(e);
        else this.into.set(e.to, [e]);
    }

    private cloudOf(id: string): Cloud {
        return this.nodes.get(id)?.cloud ?? this.sets.get(id)?.cloud ?? "aws";
    }

    stores(): AccessNode[] {
        return [...this.nodes.values()].filter((n) => n.kind === "store");
    }

    /**
     * Searches every store of a cloud for one kind of access within the bound, so that the
     * questions asked after it are cheap; false (and the cloud marked incomplete) when the bound is reached.
     */
    complete(cloud: Cloud, access: Access): boolean {
        if (this.incomplete.has(cloud)) return false;
        try {
            for (const s of this.stores()) if (s.cloud === cloud) this.sharedOf(s.id, access);
            return true;
        } catch (e) {
            if (!(e instanceof GraphLimitReached)) throw e;
            this.incomplete.add(e.cloud);
            return false;
        }
    }

    /** For one store and one kind of access, the shortest path from every principal that has it, proven paths first (see `search`). */
    pathsTo(storeId: string, access: Access): AccessPath[] {
        return this.readers(storeId, access).first();
    }

    /** The principals that reach a store with one kind of access, each by its best path, ordered by path length and name. */
    readers(storeId: string, access: Access): PathList {
        const store = this.nodes.get(storeId);
        if (!store) return { count: () => 0, first: () => [] };
        const own = this.searchOnce(storeId, access);
        const shared = this.sharedOf(storeId, access);
        const best = own.map((o) => (shared?.byPrincipal.has(o.principal.id) ? better(o, shared.byPrincipal.get(o.principal.id)!) : o));
        const ownIds = new Set(own.map((o) => o.principal.id));
        return {
            count: (test = ANY) => {
                let n = best.filter(test).length;
                if (shared) n += this.filtered(shared, test).length - own.filter((o) => shared.byPrincipal.has(o.principal.id) && test(shared.byPrincipal.get(o.principal.id)!)).length;
                return n;
            },
            first: (n = Infinity, test = ANY) => {
                const fromShared = shared ? this.filtered(shared, test).slice(0, n + own.length).filter((r) => !ownIds.has(r.principal.id)) : [];
                return [...best.filter(test), ...fromShared]
                    .sort(byPath)
                    .slice(0, n)
                    .map((r) => at(r, store));
            },
        };
    }

    /**
     * Each principal's paths to the given stores (at most one per store, its best), in store order,
     * for the paths that pass `keep`; principals in the order they first appear. A path through a
     * shared set is judged once for all of the set's stores.
     */
    pathsByPrincipal(stores: readonly AccessNode[], access: Access, keep: PathTest): Map<AccessNode, PathList> {
        const own = new Map<string, { index: number; store: AccessNode; reach: Reach }[]>();
        /** Stores where a principal has a path of its own, by shared signature: the shared path does not count there. */
        const overridden = new Map<string, Set<string>>();
        const groups = new Map<string, { shared: Shared; stores: { index: number; store: AccessNode }[] }>();
        stores.forEach((store, index) => {
            const shared = this.sharedOf(store.id, access);
            const sig = shared ? this.signature(store.id, access) : "";
            if (shared) {
                const group = groups.get(sig);
                if (group) group.stores.push({ index, store });
                else groups.set(sig, { shared, stores: [{ index, store }] });
            }
            for (const o of this.searchOnce(store.id, access)) {
                const s = shared?.byPrincipal.get(o.principal.id);
                if (s) overridden.set(`${sig}\0${o.principal.id}`, (overridden.get(`${sig}\0${o.principal.id}`) ?? new Set()).add(store.id));
                const reach = s ? better(o, s) : o;
                if (!keep(reach)) continue;
                const list = own.get(o.principal.id);
                const entry = { index, store, reach };
                if (list) list.push(entry);
                else own.set(o.principal.id, [entry]);
            }
        });
        const segments = new Map<string, { sig: string; stores: { index: number; store: AccessNode }[]; reach: Reach }[]>();
        for (const [sig, g] of groups) {
            for (const reach of this.filtered(g.shared, keep)) {
                const list = segments.get(reach.principal.id);
                const segment = { sig, stores: g.stores, reach };
                if (list) list.push(segment);
                else segments.set(reach.principal.id, [segment]);
            }
        }
        const skip = (sig: string, principal: string) => overridden.get(`${sig}\0${principal}`) ?? new Set<string>();
        const listOf = (principal: string): PathList & { head(): { index: number; reach: Reach } | undefined } => {
            const mine = own.get(principal) ?? [];
            const segs = segments.get(principal) ?? [];
            const entries = (n: number, test: PathTest) => {
                const found = mine.filter((e) => test(e.reach)).slice(0, n);
                for (const seg of segs) {
                    if (!test(seg.reach)) continue;
                    const skipped = skip(seg.sig, principal);
                    let taken = 0;
                    for (const s of seg.stores) {
                        if (taken >= n) break;
                        if (skipped.has(s.store.id)) continue;
                        found.push({ ...s, reach: seg.reach });
                        taken++;
                    }
                }
                return found.sort((a, b) => a.index - b.index).slice(0, n);
            };
            return {
                count: (test = ANY) => mine.filter((e) => test(e.reach)).length + segs.filter((s) => test(s.reach)).reduce((n, s) => n + s.stores.length - skip(s.sig, principal).size, 0),
                first: (n = Infinity, test = ANY) => entries(n, test).map((e) => at(e.reach, e.store)),
                head: () => entries(1, ANY)[0],
            };
        };
        const lists = [...new Set([...own.keys(), ...segments.keys()])].map((id) => ({ list: listOf(id), id })).map((l) => ({ ...l, head: l.list.head() }));
        lists.sort((a, b) => (a.head?.index ?? Infinity) - (b.head?.index ?? Infinity) || (a.head && b.head ? byPath(a.head.reach, b.head.reach) : 0));
        const out = new Map<AccessNode, PathList>();
        for (const { id, list, head } of lists) if (head) out.set(this.nodes.get(id)!, { count: list.count, first: list.first });
        return out;
    }

    /** The shared sets of a store that some principal reaches with this access, as one key. */
    private signature(storeId: string, access: Access): string {
        return (this.setsOf.get(storeId) ?? []).filter((id) => this.searchOnce(id, access).length > 0).join("\0");
    }

    /** The merged paths of the shared sets a store belongs to, computed once per combination of sets. */
    private sharedOf(storeId: string, access: Access): Shared | undefined {
        this.searchOnce(storeId, access);
        const sig = this.signature(storeId, access);
        if (sig === "") return undefined;
        const key = `${access}\0${sig}`;
        let shared = this.shared.get(key);
        if (shared) return shared;
        const byPrincipal = new Map<string, Reach>();
        for (const id of sig.split("\0")) {
            const found = this.searchOnce(id, access);
            this.spend(this.sets.get(id)!.cloud, found.length);
            for (const r of found) {
                const known = byPrincipal.get(r.principal.id);
                byPrincipal.set(r.principal.id, known ? better(known, r) : r);
            }
        }
        shared = { byPrincipal, sorted: [...byPrincipal.values()].sort(byPath), filtered: new Map() };
        this.shared.set(key, shared);
        return shared;
    }

    private filtered(shared: Shared, test: PathTest): Reach[] {
        let list = shared.filtered.get(test);
        if (!list) shared.filtered.set(test, (list = test === ANY ? shared.sorted : shared.sorted.filter(test)));
        return list;
    }

    private searchOnce(targetId: string, access: Access): Reach[] {
        const key = `${targetId}\0${access}`;
        let found = this.searched.get(key);
        if (!found) this.searched.set(key, (found = this.search(targetId, access)));
        return found;
    }

    /**
     * The search behind the paths, run once per store or shared set and kind of access: a
     * breadth-first search backwards from the target. Paths proven by known values are preferred; a
     * principal reached only through an unverified edge gets its shortest unverified path. Steps are
     * taken in the order they were drawn, so among shortest paths the one drawn first wins. A shared
     * set of principals (every role a grant reaches) is entered once per search, through the first
     * of its members the search meets.
     */
    private search(targetId: string, access: Access): Reach[] {
        const cloud = this.cloudOf(targetId);
        const out = new Map<string, Reach>();
        for (const verifiedOnly of [true, false]) {
            const next = new Map<string, AccessEdge[]>();
            const entered = new Set<string>();
            let frontier: string[] = [];
            for (const e of this.into.get(targetId) ?? []) {
                this.spend(cloud);
                if (e.kind !== "grants" || !e.access.includes(access) || (verifiedOnly && e.unverified) || next.has(e.from)) continue;
                next.set(e.from, [e]);
                frontier.push(e.from);
            }
            while (frontier.length > 0) {
                const following: string[] = [];
                for (const id of frontier) {
                    const path = next.get(id)!;
                    for (const e of this.steps(id, entered)) {
                        this.spend(cloud);
                        if (e.kind === "grants" || (verifiedOnly && e.unverified) || next.has(e.from) || e.from === targetId) continue;
                        next.set(e.from, [e.render ? { ...e, to: id, text: e.render(this.nodes.get(id)!) } : e, ...path]);
                        following.push(e.from);
                    }
                }
                frontier = following;
            }
            for (const [id, edges] of next) {
                if (out.has(id) || !this.nodes.has(id)) continue;
                out.set(id, { principal: this.nodes.get(id)!, access, edges, unverified: edges.some((e) => e.unverified) });
            }
        }
        return [...out.values()].sort(byPath);
    }

    /** The steps into a node in drawing order: its own, and those into the shared sets it belongs to that this search has not entered yet. */
    private steps(id: string, entered: Set<string>): readonly AccessEdge[] {
        const own = this.into.get(id) ?? [];
        const sets = (this.setsOf.get(id) ?? []).filter((s) => !entered.has(s));
        if (sets.length === 0) return own;
        for (const s of sets) entered.add(s);
        return [...own, ...sets.flatMap((s) => this.into.get(s) ?? [])].sort((a, b) => a.seq! - b.seq!);
    }

    /** Every path to every store for every kind of access. */
    allPaths(): AccessPath[] {
        return this.stores().flatMap((s) => ACCESSES.flatMap((a) => this.pathsTo(s.id, a)));
    }
}

/** A path found for a shared set, written for one of its stores (its last step names the store). */
function at(r: Reach, store: AccessNode): AccessPath {
    const last = r.edges[r.edges.length - 1];
    const edges = last.render ? [...r.edges.slice(0, -1), { ...last, to: store.id, text: last.render(store) }] : r.edges;
    return { ...r, store, edges };
}

/**
 * The better of two paths of one principal to one store, as a search over both would choose:
 * proven before unverified, then fewer steps, then the steps drawn first, from the store back.
 */
function better(a: Reach, b: Reach): Reach {
    if (a.unverified !== b.unverified) return a.unverified ? b : a;
    if (a.edges.length !== b.edges.length) return a.edges.length < b.edges.length ? a : b;
    for (let i = a.edges.length - 1; i >= 0; i--) {
        const d = a.edges[i].seq! - b.edges[i].seq!;
        if (d !== 0) return d < 0 ? a : b;
    }
    return a;
}

function byPath(a: Reach, b: Reach): number {
    return a.edges.length - b.edges.length || a.principal.name.localeCompare(b.principal.name) || a.principal.id.localeCompare(b.principal.id);
}

/** The path as one readable line: `developer -> assumes deploy-role -> s3:GetObject on claims-bucket`. */
export function chain(p: AccessPath): string {
    return [p.principal.name, ...p.edges.map((e) => e.text)].join(" -> ");
}

/** The number of steps: one for a direct grant. */
export const hops = (p: Reach): number => p.edges.length;

/** Steps that are more than being in a group: membership gives a user its groups' rights, which the direct-grant controls already judge as the user's own. */
export const steps = (p: Reach): number => p.edges.filter((e) => e.kind !== "member-of").length;
