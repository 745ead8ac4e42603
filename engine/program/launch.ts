/**
 * How the Node.js language host starts a program, and the process that runs it. Read in
 * pulumi/pulumi: sdk/nodejs/cmd/pulumi-language-nodejs/main.go (Run, execRuntime,
 * constructArguments, parseOptions, locateModule), pkg/engine/project.go (getPwdMain) and
 * sdk/nodejs/cmd/run (index.ts, run.ts). The language host runs
 *
 *     node [nodeargs] <@pulumi/pulumi/cmd/run resolved from the program directory>
 *         --monitor <addr> --engine <addr> --organization <org> --project <name>
 *         --root-directory <root> --stack <stack> --pwd <program dir> --dry-run --parallel <n> <entry>
 *
 * with PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, PULUMI_NODEJS_TYPESCRIPT (runtime option
 * `typescript`, default true) and PULUMI_NODEJS_TSCONFIG_PATH (option `tsconfig`) in its
 * environment. `cmd/run` then does the rest as under `pulumi preview`: ts-node or its ESM hooks
 * with the project's tsconfig, package.json `main`/`exports` and `type: module`, and waiting for
 * the event loop to drain before it signals shutdown.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

export interface RuntimeOptions {
    typescript?: boolean;
    tsconfig?: string;
    nodeargs?: string;
}

/** A Pulumi Node.js project as the engine hands it to the language host. */
export interface ProgramSpec {
    /** The directory holding Pulumi.yaml. */
    root: string;
    project: string;
    /** Pulumi.yaml `main`, relative to root. */
    main?: string;
    options: RuntimeOptions;
    stack: string;
    /** Config as the language host passes it: `namespace:key` -> string (objects JSON-encoded). */
    config: Record<string, string>;
    secretKeys: string[];
}

/** Which `@pulumi/pulumi` runs the program: the project's own, or phi-guard's when it has none. */
export interface SdkChoice {
    runPath: string;
    version: string;
    own: boolean;
    /** node_modules holding phi-guard's own SDKs, for a project that has none. */
    fallbackModules?: string;
}

export class LaunchError extends Error {}

/** pkg/engine/project.go getPwdMain: the program directory and the entry point given to `cmd/run`. */
export function pwdAndEntry(spec: ProgramSpec): { pwd: string; entry: string } {
    if (!spec.main) return { pwd: spec.root, entry: "." };
    const main = path.resolve(spec.root, spec.main);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(main);
    } catch {
        throw new LaunchError(`project 'main' could not be read: ${main} does not exist`);
    }
    return stat.isDirectory() ? { pwd: main, entry: "." } : { pwd: path.dirname(main), entry: path.basename(main) };
}

/**
 * `@pulumi/pulumi/cmd/run` resolved from the program directory, as the language host's
 * locateModule does; phi-guard's own copy (with its provider SDKs on NODE_PATH) only when the
 * project has none installed.
 */
export function chooseSdk(pwd: string): SdkChoice {
    const version = (runPath: string) => {
        try {
            return JSON.parse(fs.readFileSync(path.resolve(runPath, "../../../package.json"), "utf8")).version as string;
        } catch {
            return "unknown";
        }
    };
    try {
        const runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [pwd] });
        return { runPath, version: version(runPath), own: true };
    } catch {
        const runPath = require.resolve("@pulumi/pulumi/cmd/run");
        return { runPath, version: version(runPath), own: false, fallbackModules: path.resolve(runPath, "../../../../..") };
    }
}

/** Splits `nodeargs` as the language host does (shlex): whitespace, quotes and backslash escapes. */
export function splitArgs(text: string): string[] {
    const out: string[] = [];
    let cur = "";
    let inWord = false;
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quote) {
            if (c === quote) quote = undefined;
            else if (c === "\\" && quote === '"' && i + 1 < text.length) cur += text[++i];
            else cur += c;
        } else if (c === '"' || c === "'") {
            quote = c;
            inWord = true;
        } else if (c === "\\" && i + 1 < text.length) {
            cur += text[++i];
            inWord = true;
        } else if (/\s/.test(c)) {
            if (inWord) out.push(cur);
            cur = "";
            inWord = false;
        } else {
            cur += c;
            inWord = true;
        }
    }
    if (quote) throw new LaunchError(`runtime option nodeargs has an unclosed quote: ${text}`);
    if (inWord) out.push(cur);
    return out;
}

