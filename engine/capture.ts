import { fork } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { EngineResource } from "./resource";

export interface CaptureOptions {
    stack?: string;
    /** Stack config as `namespace:key` -> value, as the language host passes it. */
    config?: Record<string, string>;
}

export class ProgramError extends Error {}

/** Runs a Pulumi TypeScript program in preview mode with mocks and returns what it registers. */
export function captureProgram(programDir: string, opts: CaptureOptions = {}): Promise<EngineResource[]> {
    const project = readProjectName(programDir);
    const child = path.join(__dirname, fs.existsSync(path.join(__dirname, "capture-child.js")) ? "capture-child.js" : "capture-child.ts");
    const execArgv = child.endsWith(".ts") ? ["-r", "ts-node/register/transpile-only"] : [];
    return new Promise((resolve, reject) => {
        const proc = fork(child, [], { cwd: programDir, execArgv, stdio: ["ignore", "inherit", "pipe", "ipc"] });
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
        proc.send({ programDir: path.resolve(programDir), project, stack: opts.stack ?? "dev", config: opts.config ?? {} });
    });
}

function readProjectName(dir: string): string {
    const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) throw new ProgramError(`${dir} is not a Pulumi project: no Pulumi.yaml`);
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(file, "utf8"));
    if (!m) throw new ProgramError(`${file} has no project name`);
    return m[1];
}

function lastLine(s: string): string {
    return s.trim().split("\n").pop() ?? "";
}
