import { strict as assert } from "assert";
import { allExamples } from "../examples";
import { metamorphic } from "./metamorphic";

/** Every failing example keeps its findings under rewrites that keep its meaning; the same rewrites of its fix give none. */
describe("metamorphic rewrites of the controls' examples", () => {
    for (const [id, e] of allExamples()) {
        it(`keeps ${id}'s findings under every meaning-preserving rewrite, and its fixes clean`, async () => {
            const r = await metamorphic(e);
            assert.deepEqual(r.problems, []);
        });
    }
});
