import type { BoundarySettings } from "../core/boundary";
import type { StackIndex, StackResource } from "../stack-index";
import { addAwsEdges } from "./aws";
import { addAzureEdges } from "./azure";
import { AccessGraph, GraphLimitReached } from "./graph";

export * from "./graph";

/** What the graph needs beyond the stack: the PHI scope and the organisation's boundary (the pack-wide settings). */
export interface GraphScope {
    isPhi(r: StackResource): boolean;
    settings: BoundarySettings;
    /** Stop building at this many edges and mark the graph incomplete (the pack's bound on a preview's cost); no limit when absent. */
    maxEdges?: number;
}

/**
 * The most edges the pack draws during a preview. A stack where many principals hold wildcard
 * grants gets one edge per grant and store, so the graph grows with the square of the stack; past
 * this the access controls say they could not judge the paths, and `phi-guard access` (no limit)
 * lists them. 50,000 edges take well under a second of CPU to draw and search.
 */
export const PACK_MAX_EDGES = 50_000;

const built = new WeakMap<StackIndex, AccessGraph>();

/**
 * The access graph of one stack, built once per request (the scope and settings do not change
 * within one) and shared by every control that asks; it is not to be changed by the callers.
 */
export function accessGraph(stack: StackIndex, scope: GraphScope): AccessGraph {
    let graph = built.get(stack);
    if (!graph || graph.maxEdges !== (scope.maxEdges ?? Infinity)) {
        graph = new AccessGraph(scope.maxEdges);
        try {
            addAwsEdges(stack, scope, graph);
            addAzureEdges(stack, scope, graph);
        } catch (e) {
            if (!(e instanceof GraphLimitReached)) throw e;
            graph.incomplete = true;
        }
        built.set(stack, graph);
    }
    return graph;
}
