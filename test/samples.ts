import * as fs from "fs";
import * as path from "path";
import { loadProject } from "../cli/targets/project";
import type { Analysis } from "../engine/driver";
import type { EngineResource } from "../engine/resource";

/** The sample stacks, captured once per test run and shared by the tests that need them. */
export const STACKS_DIR = path.resolve(__dirname, "../stacks");
export const SAMPLE_STACKS = fs.readdirSync(STACKS_DIR).filter((n) => fs.existsSync(path.join(STACKS_DIR, n, "Pulumi.yaml"))).sort();

const captures = new Map<string, Promise<EngineResource[]>>();

export function capturedSample(name: string): Promise<EngineResource[]> {
    let c = captures.get(name);
    if (!c) {
        c = loadProject(path.join(STACKS_DIR, name), {}).then((t) => t.resources);
        captures.set(name, c);
    }
    return c;
}

/** A stack previewed with a policy config (e.g. naming its break-glass principals) keeps it beside its program. */
export function sampleConfig(name: string): Record<string, unknown> | undefined {
    const file = path.join(STACKS_DIR, name, "policy-config.json");
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

export interface ExpectedFinding {
    policy: string;
    type: string;
    name: string;
}

/** The (policy, resource) pairs a sample must produce: its expected/*.json. */
export function expectedEntries(name: string): ExpectedFinding[] {
    const folder = path.join(STACKS_DIR, name, "expected");
    if (!fs.existsSync(folder)) return [];
    return fs
        .readdirSync(folder)
        .filter((f) => f.endsWith(".json"))
        .flatMap((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")) as ExpectedFinding[]);
}

/** The expected findings as sorted "policy type::name" lines. */
export function expectedFindings(name: string): string[] {
    return expectedEntries(name)
        .map((e) => `${e.policy} ${e.type}::${e.name}`)
        .sort();
}

/** What an analysis found, in the form of expectedFindings. */
export function actualFindings(analysis: Pick<Analysis, "diagnostics">, resources: EngineResource[]): string[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return analysis.diagnostics
        .map((d) => {
            const r = byUrn.get(d.urn);
            return `${d.policyName} ${r ? `${r.type}::${r.name}` : `(stack) ${d.urn}`}`;
        })
        .sort();
}
