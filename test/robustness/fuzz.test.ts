import fc from "fast-check";
import { controls } from "../../policies/registry";
import { controlProperty } from "./check";

/** A modest, seeded run in `npm test`; `npm run fuzz` runs far more. */
describe("every control on arbitrary and malformed input", function () {
    this.timeout(120_000);
    for (const control of controls) {
        it(`${control.id} never throws and never echoes a secret`, async () => {
            await fc.assert(controlProperty(control), { seed: 20261129, numRuns: 60 });
        });
    }
});
