/**
 * `npm run fuzz`: the robustness properties of test/robustness at scale. FUZZ_RUNS sets the cases
 * per control (default 2,000) and FUZZ_LOADER_RUNS the hostile documents for the target loaders
 * (default 2,000); FUZZ_SEED fixes the seed. Prints how many cases ran.
 */
import fc from "fast-check";
import { controls } from "../policies/registry";
import { controlProperty, sampleSeeds } from "../test/robustness/check";
import { loaderProperty, loaderSeeds } from "../test/robustness/loaders";

/** Stack exports, previews and YAML programs made hostile, through the loaders and on to every control. */
async function fuzzLoaders(seed: number): Promise<boolean> {
    const runs = Number(process.env.FUZZ_LOADER_RUNS ?? 2000);
    const seeds = await loaderSeeds();
    const counts = { loaded: 0, refused: 0 };
    const started = Date.now();
    const result = await fc.check(loaderProperty(seeds, counts), { seed, numRuns: runs });
    if (result.failed) {
        console.log(`FAIL target loaders (seed ${seed}, path ${result.counterexamplePath}): ${String(result.errorInstance).split("\n")[0]}`);
        return false;
    }
    console.log(`ok   target loaders: ${result.numRuns} hostile documents from ${seeds.length} real ones (${counts.loaded} loaded and judged by every control, ${counts.refused} refused in one line) in ${Date.now() - started} ms`);
    return true;
}

async function main(): Promise<void> {
    const runs = Number(process.env.FUZZ_RUNS ?? 2000);
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now();
    const seeds = await sampleSeeds();
    let total = 0;
    let failed = 0;
    for (const control of controls) {
        const started = Date.now();
        const result = await fc.check(controlProperty(control, seeds), { seed, numRuns: runs });
        total += result.numRuns;
        if (result.failed) {
            failed++;
            console.log(`FAIL ${control.id} (seed ${seed}, path ${result.counterexamplePath}): ${String(result.errorInstance)}`);
            console.log(`  counterexample: ${JSON.stringify(result.counterexample).slice(0, 2000)}`);
        } else {
            console.log(`ok   ${control.id}: ${result.numRuns} cases in ${Date.now() - started} ms`);
        }
    }
    console.log(`${total} generated cases across ${controls.length} controls (seed ${seed}); ${failed} controls failed`);
    const loadersOk = await fuzzLoaders(seed);
    process.exit(failed || !loadersOk ? 1 : 0);
}

main();
