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
 * is printed. Paths through a shared node are searched once for the node, not once per member: a
 * set of stores once per kind of access, a set of principals (the roles every principal of an
 * account may assume) once for everyone upstream of it, joined to each store where the store's own
 * search meets one of its members. The per-store answers (how many people read it, which principals
 * reach it) are counted from those shared answers, kept once for all stores whose entries look
 * alike: the graph and the searches grow with the stack, not with its square.
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
    /** Drawing order: among shortest paths the one whose steps come first wins, from the store back (see `before`). */
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

/**
 * A question asked of a path: its principal, the number and kinds of its steps, whether it is
 * proven. Stores that share a union are judged on one of them, so a test must not ask which store
 * a path ends at or what a step's text says.
 */
export type PathTest = (p: Reach) => boolean;
const ANY: PathTest = () => true;

/** Paths counted and listed without writing each one out: the readers of a store, or one principal's paths to many stores. */
export interface PathList {
    count(test?: PathTest): number;
    /** The first n paths that pass the test, in the list's order; all of them without n. */
    first(n?: number, test?: PathTest): AccessPath[];
}

/** The best path of a principal into a combination of shared sets of principals: its last step is drawn to a set, and written for a member when joined. */
interface Lead {
    principal: AccessNode;
    edges: readonly AccessEdge[];
    unverified: boolean;
}

/** Where a store's own search first meets a member of shared sets of principals, in one pass: the member's path to the store, and the paths into its sets. */
interface Entry {
    member: AccessNode;
    path: readonly AccessEdge[];
    leads: Map<string, Lead>;
    /** What of the entry decides a choice between paths or a test on one: the pass, the sets, each step's kind and whether it is proven. */
    shape: string;
}

/** A principal's best path apart from a store's own: through a shared set of stores (`from` -1), or joined to the store's entry `from`. */
interface Candidate {
    /** Written for the first store of its union: what tests and ordering judge, the same for every store that shares it. */
    reach: AccessPath;
    from: number;
    /** The shared path, or the lead, before it is written for a store. */
    edges: readonly AccessEdge[];
}

/** The candidates of every store with one answer key, one per principal, in report order. */
interface Union {
    byPrincipal: Map<string, Candidate>;
    sorted: Candidate[];
    filtered: Map<PathTest, Candidate[]>;
}

