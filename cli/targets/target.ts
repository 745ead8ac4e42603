import type { EngineResource } from "../../engine/resource";

/** What `phi-guard scan` was pointed at, loaded into engine-shaped resources. */
export interface LoadedTarget {
    kind: "program" | "yaml-program" | "stack-export" | "preview";
    path: string;
    project: string;
    stack: string;
    resources: EngineResource[];
}

/** A target that cannot be scanned: the message says what is wrong and how to fix it. */
export class TargetError extends Error {}

export interface TargetOptions {
    stack?: string;
}
