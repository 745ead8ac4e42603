import { strict as assert } from "assert";
import fc from "fast-check";
import { Access, AccessEdge, AccessGraph, AccessNode, ACCESSES, AccessPath, EdgeKind, Reach, steps } from "../../../../policies/lib/access";

/**
 * The graph's answers against the definition they stand for: the search over shared nodes, entered
 * once through the first member met and merged with each store's own paths, gives each principal
 * the path that is first among all its paths once every edge to a shared node is written out to
 * each member: proven before unverified, then fewer steps, then the steps drawn first, from the
 * store back (docs/access-paths.md "Cost"). Random graphs of principals, stores and both kinds of
 * shared node.
 */

const STEP_KINDS: EdgeKind[] = ["member-of", "assumes", "passes-role", "changes-code", "runs-as", "federates"];

interface Spec {
    principals: { name: number; human: boolean }[];
    stores: number;
    principalSets: number[][];
    storeSets: number[][];
    edges: { from: number; to: number; into: "principal" | "principal-set" | "store" | "store-set"; kind: number; access: Access[]; unverified: boolean }[];
}

const spec: fc.Arbitrary<Spec> = fc.record({
    // Few names, so that principals share them and the order falls to their ids.
    principals: fc.array(fc.record({ name: fc.integer({ min: 0, max: 3 }), human: fc.boolean() }), { minLength: 1, maxLength: 9 }),
    stores: fc.integer({ min: 1, max: 4 }),
    principalSets: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), { maxLength: 3 }),
    storeSets: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), { maxLength: 2 }),
    edges: fc.array(
        fc.record({
            from: fc.nat(),
            to: fc.nat(),
            into: fc.constantFrom("principal" as const, "principal-set" as const, "store" as const, "store-set" as const),
            kind: fc.nat(),
            access: fc.subarray([...ACCESSES], { minLength: 1 }),
            unverified: fc.boolean(),
        }),
        { maxLength: 30 },
    ),
});

/**
 * The graph a spec describes, drawn through the graph's own API in the spec's order: `copies`
 * copies of its principals and stores, as a stack made of copies of one program is, whose shared
 * sets take their members from every copy (as the roles every principal of an account may assume
 * do). Copies may differ a little: `variants` leaves an edge out of a copy, changes its kind, or
 * draws the copy's edges in another order.
 */
function build(s: Spec, copies = 1, variants: Variant[] = []): AccessGraph {
    const g = new AccessGraph();
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const principalId = (c: number, i: number) => (copies === 1 ? `p${i}` : `c${c}p${i}`);
    const storeId = (c: number, i: number) => (copies === 1 ? `s${i}` : `c${c}s${i}`);
    for (const c of range(copies)) {
        s.principals.forEach((p, i) => g.node({ id: principalId(c, i), kind: "role", cloud: "aws", name: `role-${p.name}`, human: p.human, external: false }));
        for (const i of range(s.stores)) g.node({ id: storeId(c, i), kind: "store", cloud: "aws", name: `store-${i}`, human: false, external: false });
    }
    const members = (list: number[], size: number, id: (c: number, i: number) => string) => [...new Set(range(copies).flatMap((c) => list.map((m) => id(c, m % size))))];
    const principalSets = s.principalSets.map((list, k) => g.set(`ps${k}`, "aws", `principal set ${k}`, members(list, s.principals.length, principalId)).id);
    const storeSets = s.storeSets.map((list, k) => g.set(`ss${k}`, "aws", `store set ${k}`, members(list, s.stores, storeId)).id);
    for (const c of range(copies)) {
        const v = variants[c];
        for (const n of v?.order ?? range(s.edges.length)) {
            if (v && !v.present[n]) continue;
            const e = { ...s.edges[n], kind: s.edges[n].kind + (v?.kinds[n] ?? 0) };
            const from = principalId(c, e.from % s.principals.length);
            const base = { from, unverified: e.unverified, via: `edge ${n}` };
            if (e.into === "principal" || (e.into === "principal-set" && principalSets.length === 0)) {
                g.edge({ ...base, to: principalId(c, e.to % s.principals.length), kind: STEP_KINDS[e.kind % STEP_KINDS.length], access: [], text: `step ${n}` });
            } else if (e.into === "principal-set") {
                g.edge({ ...base, to: principalSets[e.to % principalSets.length], kind: STEP_KINDS[e.kind % STEP_KINDS.length], access: [], text: `step ${n} to a set`, render: (m) => `step ${n} to ${m.id}` });
            } else if (e.into === "store" || storeSets.length === 0) {
                g.edge({ ...base, to: storeId(c, e.to % s.stores), kind: "grants", access: e.access, text: `grant ${n}` });
            } else {
                g.edge({ ...base, to: storeSets[e.to % storeSets.length], kind: "grants", access: e.access, text: `grant ${n} on a set`, render: (m) => `grant ${n} on ${m.id}` });
            }
        }
    }
    return g;
}