/** A store's readers for one kind of access: its own paths (merged with the union), and the union it shares with stores of the same key. */
interface Answer {
    store: AccessNode;
    key: string;
    entries: Entry[];
    own: Reach[];
    ownIds: Set<string>;
    union?: Union;
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
    private readonly leads = new Map<string, Map<string, Lead>>();
    private readonly answers = new Map<string, Answer>();
    private readonly unions = new Map<string, Union>();
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
            for (const s of this.stores()) if (s.cloud === cloud) this.answerOf(s, access);
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
        if (store?.kind !== "store") return { count: () => 0, first: () => [] };
        const a = this.answerOf(store, access);
        const union = a.union;
        return {
            count: (test = ANY) => {
                const n = a.own.filter(test).length;
                if (!union) return n;
                const counted = (o: Reach) => {
                    const c = union.byPrincipal.get(o.principal.id);
                    return c !== undefined && test(c.reach);
                };
                return n + this.filtered(union, test).length - a.own.filter(counted).length;
            },
            first: (n = Infinity, test = ANY) => {
                const fromUnion = union
                    ? this.filtered(union, test)
                          .slice(0, n + a.own.length)
                          .filter((c) => !a.ownIds.has(c.reach.principal.id))
                          .map((c) => this.write(a, c))
                    : [];
                return [...a.own.filter(test), ...fromUnion]
                    .sort(byPath)
                    .slice(0, n)
                    .map((r) => at(r, store));
            },
        };
    }

    /**
     * Each principal's paths to the given stores (at most one per store, its best), in store order,
     * for the paths that pass `keep`; principals in the order they first appear. A path that stores
     * share (through a shared set of stores or of principals) is judged once for all of them.
     */
    pathsByPrincipal(stores: readonly AccessNode[], access: Access, keep: PathTest): Map<AccessNode, PathList> {
        interface Listed {
            index: number;
            reach: Reach;
            write(): AccessPath;
        }
        const own = new Map<string, Listed[]>();
        /** Stores where a principal has a path of its own, by union: the shared path does not count there. */
        const overridden = new Map<string, Set<string>>();
        const groups = new Map<string, { union: Union; stores: { index: number; answer: Answer }[] }>();
        stores.forEach((store, index) => {
            const answer = this.answerOf(store, access);
            const union = answer.union;
            if (union) {
                const group = groups.get(answer.key);
                if (group) group.stores.push({ index, answer });
                else groups.set(answer.key, { union, stores: [{ index, answer }] });
            }
            for (const reach of answer.own) {
                const key = `${answer.key}\0${reach.principal.id}`;
                if (union?.byPrincipal.has(reach.principal.id)) overridden.set(key, (overridden.get(key) ?? new Set()).add(store.id));
                if (!keep(reach)) continue;
                const list = own.get(reach.principal.id);
                const entry = { index, reach, write: () => at(reach, store) };
                if (list) list.push(entry);
                else own.set(reach.principal.id, [entry]);
            }
        });
        const segments = new Map<string, { key: string; stores: { index: number; answer: Answer }[]; candidate: Candidate }[]>();
        for (const [key, g] of groups) {
            for (const candidate of this.filtered(g.union, keep)) {
                const list = segments.get(candidate.reach.principal.id);
                const segment = { key, stores: g.stores, candidate };
                if (list) list.push(segment);
                else segments.set(candidate.reach.principal.id, [segment]);
            }
        }
        const skip = (key: string, principal: string) => overridden.get(`${key}\0${principal}`) ?? new Set<string>();
        const listOf = (principal: string): PathList & { head(): Listed | undefined } => {
            const mine = own.get(principal) ?? [];
            const segs = segments.get(principal) ?? [];
            const entries = (n: number, test: PathTest): Listed[] => {
                const found = mine.filter((e) => test(e.reach)).slice(0, n);
                for (const seg of segs) {
                    if (!test(seg.candidate.reach)) continue;
                    const skipped = skip(seg.key, principal);
                    let taken = 0;
                    for (const s of seg.stores) {
                        if (taken >= n) break;
                        if (skipped.has(s.answer.store.id)) continue;
                        found.push({ index: s.index, reach: seg.candidate.reach, write: () => at(this.write(s.answer, seg.candidate), s.answer.store) });
                        taken++;
                    }
                }
                return found.sort((a, b) => a.index - b.index).slice(0, n);
            };
            return {
                count: (test = ANY) => mine.filter((e) => test(e.reach)).length + segs.filter((s) => test(s.candidate.reach)).reduce((n, s) => n + s.stores.length - skip(s.key, principal).size, 0),
                first: (n = Infinity, test = ANY) => entries(n, test).map((e) => e.write()),
                head: () => entries(1, ANY)[0],
            };
        };
        const lists = [...new Set([...own.keys(), ...segments.keys()])].map((id) => ({ list: listOf(id), id })).map((l) => ({ ...l, head: l.list.head() }));
        lists.sort((a, b) => (a.head?.index ?? Infinity) - (b.head?.index ?? Infinity) || (a.head && b.head ? byPath(a.head.reach, b.head.reach) : 0));
        const out = new Map<AccessNode, PathList>();
        for (const { id, list, head } of lists) if (head) out.set(this.nodes.get(id)!, { count: list.count, first: list.first });
        return out;
    }

    /**
     * A store's readers for one kind of access, found once. Its own search stops at shared sets of
     * principals: where it first meets a member of one, the paths into that member's sets (searched
     * once per combination of sets, not once per store) are joined to the member's path. With the
     * paths of the shared sets of stores it belongs to, those joined paths form a union that stores
     * with the same shape of entries share (see `Answer`); only the principals with a path of the
     * store's own are merged for the store alone.
     */
    private answerOf(store: AccessNode, access: Access): Answer {
        const id = `${store.id}\0${access}`;
        let answer = this.answers.get(id);
        if (answer) return answer;
        const found = new Map<string, Reach>();
        const entries: Entry[] = [];
        for (const verifiedOnly of [true, false]) {
            const start = this.grantsInto(store.id, store.cloud, access, verifiedOnly);
            const met = new Set<string>();
            for (const [from, edges] of this.bfs(start, store.cloud, verifiedOnly, store.id, undefined)) {
                const principal = this.nodes.get(from);
                if (!principal) continue;
                if (!found.has(from)) found.set(from, { principal, access, edges, unverified: edges.some((e) => e.unverified) });
                const sets = this.setsOf.get(from) ?? [];
                if (sets.every((s) => met.has(s))) continue;
                for (const s of sets) met.add(s);
                const sig = sets.join("\0");
                const shape = `${verifiedOnly}:${sig}:${edges.map((e) => `${e.kind}${e.unverified ? "?" : ""}`).join(",")}`;
                entries.push({ member: principal, path: edges, leads: this.leadsOf(sig, store.cloud, verifiedOnly), shape });
            }
        }
        const sig = this.signature(store.id, access);
        const relations = entries.flatMap((a, i) => entries.slice(i + 1).map((b) => order(a.path, b.path)));
        const key = `${access}\0${sig}\0${entries.map((e) => e.shape).join("\u0001")}\0${relations.join("")}`;
        answer = { store, key, entries, own: [], ownIds: new Set(found.keys()) };
        if (sig !== "" || entries.length > 0) answer.union = this.unionOf(answer, sig, access);
        const union = answer.union;
        answer.own = [...found.values()]
            .map((o) => {
                const c = union?.byPrincipal.get(o.principal.id);
                return c ? better(o, this.write(answer!, c)) : o;
            })
            .sort(byPath);
        this.answers.set(id, answer);
        return answer;
    }

    /**
     * Each principal's best path to a store apart from the store's own paths, among those through
     * the shared sets of stores it belongs to and those joined to its entries, made once per
     * answer key from the first store with that key. Stores with the same key choose the same
     * way: the choice rests only on what the key holds (the steps' kinds, whether proven, and how
     * the entries' paths compare), never on which store it is.
     */
    private unionOf(answer: Answer, sig: string, access: Access): Union {
        let union = this.unions.get(answer.key);
        if (union) return union;
        const byPrincipal = new Map<string, Candidate>();
        const add = (c: Candidate) => {
            this.spend(answer.store.cloud);
            const known = byPrincipal.get(c.reach.principal.id);
            if (!known || better(known.reach, c.reach) !== known.reach) byPrincipal.set(c.reach.principal.id, c);
        };
        for (const id of sig === "" ? [] : sig.split("\0")) for (const shared of this.searchOnce(id, access)) add({ reach: at(shared, answer.store), from: -1, edges: shared.edges });
        answer.entries.forEach((entry, from) => {
            for (const lead of entry.leads.values()) add({ reach: { ...joined(lead.principal, lead.edges, entry, access), store: answer.store }, from, edges: lead.edges });
        });
        union = { byPrincipal, sorted: [...byPrincipal.values()].sort((a, b) => byPath(a.reach, b.reach)), filtered: new Map() };
        this.unions.set(answer.key, union);
        return union;
    }

    /** A union's path written for one of the stores that share it. */
    private write(answer: Answer, c: Candidate): AccessPath {
        if (c.from < 0) return at({ ...c.reach, edges: c.edges }, answer.store);
        return { ...joined(c.reach.principal, c.edges, answer.entries[c.from], c.reach.access), store: answer.store };
    }

    /** The shared sets of a store that some principal reaches with this access, as one key. */
    private signature(storeId: string, access: Access): string {
        return (this.setsOf.get(storeId) ?? []).filter((id) => this.searchOnce(id, access).length > 0).join("\0");
    }

    private filtered(union: Union, test: PathTest): Candidate[] {
        let list = union.filtered.get(test);
        if (!list) union.filtered.set(test, (list = test === ANY ? union.sorted : union.sorted.filter((c) => test(c.reach))));
        return list;
    }

    /** The best path of every principal into a combination of shared sets of principals, in one pass (proven steps only, or all). */
    private leadsOf(sig: string, cloud: Cloud, verifiedOnly: boolean): Map<string, Lead> {
        const id = `${verifiedOnly}\0${sig}`;
        let leads = this.leads.get(id);
        if (leads) return leads;
        const sets = sig.split("\0");
        const start = sets.flatMap((s) => this.into.get(s) ?? []).filter((e) => {
            this.spend(cloud);
            return e.kind !== "grants" && !(verifiedOnly && e.unverified);
        });
        start.sort((a, b) => a.seq! - b.seq!);
        leads = new Map();
        for (const [from, edges] of this.bfs(start, cloud, verifiedOnly, undefined, new Set(sets))) {
            const principal = this.nodes.get(from);
            if (principal) leads.set(from, { principal, edges, unverified: edges.some((e) => e.unverified) });
        }
        this.leads.set(id, leads);
        return leads;
    }

    /** The paths of a shared set of stores, searched once per kind of access. */
    private searchOnce(setId: string, access: Access): Reach[] {
        const key = `${setId}\0${access}`;
        let found = this.searched.get(key);
        if (!found) this.searched.set(key, (found = this.search(setId, access)));
        return found;
    }

    /**
     * The search behind a shared set of stores, run once per set and kind of access: a
     * breadth-first search backwards from the set. Paths proven by known values are preferred; a
     * principal reached only through an unverified edge gets its shortest unverified path.
     */
    private search(setId: string, access: Access): Reach[] {
        const cloud = this.cloudOf(setId);
        const out = new Map<string, Reach>();
        for (const verifiedOnly of [true, false]) {
            const start = this.grantsInto(setId, cloud, access, verifiedOnly);
            for (const [id, edges] of this.bfs(start, cloud, verifiedOnly, setId, new Set())) {
                if (out.has(id) || !this.nodes.has(id)) continue;
                out.set(id, { principal: this.nodes.get(id)!, access, edges, unverified: edges.some((e) => e.unverified) });
            }
        }
        return [...out.values()].sort(byPath);
    }

    /** The grants of one kind of access into a store or a shared set of stores, in drawing order; only proven ones in the first pass. */
    private grantsInto(targetId: string, cloud: Cloud, access: Access, verifiedOnly: boolean): AccessEdge[] {
        return (this.into.get(targetId) ?? []).filter((e) => {
            this.spend(cloud);
            return e.kind === "grants" && e.access.includes(access) && !(verifiedOnly && e.unverified);
        });
    }

    /**
     * Breadth first, backwards from the start edges (in their order), each principal's first path:
     * steps are taken in order (a node's own before those into the shared sets it belongs to, each
     * in drawing order), so that among the shortest paths the one that comes first from the target
     * back wins (see `better`). Without `entered` the search stops at shared sets of principals;
     * with it, each set is entered once, through the first of its members the search meets.
     */
    private bfs(start: readonly AccessEdge[], cloud: Cloud, verifiedOnly: boolean, target: string | undefined, entered: Set<string> | undefined): Map<string, AccessEdge[]> {
        const next = new Map<string, AccessEdge[]>();
        let frontier: string[] = [];
        for (const e of start) {
            if (next.has(e.from)) continue;
            next.set(e.from, [e]);
            frontier.push(e.from);
        }
        while (frontier.length > 0) {
            const following: string[] = [];
            for (const id of frontier) {
                const path = next.get(id)!;
                for (const e of entered ? this.steps(id, entered) : (this.into.get(id) ?? [])) {
                    this.spend(cloud);
                    if (e.kind === "grants" || (verifiedOnly && e.unverified) || next.has(e.from) || e.from === target) continue;
                    next.set(e.from, [e.render ? { ...e, to: id, text: e.render(this.nodes.get(id)!) } : e, ...path]);
                    following.push(e.from);
                }
            }
            frontier = following;
        }
        return next;
    }

    /** The steps into a node in order: its own, then those into the shared sets it belongs to that this search has not entered yet, each in drawing order. */
    private steps(id: string, entered: Set<string>): readonly AccessEdge[] {
        const own = this.into.get(id) ?? [];
        const sets = (this.setsOf.get(id) ?? []).filter((s) => !entered.has(s));
        if (sets.length === 0) return own;
        for (const s of sets) entered.add(s);
        return [...own, ...sets.flatMap((s) => this.into.get(s) ?? []).sort((a, b) => a.seq! - b.seq!)];
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

/** Of two steps at the same place in two paths, which comes first: one drawn to the node itself before one drawn to a shared set, then the one drawn first. */
function before(a: AccessEdge, b: AccessEdge): number {
    return (a.render ? 1 : 0) - (b.render ? 1 : 0) || a.seq! - b.seq!;
}

/**
 * The better of two paths of one principal to one store, as a search over both would choose:
 * proven before unverified, then fewer steps, then the steps that come first (`before`), from the store back.
 */
function better(a: Reach, b: Reach): Reach {
    if (a.unverified !== b.unverified) return a.unverified ? b : a;
    if (a.edges.length !== b.edges.length) return a.edges.length < b.edges.length ? a : b;
    for (let i = a.edges.length - 1; i >= 0; i--) {
        const d = before(a.edges[i], b.edges[i]);
        if (d !== 0) return d < 0 ? a : b;
    }
    return a;
}

/** How two entries' paths compare from the store back: which comes first, or that one ends where the other goes on, or that they are the same. */
function order(a: readonly AccessEdge[], b: readonly AccessEdge[]): string {
    for (let i = 1; i <= Math.min(a.length, b.length); i++) {
        const d = before(a[a.length - i], b[b.length - i]);
        if (d !== 0) return d < 0 ? "<" : ">";
    }
    return a.length === b.length ? "=" : a.length < b.length ? "a" : "b";
}

/** A lead joined to an entry: its last step written for the entry's member, then the member's path to the store. */
function joined(principal: AccessNode, lead: readonly AccessEdge[], entry: Entry, access: Access): Reach {
    const last = lead[lead.length - 1];
    const edges = [...lead.slice(0, -1), { ...last, to: entry.member.id, text: last.render ? last.render(entry.member) : last.text }, ...entry.path];
    return { principal, access, edges, unverified: edges.some((e) => e.unverified) };
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
