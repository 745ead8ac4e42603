import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { EngineResource } from "./resource";

export interface CaptureOptions {
    stack?: string;
    /** Stack config as `namespace:key` -> value, as the language host passes it. */
    config?: Record<string, string>;
    /** Config keys whose values are secret. */
    secretKeys?: string[];
}

export class ProgramError extends Error {}

/** Runs a Pulumi TypeScript program in preview mode with mocks and returns what it registers. */
export function captureProgram(programDir: string, opts: CaptureOptions = {}): Promise<EngineResource[]> {
    const project = readProjectName(programDir);
    const child = path.join(__dirname, fs.existsSync(path.join(__dirname, "capture-child.js")) ? "capture-child.js" : "capture-child.ts");
    const execArgv = child.endsWith(".ts") ? ["-r", "ts-node/register/transpile-only"] : [];
    return new Promise((resolve, reject) => {
        // A program without its own node_modules resolves @pulumi/* from phi-guard's installation.
        const ownModules = path.resolve(require.resolve("@pulumi/pulumi/package.json"), "..", "..", "..");
        const env = { ...process.env, NODE_PATH: [ownModules, process.env.NODE_PATH].filter(Boolean).join(path.delimiter) };
        const proc = fork(child, [], { cwd: programDir, execArgv, env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
        let stderr = "";
        let settled = false;
        proc.stderr!.on("data", (d) => (stderr += d));
        proc.once("message", (m: { resources?: EngineResource[]; error?: string }) => {
            settled = true;
            if (m.resources) resolve(m.resources);
            else reject(new ProgramError(`the program failed: ${m.error}`));
        });
        proc.once("exit", (code) => {
            if (!settled) reject(new ProgramError(`the program exited with code ${code} before it finished${stderr ? `: ${lastLine(stderr)}` : ""}`));
        });
        proc.send({ programDir: path.resolve(programDir), project, stack: opts.stack ?? "dev", config: opts.config ?? {}, secretKeys: opts.secretKeys ?? [] });
    });
}

function readProjectName(dir: string): string {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) throw new ProgramError(`${dir} is not a Pulumi project: no Pulumi.yaml`);
    const name = YAML.parse(fs.readFileSync(file, "utf8"))?.name;
    if (typeof name !== "string") throw new ProgramError(`${file} has no project name`);
    return name;
}

function lastLine(s: string): string {
    return s.trim().split("\n").pop() ?? "";
}