/** Every edge to a shared node written out to each member, as its text reads for that member, in drawing order. */
function expanded(g: AccessGraph): Map<string, AccessEdge[]> {
    const into = new Map<string, AccessEdge[]>();
    for (const e of g.edges) {
        const set = g.sets.get(e.to);
        for (const to of set ? set.members : [e.to]) {
            const edge = set ? { ...e, to, text: e.render!(g.nodes.get(to)!) } : e;
            into.set(to, [...(into.get(to) ?? []), edge]);
        }
    }
    return into;
}

const byPath = (a: Reach, b: Reach) => a.edges.length - b.edges.length || a.principal.name.localeCompare(b.principal.name) || a.principal.id.localeCompare(b.principal.id);

/** A step's place among the steps into one node: one drawn to the node itself before one drawn to a shared set, then the one drawn first. */
const rank = (e: AccessEdge): [number, number] => [e.render ? 1 : 0, e.seq!];

/** The first of two paths to one store: fewer steps, then, from the store back, the step that comes first. */
function earlier(a: readonly AccessEdge[], b: readonly AccessEdge[]): boolean {
    if (a.length !== b.length) return a.length < b.length;
    for (let i = a.length - 1; i >= 0; i--) {
        const [x, y] = [rank(a[i]), rank(b[i])];
        if (x[0] !== y[0]) return x[0] < y[0];
        if (x[1] !== y[1]) return x[1] < y[1];
    }
    return false;
}

/**
 * The definition, written apart from the search: of every path without a repeated node from a
 * principal to the store over the written-out edges, each principal's first by `earlier` among its
 * proven paths, else among all of them.
 */
function reference(g: AccessGraph, into: Map<string, AccessEdge[]>, store: string, access: Access): Reach[] {
    const best = new Map<string, { proven?: AccessEdge[]; any?: AccessEdge[] }>();
    const walk = (at: string, path: AccessEdge[], seen: Set<string>) => {
        const mine = best.get(at) ?? {};
        if (!path.some((e) => e.unverified) && (!mine.proven || earlier(path, mine.proven))) mine.proven = path;
        if (!mine.any || earlier(path, mine.any)) mine.any = path;
        best.set(at, mine);
        for (const e of into.get(at) ?? []) if (e.kind !== "grants" && !seen.has(e.from)) walk(e.from, [e, ...path], new Set(seen).add(e.from));
    };
    for (const e of into.get(store) ?? []) if (e.kind === "grants" && e.access.includes(access)) walk(e.from, [e], new Set([store, e.from]));
    return [...best]
        .map(([id, b]) => {
            const edges = (b.proven ?? b.any)!;
            return { principal: g.nodes.get(id)!, access, edges, unverified: edges.some((e) => e.unverified) };
        })
        .sort(byPath);
}

/** A path as the tests compare it: who, and each step's text, target and drawing order. */
const shape = (p: Reach) => [p.principal.id, p.unverified, ...p.edges.map((e) => `${e.text} -> ${e.to} #${e.seq}`)].join(" | ");

const TESTS: [string, (p: Reach) => boolean][] = [
    ["every path", () => true],
    ["people, proven", (p) => p.principal.human && !p.unverified],
    ["two steps or more", (p) => steps(p) >= 2],
];

/** Each store's readers, counted and listed, against the definition. */
function sameReaders(g: AccessGraph): void {
    const into = expanded(g);
    for (const store of g.stores()) {
        for (const access of ACCESSES) {
            const want = reference(g, into, store.id, access);
            const readers = g.readers(store.id, access);
            assert.deepEqual(readers.first().map(shape), want.map(shape), `${store.id} ${access}`);
            for (const [name, test] of TESTS) {
                assert.equal(readers.count(test), want.filter(test).length, `${store.id} ${access}: count of ${name}`);
                assert.deepEqual(readers.first(2, test).map(shape), want.filter(test).slice(0, 2).map(shape), `${store.id} ${access}: first two of ${name}`);
            }
        }
    }
}

/** Each principal's paths to every store, grouped, against the definition. */
function sameByPrincipal(g: AccessGraph): void {
    const into = expanded(g);
    const stores = g.stores();
    for (const access of ACCESSES) {
        for (const [name, keep] of TESTS) {
            const want = new Map<string, AccessPath[]>();
            for (const store of stores) {
                for (const r of reference(g, into, store.id, access)) if (keep(r)) want.set(r.principal.id, [...(want.get(r.principal.id) ?? []), { ...r, store }]);
            }
            const got = g.pathsByPrincipal(stores, access, keep);
            const label = `${access}, ${name}`;
            assert.deepEqual([...got.keys()].map((n: AccessNode) => n.id), [...want.keys()], `${label}: principals`);
            for (const [principal, list] of got) {
                const paths = want.get(principal.id)!;
                assert.deepEqual(list.first().map((p) => `${p.store.id}: ${shape(p)}`), paths.map((p) => `${p.store.id}: ${shape(p)}`), `${label}: ${principal.id}`);
                assert.equal(list.count(), paths.length, `${label}: count of ${principal.id}`);
            }
        }
    }
}

