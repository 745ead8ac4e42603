import type { BoundarySettings } from "../core/boundary";
import type { StackIndex, StackResource } from "../stack-index";
import { addAwsEdges } from "./aws";
import { addAzureEdges } from "./azure";
import { AccessGraph } from "./graph";

export * from "./graph";

/** What the graph needs beyond the stack: the PHI scope and the organisation's boundary (the pack-wide settings). */
export interface GraphScope {
    isPhi(r: StackResource): boolean;
    settings: BoundarySettings;
}

const built = new WeakMap<StackIndex, AccessGraph>();

/**
 * The access graph of one stack, built once per request (the scope and settings do not change
 * within one) and shared by every control that asks; it is not to be changed by the callers.
 */
export function accessGraph(stack: StackIndex, scope: GraphScope): AccessGraph {
    let graph = built.get(stack);
    if (!graph) {
        graph = new AccessGraph();
        addAwsEdges(stack, scope, graph);
        addAzureEdges(stack, scope, graph);
        built.set(stack, graph);
    }
    return graph;
}
