/**
 * `npm run fuzz`. First the metamorphic checks of every control's examples (test/robustness/
 * metamorphic.ts): meaning-preserving rewrites of each failing example must keep its findings,
 * the same rewrites of its fix must give none. Then the robustness properties of test/robustness
 * at scale: FUZZ_RUNS sets the cases per control (default 2,000; 0 skips them) and FUZZ_LOADER_RUNS
 * the hostile documents for the target loaders (default 2,000; 0 skips them); FUZZ_SEED fixes the
 * seed. Prints the counts of each; exits 1 if any found a problem.
 */
import fc from "fast-check";
import { controls } from "../policies/registry";
import { allExamples } from "../test/examples";
import { metamorphic } from "../test/robustness/metamorphic";
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

async function metamorphicPhase(): Promise<number> {
    let kept = 0;
    let removed = 0;
    const problems: string[] = [];
    const applied = new Map<string, number>();
    for (const [, e] of allExamples()) {
        const r = await metamorphic(e);
        kept += r.kept;
        removed += r.removed;
        problems.push(...r.problems);
        for (const [name, n] of r.applied) applied.set(name, (applied.get(name) ?? 0) + n);
    }
    for (const [name, n] of applied) console.log(`  ${String(n).padStart(4)} failing examples rewritten by: ${name}`);
    for (const p of problems) console.log(`LOST ${p}`);
    console.log(`metamorphic: ${kept} meaning-preserving or widening rewrites kept their findings, ${removed} rewrites of the fixes gave none; ${problems.length} did not`);
    return problems.length;
}

async function robustnessPhase(runs: number): Promise<number> {
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
    console.log(`robustness: ${total} generated cases across ${controls.length} controls (seed ${seed}); ${failed} controls failed`);
    const loadersOk = Number(process.env.FUZZ_LOADER_RUNS ?? 2000) > 0 ? await fuzzLoaders(seed) : true;
    return failed + (loadersOk ? 0 : 1);
}

async function main(): Promise<void> {
    const runs = Number(process.env.FUZZ_RUNS ?? 2000);
    const lost = await metamorphicPhase();
    const failed = runs > 0 ? await robustnessPhase(runs) : 0;
    process.exit(lost || failed ? 1 : 0);
}

main();
