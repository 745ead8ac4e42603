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
    /** CPU time of each part, the fastest of the runs. */
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

export function timeGraph(resources: EngineResource[], repeats = 5): GraphTiming {
    const settings = withDefaults<PackSettings>(SETTINGS_OPTIONS, {});
    const runs: GraphTiming[] = [];
    for (let i = 0; i < repeats; i++) {
        // A graph for each search: the graph is cached per stack index and keeps what it searched.
        const [stack, packStack] = [stackOf(resources), stackOf(resources)];
        let start = process.cpuUsage();
        const graph = accessGraph(stack, { isPhi: () => true, settings });
        const buildMs = cpu(start);

        const packGraph = accessGraph(packStack, { isPhi: () => true, settings });
        const buildWork = work(packGraph) / resources.length;
        start = process.cpuUsage();
        const readPaths = packSearch(packGraph);
        const packMs = cpu(start);
        const packWork = work(packGraph) / resources.length - buildWork;

        start = process.cpuUsage();
        let allPaths = 0;
        for (const store of graph.stores()) for (const access of ACCESSES) allPaths += graph.readers(store.id, access).count();
        const allMs = cpu(start);
        runs.push({ resources: resources.length, nodes: graph.nodes.size, edges: graph.edges.length, readPaths, allPaths, buildWork, packWork, buildMs, packMs, allMs });
    }
    // The fastest run of each part: garbage collection and the other process on a 2-core machine only add.
    return {
        ...runs[0],
        buildMs: Math.min(...runs.map((r) => r.buildMs)),
        packMs: Math.min(...runs.map((r) => r.packMs)),
        allMs: Math.min(...runs.map((r) => r.allMs)),
    };
}
