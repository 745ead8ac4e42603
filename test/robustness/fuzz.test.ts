import fc from "fast-check";
import { controls } from "../../policies/registry";
import type { TestResource } from "../harness";
import { controlProperty, sampleSeeds } from "./check";

/** A modest, seeded run in `npm test`; `npm run fuzz` runs far more. */
describe("every control on arbitrary and malformed input", function () {
    this.timeout(120_000);
    let seeds: TestResource[];
    before(async () => (seeds = await sampleSeeds()));
    for (const control of controls) {
        it(`${control.id} never throws and never echoes a secret`, async () => {
            await fc.assert(controlProperty(control, seeds), { seed: 20261129, numRuns: 60 });
        });
    }
});
