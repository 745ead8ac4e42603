import { stackOf } from "../../cli/access/stack";
import type { EngineResource } from "../../engine/resource";
import { accessGraph, ACCESSES } from "../../policies/lib/access";
import { withDefaults } from "../../policies/lib/config";
import { PackSettings, SETTINGS_OPTIONS } from "../../policies/settings";

/**
 * The access graph alone (policies/lib/access), in this process: index the stack, build the graph,
 * then search every store's paths for every kind of access and count its readers, as the access
 * controls do (paths through a shared node are counted, not written out per store; `phi-guard
 * access` writes them out). Inside the pack the same work runs in AnalyzeStack and is measured there.
 */
export interface GraphTiming {
    resources: number;
    nodes: number;
    edges: number;
    /** Paths found: one per store, kind of access and principal that has it. */
    paths: number;
    /** CPU time of building the graph and finding every path, the median of the runs. */
    cpuMs: number;
}

export function timeGraph(resources: EngineResource[], repeats = 3): GraphTiming {
    const settings = withDefaults<PackSettings>(SETTINGS_OPTIONS, {});
    const runs: GraphTiming[] = [];
    for (let i = 0; i < repeats; i++) {
        const stack = stackOf(resources);
        const start = process.cpuUsage();
        const graph = accessGraph(stack, { isPhi: () => true, settings });
        let paths = 0;
        for (const store of graph.stores()) for (const access of ACCESSES) paths += graph.readers(store.id, access).count();
        const used = process.cpuUsage(start);
        runs.push({ resources: resources.length, nodes: graph.nodes.size, edges: graph.edges.length, paths, cpuMs: (used.user + used.system) / 1000 });
    }
    return runs.sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(runs.length / 2)];
}
