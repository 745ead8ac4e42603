import { strict as assert } from "assert";
import * as path from "path";
import { analyzeStack } from "../../engine/driver";
import { actualFindings, capturedSample, expectedFindings, SAMPLE_STACKS, sampleConfig } from "../samples";

/**
 * Each sample stack runs through program capture and the engine-protocol driver against the built
 * pack; its findings must be exactly the (policy, resource) pairs listed in expected/*.json.
 */
const ROOT = path.resolve(__dirname, "../..");

describe("sample stacks through capture and the engine protocol", function () {
    this.timeout(180_000);
    for (const name of SAMPLE_STACKS) {
        it(`${name} produces exactly its expected findings`, async () => {
            const resources = await capturedSample(name);
            const analysis = await analyzeStack(ROOT, resources, { project: name, stack: "dev", dryRun: true, config: sampleConfig(name) });
            const expected = expectedFindings(name);
            if (name.endsWith("-compliant")) assert.deepEqual(expected, [], "a compliant stack lists no expected findings");
            assert.deepEqual(actualFindings(analysis, resources), expected, analysis.diagnostics.map((d) => d.message).join("\n---\n"));
        });
    }
});
