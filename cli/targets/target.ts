import type { EngineResource } from "../../engine/resource";
import type { NotExamined } from "../not-examined";
import type { UnreadableValue } from "./wire";

/** What `phi-guard scan` was pointed at, loaded into engine-shaped resources. */
export interface LoadedTarget {
    kind: "program" | "yaml-program" | "stack-export" | "preview";
    path: string;
    project: string;
    stack: string;
    resources: EngineResource[];
    /** Values the scan could not read (encrypted in the state, hidden in a preview, secure config). */
    unreadable?: UnreadableValue[];
    /** What the scan could not see, each with why and what to do (unreadable values are added from `unreadable`). */
    notExamined?: NotExamined[];
}

/** A target that cannot be scanned: the message says what is wrong and how to fix it. */
export class TargetError extends Error {}

export interface TargetOptions {
    stack?: string;
}