/** How one copy differs from the spec: edges left out, kinds changed, the order edges are drawn in. */
interface Variant {
    present: boolean[];
    kinds: number[];
    order: number[];
}

/** Two or three copies of a spec, most alike: an edge left out in one of four, a kind changed in one of four, the order shuffled in one copy of two. */
const copied = spec.chain((s) => {
    const n = s.edges.length;
    const indexes = Array.from({ length: n }, (_, i) => i);
    const variant: fc.Arbitrary<Variant> = fc.record({
        present: fc.array(fc.integer({ min: 0, max: 3 }).map((x) => x > 0), { minLength: n, maxLength: n }),
        kinds: fc.array(fc.integer({ min: 0, max: 3 }).map((x) => (x === 0 ? 1 : 0)), { minLength: n, maxLength: n }),
        order: fc.oneof(fc.constant(indexes), fc.shuffledSubarray(indexes, { minLength: n, maxLength: n })),
    });
    return fc.record({ s: fc.constant(s), variants: fc.array(variant, { minLength: 2, maxLength: 3 }) });
});

describe("the access graph's search", () => {
    it("counts and lists each store's readers by the first of all their paths over every shared node written out to its members, for every kind of access", () => {
        fc.assert(
            fc.property(spec, (s) => sameReaders(build(s))),
            { numRuns: 2000, seed: 20261201 },
        );
    });

    it("groups each principal's paths to many stores as the per-store answers do, principals in the order they first appear", () => {
        fc.assert(
            fc.property(spec, (s) => sameByPrincipal(build(s))),
            { numRuns: 1000, seed: 20261201 },
        );
    });

    it("gives stores that share their readers' paths through shared sets (copies of one program, differing a little) each its own answer", () => {
        fc.assert(
            fc.property(copied, ({ s, variants }) => {
                const g = build(s, variants.length, variants);
                sameReaders(g);
                sameByPrincipal(g);
            }),
            { numRuns: 1000, seed: 20261201 },
        );
    });

    // Two cases the random copies seldom draw, each a piece of what stores must agree on to share an answer.
    const role = { name: 0, human: true };
    const read: Access[] = ["read"];
    const step = (from: number, to: number, kind: number, into: "principal" | "principal-set" = "principal") => ({ from, to, into, kind, access: read, unverified: false });
    const grant = (from: number) => ({ from, to: 0, into: "store" as const, kind: 0, access: read, unverified: false });
    const alike = (n: number): Variant => ({ present: Array(n).fill(true), kinds: Array(n).fill(0), order: Array.from({ length: n }, (_, i) => i) });

    it("does not share an answer between stores whose entry paths differ only in a step's kind (a membership in one copy, an assumption in the other)", () => {
        // q -member-of-> {u}; u -> r (member-of in copy 0, assumes in copy 1); r reads the store.
        const s: Spec = { principals: [role, role, role], stores: 1, principalSets: [[1]], storeSets: [], edges: [step(0, 0, 0, "principal-set"), step(1, 2, 0), grant(2)] };
        const g = build(s, 2, [alike(3), { ...alike(3), kinds: [0, 1, 0] }]);
        sameReaders(g);
        sameByPrincipal(g);
        assert.deepEqual(
            g.stores().map((st) => g.readers(st.id, "read").count((p) => steps(p) >= 2)),
            [0, 3],
        );
    });

    it("does not share an answer between stores whose entries come in another order from the store back", () => {
        // q reaches the store through {a} (q -> x -> {a}, a reads) and through {b} (q -> {b}, b -> c, c reads): as long either way.
        // Which grant was drawn first decides between them, and the copies draw them in opposite orders.
        const s: Spec = {
            principals: [role, role, role, role, role],
            stores: 1,
            principalSets: [[1], [2]],
            storeSets: [],
            edges: [grant(1), grant(3), step(2, 3, 1), step(0, 4, 1), step(4, 0, 1, "principal-set"), step(0, 1, 1, "principal-set")],
        };
        const g = build(s, 2, [alike(6), { ...alike(6), order: [1, 0, 2, 3, 4, 5] }]);
        sameReaders(g);
        sameByPrincipal(g);
        const viaOf = (id: string) => g.pathsTo(id, "read").filter((p) => p.principal.id.endsWith("p0") && p.edges.length === 3).map((p) => p.edges[1].to);
        assert.deepEqual(g.stores().map((st) => viaOf(st.id)), [
            ["c0p1", "c0p1"],
            ["c1p3", "c1p3"],
        ]);
    });
});
