import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { analyzeStack, Analysis } from "../../engine/driver";
import type { EngineResource } from "../../engine/resource";
import { capturedSample, SAMPLE_STACKS, STACKS_DIR } from "../samples";

/**
 * Each sample stack runs through program capture and the engine-protocol driver against the built
 * pack; its findings must be exactly the (policy, resource) pairs listed in expected/*.json.
 */
const ROOT = path.resolve(__dirname, "../..");

interface Expected {
    policy: string;
    type: string;
    name: string;
}

function expectedFindings(dir: string): string[] {
    const folder = path.join(dir, "expected");
    if (!fs.existsSync(folder)) return [];
    return fs
        .readdirSync(folder)
        .filter((f) => f.endsWith(".json"))
        .flatMap((f) => JSON.parse(fs.readFileSync(path.join(folder, f), "utf8")) as Expected[])
        .map((e) => `${e.policy} ${e.type}::${e.name}`)
        .sort();
}

function actualFindings(analysis: Analysis, resources: EngineResource[]): string[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    return analysis.diagnostics
        .map((d) => {
            const r = byUrn.get(d.urn);
            return `${d.policyName} ${r ? `${r.type}::${r.name}` : `(stack) ${d.urn}`}`;
        })
        .sort();
}

describe("sample stacks through capture and the engine protocol", function () {
    this.timeout(180_000);
    for (const name of SAMPLE_STACKS) {
        const dir = path.join(STACKS_DIR, name);
        it(`${name} produces exactly its expected findings`, async () => {
            const resources = await capturedSample(name);
            // A stack previewed with a policy config (e.g. naming its break-glass principals) keeps it beside its program.
            const configFile = path.join(dir, "policy-config.json");
            const config = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, "utf8")) : undefined;
            const analysis = await analyzeStack(ROOT, resources, { project: name, stack: "dev", dryRun: true, config });
            const expected = expectedFindings(dir);
            if (name.endsWith("-compliant")) assert.deepEqual(expected, [], "a compliant stack lists no expected findings");
            assert.deepEqual(actualFindings(analysis, resources), expected, analysis.diagnostics.map((d) => d.message).join("\n---\n"));
        });
    }
});
