import type { InvokeUse, OpaqueComponent } from "../../engine/program";
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
    /** Remote components whose children the scan could not see (their provider builds them). */
    opaque?: OpaqueComponent[];
    /** Invokes the scan answered with placeholders, unknowns or the user's own answer. */
    invokes?: InvokeUse[];
    /** What the reader should know about how a program ran (phi-guard's own SDKs in place of the project's): listed as not examined. */
    notes?: string[];
}

/** A target that cannot be scanned: the message says what is wrong and how to fix it. */
export class TargetError extends Error {}

export interface TargetOptions {
    stack?: string;
    /** How long a program may run, in seconds. */
    timeoutSeconds?: number;
    /** Answers for invokes, by token (`--invoke`). */
    invokes?: Record<string, Record<string, unknown>>;
    /** Receives a program's own output (for --verbose). */
    onProgramOutput?: (text: string) => void;
}
