import { strict as assert } from "assert";
import * as path from "path";
import { controls } from "../../policies/registry";
import { completed } from "../findings";
import { allExamples, examplesFile, runExample } from "../examples";

/** Runs every control against its examples: each passing one gives no finding, each failing one exactly its findings. */
const examples = allExamples();
const key = (f: object) => JSON.stringify(f);

describe("control examples", () => {
    it("gives every control a compliant baseline and at least one failing example, each failure changing a passing one", () => {
        for (const control of controls) {
            const e = examples.get(control.id);
            assert.ok(e, `missing ${path.relative(path.join(__dirname, "..", ".."), examplesFile(control))}`);
            assert.equal(e.control, control, `${control.id}: its examples file is about ${e.control.id}`);
            assert.ok(e.passing.baseline, `${control.id}: no baseline`);
            assert.ok(Object.keys(e.failing).length > 0, `${control.id}: no failing example`);
            for (const [name, f] of Object.entries(e.failing)) {
                assert.ok(f.findings.length > 0, `${control.id} ${name}: a failing example with no finding`);
                assert.ok(e.passing[f.from ?? "baseline"], `${control.id} ${name}: changes ${f.from}, which is not a passing example`);
            }
        }
    });

    for (const [id, e] of examples) {
        describe(id, () => {
            for (const [name, p] of Object.entries(e.passing)) {
                it(`passes ${name}: ${p.says}`, async () => {
                    assert.deepEqual(await runExample(e.control, p.resources, p.options), []);
                });
            }
            for (const [name, f] of Object.entries(e.failing)) {
                it(`flags ${name}: ${f.says}`, async () => {
                    const actual = (await runExample(e.control, f.resources, f.options)).map(key).sort();
                    assert.deepEqual(actual, f.findings.map((x) => key(completed(x, e.control))).sort());
                });
            }
        });
    }
});
