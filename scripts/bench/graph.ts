import { stackOf } from "../../cli/access/stack";
import type { EngineResource } from "../../engine/resource";
import { accessGraph, ACCESSES, AccessGraph, Cloud, steps } from "../../policies/lib/access";
import { withDefaults } from "../../policies/lib/config";
import { PackSettings, SETTINGS_OPTIONS } from "../../policies/settings";

/**
 * The access graph alone (policies/lib/access), in this process, in three parts timed apart:
 * building it; the searches the pack's access controls make (read access only: every store's
 * readers counted, and every principal's chains of two or more steps); and the search of every
 * kind of access that `phi-guard access --access read,write,decrypt,administer` makes. The last
 * one's output can grow faster than the stack (every principal that may assume every role reaches
 * every store), so it is judged per path found, not per resource.
 */
export interface GraphTiming {
    resources: number;
    nodes: number;
    edges: number;
    /** Paths found for read access: one per store and principal that reads it. */
    readPaths: number;
    /** Paths found for every kind of access. */
    allPaths: number;
    /**
     * The graph's own count of its work (a step drawn or searched, a pattern compared, a path merged)
     * per resource, in building it and in the pack's search, both clouds: unlike CPU time, the same
     * on every run. The pack stops a cloud's part at PACK_WORK_PER_RESOURCE.
     */
    buildWork: number;
    packWork: number;
    /** CPU time of each part per graph. */
    buildMs: number;
    packMs: number;
    allMs: number;
}

const CLOUDS: Cloud[] = ["aws", "azure"];

function cpu(start: NodeJS.CpuUsage): number {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
}

/** What the pack's access controls ask of a graph (policies/lib/access/checks.ts), counted instead of reported. */
function packSearch(graph: AccessGraph): number {
    let paths = 0;
    for (const cloud of CLOUDS) {
        if (!graph.complete(cloud, "read")) continue;
        const stores = graph.stores().filter((s) => s.cloud === cloud);
        for (const store of stores) paths += graph.readers(store.id, "read").count();
        for (const list of graph.pathsByPrincipal(stores, "read", (p) => steps(p) >= 2).values()) list.count();
    }
    return paths;
}

const work = (graph: AccessGraph): number => CLOUDS.reduce((n, cloud) => n + graph.workOf(cloud), 0);

/**
 * Each part is timed over many graphs in a row, as many as make up this many resources at every
 * size (so that the heap the collector works on is alike), and divided; the stack indexes are made
 * before the clock starts, so that collecting them is not counted as the graph's. Of three such
 * rounds the fastest counts: a round still moves by a fifth with the collections that fall in it.
 */
const TIMED_RESOURCES = 250_000;
const ROUNDS = 3;

export function timeGraph(resources: EngineResource[], repeats = 5): GraphTiming {
    const settings = withDefaults<PackSettings>(SETTINGS_OPTIONS, {});
    const build = (stack: ReturnType<typeof stackOf>) => accessGraph(stack, { isPhi: () => true, settings });
    const count = Math.max(repeats, Math.ceil(TIMED_RESOURCES / resources.length));
    /** The CPU time of one part over every item (a stack index, a graph), per item. */
    const timed = <T>(items: T[], part: (item: T) => void): number => {
        const start = process.cpuUsage();
        for (const item of items) part(item);
        return cpu(start) / items.length;
    };
    const rounds: GraphTiming[] = [];
    for (let round = 0; round < ROUNDS; round++) {
        // The pack's part, building then the read search, and every kind of access, each on graphs of
        // their own: a graph is cached per stack index and keeps what it searched.
        const stacks = Array.from({ length: count }, () => stackOf(resources));
        let graphs: AccessGraph[] = [];
        const buildMs = timed(stacks, (stack) => graphs.push(build(stack)));
        const buildWork = work(graphs[0]) / resources.length;
        let readPaths = 0;
        const packMs = timed(graphs, (graph) => (readPaths = packSearch(graph)));
        const packWork = work(graphs[0]) / resources.length - buildWork;
        const { nodes, edges } = graphs[0];

        graphs = Array.from({ length: count }, () => build(stackOf(resources)));
        let allPaths = 0;
        const allMs = timed(graphs, (graph) => {
            allPaths = 0;
            for (const store of graph.stores()) for (const access of ACCESSES) allPaths += graph.readers(store.id, access).count();
        });
        rounds.push({ resources: resources.length, nodes: nodes.size, edges: edges.length, readPaths, allPaths, buildWork, packWork, buildMs, packMs, allMs });
    }
    const fastest = (part: (t: GraphTiming) => number) => Math.min(...rounds.map(part));
    return { ...rounds[0], buildMs: fastest((t) => t.buildMs), packMs: fastest((t) => t.packMs), allMs: fastest((t) => t.allMs) };
}
