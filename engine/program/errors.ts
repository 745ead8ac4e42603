/**
 * A failed program, said in one line. Under the engine, `cmd/run` logs the program's failure
 * through the Engine service's Log (run.ts uncaughtHandler: "Running program '<path>' failed with
 * an unhandled exception:" and the error; a TypeScript error's diagnostics; a RunError's message
 * alone) and exits with code 32, or exits with another code having printed to stderr. The one
 * line names the cause and what to do; `details` keeps everything for --verbose.
 */
import * as path from "path";
import type { Exited } from "./launch";
import type { LogEntry } from "./monitor";

export class ProgramError extends Error {
    constructor(
        message: string,
        /** Everything the program and its SDK said, for --verbose. */
        readonly details = "",
    ) {
        super(message);
    }
}

interface FailureContext {
    root: string;
    pwd: string;
    stack: string;
    /** The program ran with its own @pulumi/pulumi (not phi-guard's fallback). */
    sdkOwn: boolean;
}

const UNHANDLED = /^Running program '[^']*' failed with an unhandled exception:\s*/;
/** cmd/run inspects an error with colors (and marks a circular one `<ref *1>`). */
const ANSI_COLOR = /\x1b\[[0-9;]*m/g;
const CIRCULAR_MARK = /^<ref \*\d+> /;
const TS_DIAGNOSTIC = /^\S[^\n]*\(\d+,\d+\): error TS\d+: /;

/** The package a module specifier names: `@pulumi/random/x` -> `@pulumi/random`. */
function packageOf(specifier: string): string {
    const parts = specifier.split("/");
    return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

export function programFailure(exited: Exited, logs: LogEntry[], ctx: FailureContext): ProgramError {
    const errors = [...new Set(logs.filter((l) => l.severity === "error").map((l) => l.message.trim()))];
    const details = [...errors, exited.output.trim()].filter(Boolean).join("\n");
    const text = (errors.length > 0 ? errors.join("\n") : exited.output).replace(ANSI_COLOR, "");
    return new ProgramError(describe(text, exited, ctx), details);
}

function describe(text: string, exited: Exited, ctx: FailureContext): string {
    const config = /Missing required configuration variable '([^']+)'/.exec(text);
    if (config) return `the program needs config key ${config[1]}: set it in ${path.join(ctx.root, `Pulumi.${ctx.stack}.yaml`)} or choose a stack with --stack`;

    // ts-node's TSError; its header is gone when cmd/run reports it from the ESM loader.
    const body = text.replace(UNHANDLED, "").trim();
    const compile = /Unable to compile TypeScript:\s*\n([\s\S]*)/.exec(text)?.[1] ?? (TS_DIAGNOSTIC.test(body) ? body : undefined);
    if (compile) {
        const diagnostics = compile
            .split("\n")
            .filter((l) => l.trim() && !/^\s+at /.test(l))
            .map((l) => l.trim())
            .join(" ");
        return `the program does not compile: ${diagnostics}`;
    }

    const missing = /Cannot find (?:module|package) '([^']+)'/.exec(text);
    if (missing && !/^[./]/.test(missing[1])) {
        const pkg = packageOf(missing[1]);
        return ctx.sdkOwn
            ? `the program needs ${pkg}, which is not installed: run npm install in ${ctx.pwd}`
            : `the program needs ${pkg} and ${ctx.pwd} has no node_modules: run npm install there`;
    }

    const first = body.split("\n").find((l) => l.trim()) ?? "";
    if (first) return `the program failed: ${first.replace(CIRCULAR_MARK, "").replace(/^Error: /, "").trim()}`;
    if (exited.signal) return `the program was ended by ${exited.signal}`;
    return `the program exited with code ${exited.code}`;
}