/** What the program's process preloads (preload.ts), from this installation's compiled JS. */
function preloadFile(): string | undefined {
    return [path.join(__dirname, "preload.js"), path.resolve(__dirname, "../../dist/engine/program/preload.js")].find((f) => fs.existsSync(f));
}

export interface LaunchPlan {
    command: string;
    args: string[];
    cwd: string;
    env: NodeJS.ProcessEnv;
}

/** The command line and environment of the program's process. */
export function launchPlan(spec: ProgramSpec, sdk: SdkChoice, address: string, pwd: string, entry: string): LaunchPlan {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        // What the language host sets is set below; a shell's leftovers must not change the run.
        if (/^PULUMI_NODEJS_/.test(k) && k !== "PULUMI_NODEJS_TRANSPILE_ONLY") continue;
        if (k === "PULUMI_CONFIG" || k === "PULUMI_CONFIG_SECRET_KEYS") continue;
        env[k] = v;
    }
    env.PULUMI_CONFIG = JSON.stringify(spec.config);
    env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(spec.secretKeys);
    if (spec.options.typescript !== false) env.PULUMI_NODEJS_TYPESCRIPT = "true";
    if (spec.options.tsconfig) env.PULUMI_NODEJS_TSCONFIG_PATH = spec.options.tsconfig;
    if (sdk.fallbackModules) env.NODE_PATH = [sdk.fallbackModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter);
    const preload = preloadFile();
    if (preload) {
        // Through NODE_OPTIONS rather than the command line: `cmd/run` turns its automatic ESM
        // mode off when it sees a --require among its own arguments.
        env.NODE_OPTIONS = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`].filter(Boolean).join(" ");
        env.PHI_GUARD_SCAN_PID = String(process.pid);
    }
    const args = [
        ...splitArgs(spec.options.nodeargs ?? ""),
        sdk.runPath,
        ...["--monitor", address, "--engine", address, "--organization", "organization", "--project", spec.project],
        ...["--root-directory", spec.root, "--stack", spec.stack, "--pwd", pwd, "--dry-run", "--parallel", "16", entry],
    ];
    return { command: process.execPath, args, cwd: pwd, env };
}

export interface Exited {
    code: number | null;
    signal: NodeJS.Signals | null;
    timedOut: boolean;
    output: string;
}

/**
 * Runs the program in a process group of its own and waits for it to exit. After `timeoutMs`, or
 * when this process is interrupted, ends or is killed, the whole group is killed: nothing the
 * program started is left running.
 */
export function runProcess(plan: LaunchPlan, timeoutMs: number, onOutput?: (text: string) => void): Promise<Exited> {
    return new Promise((resolve, reject) => {
        let output = "";
        let timedOut = false;
        const child: ChildProcess = spawn(plan.command, plan.args, { cwd: plan.cwd, env: plan.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
        const killGroup = () => {
            if (child.pid === undefined) return;
            try {
                process.kill(-child.pid, "SIGKILL");
            } catch {
                // The group is already gone.
            }
        };
        const onSignal = (signal: NodeJS.Signals) => {
            killGroup();
            process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15));
        };
        const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
        for (const s of signals) process.on(s, onSignal);
        process.on("exit", killGroup);
        const cleanup = () => {
            clearTimeout(timer);
            for (const s of signals) process.off(s, onSignal);
            process.off("exit", killGroup);
            killGroup();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            killGroup();
        }, timeoutMs);
        const collect = (d: Buffer) => {
            const text = d.toString();
            output += text;
            onOutput?.(text);
        };
        child.stdout!.on("data", collect);
        child.stderr!.on("data", collect);
        child.once("error", (e) => {
            cleanup();
            reject(new LaunchError(`could not start node: ${e.message}`));
        });
        // The program may leave processes behind that hold its output open: end them with it.
        child.once("exit", killGroup);
        child.once("close", (code, signal) => {
            cleanup();
            resolve({ code, signal, timedOut, output });
        });
    });
}
