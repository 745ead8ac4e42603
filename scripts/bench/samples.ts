import * as fs from "fs";
import * as path from "path";
import { loadProject } from "../../cli/targets/project";
import type { PolicyPackConfigFile } from "../../engine/pack-config";
import type { EngineResource } from "../../engine/resource";

/**
 * Stacks made of the sample programs in stacks/, captured as a preview sees them and copied until
 * the stack has the wanted size. Each copy renames its URNs, and its links follow; names stay, so
 * the samples' config still applies. The compliant samples pass every control, so they show what
 * the controls themselves cost; the violation samples fire every control.
 */
const STACKS = path.join(__dirname, "..", "..", "stacks");

export interface SampleStacks {
    /** At least `size` resources: a stack resource, then whole copies of the samples. */
    stack(size: number): EngineResource[];
    /** The samples' own policy config files, merged (as a user would configure the pack). */
    config: PolicyPackConfigFile;
}

export async function sampleStacks(samples: readonly string[]): Promise<SampleStacks> {
    const captured = inStableOrder((await Promise.all(samples.map(async (s) => (await loadProject(path.join(STACKS, s), {})).resources))).flat());
    const root = captured.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const unit = captured.filter((r) => r.type !== "pulumi:pulumi:Stack");
    let config: PolicyPackConfigFile = {};
    for (const s of samples) {
        const file = path.join(STACKS, s, "policy-config.json");
        if (fs.existsSync(file)) config = { ...config, ...JSON.parse(fs.readFileSync(file, "utf8")) };
    }
    return {
        config,
        stack(size) {
            const out = [root];
            // Whole copies only: a copy cut short would leave resources without their companions.
            for (let copy = 0; out.length < size; copy++) out.push(...unit.map((r) => renamed(r, copy, root.urn)));
            return out;
        },
    };
}

function renamed(r: EngineResource, copy: number, root: string): EngineResource {
    if (copy === 0) return r;
    const urn = (u: string) => (u === root ? u : `${u}-${copy}`);
    const propertyDependencies: Record<string, string[]> = {};
    for (const [prop, urns] of Object.entries(r.propertyDependencies)) propertyDependencies[prop] = urns.map(urn);
    return {
        ...r,
        urn: urn(r.urn),
        parent: r.parent && urn(r.parent),
        dependencies: r.dependencies.map(urn),
        propertyDependencies,
    };
}

/**
 * The resources in one order every run: a program registers them as its promises settle, which
 * varies, and the order decides which paths a finding's message names first. Each resource
 * follows its parent and dependencies (as in the engine's own order); otherwise by URN.
 */
function inStableOrder(resources: readonly EngineResource[]): EngineResource[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const placed = new Set<string>();
    const out: EngineResource[] = [];
    const place = (r: EngineResource) => {
        if (placed.has(r.urn)) return;
        placed.add(r.urn);
        for (const urn of [r.parent, ...r.dependencies].filter((u): u is string => u !== undefined).sort()) {
            const before = byUrn.get(urn);
            if (before) place(before);
        }
        out.push(r);
    };
    [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)).forEach(place);
    return out;
}
