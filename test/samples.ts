import * as fs from "fs";
import * as path from "path";
import { captureProgram } from "../engine/capture";
import type { EngineResource } from "../engine/resource";

/** The sample stacks, captured once per test run and shared by the tests that need them. */
export const STACKS_DIR = path.resolve(__dirname, "../stacks");
export const SAMPLE_STACKS = fs.readdirSync(STACKS_DIR).filter((n) => fs.existsSync(path.join(STACKS_DIR, n, "Pulumi.yaml"))).sort();

const captures = new Map<string, Promise<EngineResource[]>>();

export function capturedSample(name: string): Promise<EngineResource[]> {
    let c = captures.get(name);
    if (!c) {
        c = captureProgram(path.join(STACKS_DIR, name));
        captures.set(name, c);
    }
    return c;
}
