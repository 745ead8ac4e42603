import { strict as assert } from "assert";
import fc from "fast-check";
import { loaderProperty, loaderSeeds, Seed } from "./loaders";

/** A modest, seeded run in `npm test`; `npm run fuzz` runs far more. */
describe("the target loaders on hostile documents built from real ones", function () {
    this.timeout(600_000);
    let seeds: Seed[];
    before(async () => (seeds = await loaderSeeds()));

    it("load every stack export, preview and YAML program or refuse it in one line, and pass the pack nothing it cannot take", async () => {
        const counts = { loaded: 0, refused: 0 };
        await fc.assert(loaderProperty(seeds, counts), { seed: 20261201, numRuns: 150 });
        // Both outcomes are exercised: hostile edits that a loader must refuse, and ones it must carry to the pack.
        assert.ok(counts.loaded > 20 && counts.refused > 20, `loaded ${counts.loaded}, refused ${counts.refused}`);
    });
});
