import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/phi-guard";

export const ROOT = path.resolve(__dirname, "../..");
export const TARGETS = path.join(ROOT, "test/fixtures/targets");
export const target = (name: string) => path.relative(process.cwd(), path.join(TARGETS, name));

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * These tests are about the command (targets, formats, exit codes), not about which controls exist:
 * a scan without --config runs with focus.json, which enables only the four foundation controls,
 * so the fixtures' findings do not change as controls are added. `cliAllControls` runs the pack
 * as it is.
 */
export async function cli(...args: string[]): Promise<CliRun> {
    const focused = args[0] === "scan" && !args.includes("--config") ? [...args, "--config", target("focus.json")] : args;
    return cliAllControls(...focused);
}

/** Runs `phi-guard <args>` in this process, capturing what it writes. */
export async function cliAllControls(...args: string[]): Promise<CliRun> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = process.stdout.write;
    const stderr = process.stderr.write;
    process.stdout.write = ((chunk: unknown) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    process.stderr.write = ((chunk: unknown) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
        const code = await main(["node", "phi-guard", ...args]);
        return { code, stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = stdout;
        process.stderr.write = stderr;
    }
}

/** A fresh directory under the system temp dir, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-test-"));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A usage or input error: exit 2, nothing on stdout, one line on stderr that says what to do. */
export function assertOneLineError(run: CliRun, pattern: RegExp): void {
    assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
    assert.equal(run.stdout, "");
    const lines = run.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `one line expected, got:\n${run.stderr}`);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace without --verbose");
}
