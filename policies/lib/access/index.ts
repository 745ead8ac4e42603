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
    /** Stop each cloud's part at this much work and mark it incomplete (the pack's bound on a preview's cost); no bound when absent. */
    maxWork?: number;
}

/**
 * The pack's bound on the work of each cloud's part of the graph, in proportion to the stack: a
 * step drawn, a pattern compared or a step searched is one unit. Wildcard grants are drawn once to
 * shared nodes, so ordinary stacks use a few units per resource (docs/access-paths.md "Cost");
 * shapes that still grow faster than the stack (many different wildcard patterns that each reach
 * most stores, many roles anyone may assume between every store and its readers) stop here, and
 * the cloud's access controls say they could not verify the paths.
 */
export const PACK_WORK_PER_RESOURCE = 200;
export const PACK_MIN_WORK = 200_000;
export const packWorkBound = (stack: StackIndex): number => Math.max(PACK_MIN_WORK, PACK_WORK_PER_RESOURCE * stack.resources.length);

const built = new WeakMap<StackIndex, AccessGraph>();

/**
 * The access graph of one stack, built once per request (the scope and settings do not change
 * within one) and shared by every control that asks; it is not to be changed by the callers.
 */
export function accessGraph(stack: StackIndex, scope: GraphScope): AccessGraph {
    let graph = built.get(stack);
    if (!graph || graph.maxWork !== (scope.maxWork ?? Infinity)) {
        graph = new AccessGraph(scope.maxWork);
        for (const add of [addAwsEdges, addAzureEdges]) {
            try {
                add(stack, scope, graph);
            } catch (e) {
                if (!(e instanceof GraphLimitReached)) throw e;
                graph.incomplete.add(e.cloud);
            }
        }
        built.set(stack, graph);
    }
    return graph;
}
