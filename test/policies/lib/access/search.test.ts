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

const principalId = (i: number) => `p${i}`;
const storeId = (i: number) => `s${i}`;

/** The graph a spec describes, drawn through the graph's own API in the spec's order. */
function build(s: Spec): AccessGraph {
    const g = new AccessGraph();
    s.principals.forEach((p, i) => g.node({ id: principalId(i), kind: "role", cloud: "aws", name: `role-${p.name}`, human: p.human, external: false }));
    for (let i = 0; i < s.stores; i++) g.node({ id: storeId(i), kind: "store", cloud: "aws", name: `store-${i}`, human: false, external: false });
    const members = (list: number[], size: number, id: (i: number) => string) => [...new Set(list.map((m) => id(m % size)))];
    const principalSets = s.principalSets.map((list, k) => g.set(`ps${k}`, "aws", `principal set ${k}`, members(list, s.principals.length, principalId)).id);
    const storeSets = s.storeSets.map((list, k) => g.set(`ss${k}`, "aws", `store set ${k}`, members(list, s.stores, storeId)).id);
    s.edges.forEach((e, n) => {
        const from = principalId(e.from % s.principals.length);
        const base = { from, unverified: e.unverified, via: `edge ${n}` };
        if (e.into === "principal" || (e.into === "principal-set" && principalSets.length === 0)) {
            g.edge({ ...base, to: principalId(e.to % s.principals.length), kind: STEP_KINDS[e.kind % STEP_KINDS.length], access: [], text: `step ${n}` });
        } else if (e.into === "principal-set") {
            g.edge({ ...base, to: principalSets[e.to % principalSets.length], kind: STEP_KINDS[e.kind % STEP_KINDS.length], access: [], text: `step ${n} to a set`, render: (m) => `step ${n} to ${m.id}` });
        } else if (e.into === "store" || storeSets.length === 0) {
            g.edge({ ...base, to: storeId(e.to % s.stores), kind: "grants", access: e.access, text: `grant ${n}` });
        } else {
            g.edge({ ...base, to: storeSets[e.to % storeSets.length], kind: "grants", access: e.access, text: `grant ${n} on a set`, render: (m) => `grant ${n} on ${m.id}` });
        }
    });
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

/** The first of two paths to one store: fewer steps, then, from the store back, the step drawn first. */
function earlier(a: readonly AccessEdge[], b: readonly AccessEdge[]): boolean {
    if (a.length !== b.length) return a.length < b.length;
    for (let i = a.length - 1; i >= 0; i--) if (a[i].seq !== b[i].seq) return a[i].seq! < b[i].seq!;
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

describe("the access graph's search", () => {
    it("counts and lists each store's readers by the first of all their paths over every shared node written out to its members, for every kind of access", () => {
        fc.assert(
            fc.property(spec, (s) => {
                const g = build(s);
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
            }),
            { numRuns: 2000, seed: 20261201 },
        );
    });

    it("groups each principal's paths to many stores as the per-store answers do, principals in the order they first appear", () => {
        fc.assert(
            fc.property(spec, (s) => {
                const g = build(s);
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
            }),
            { numRuns: 1000, seed: 20261201 },
        );
    });
});
