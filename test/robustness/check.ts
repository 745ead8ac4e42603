import fc from "fast-check";
import type { Control } from "../../policies/control";
import { readsOneResource } from "../../policies/control";
import { Outcome, proxied, runResource, runStack, TestResource } from "../harness";
import { capturedSample, SAMPLE_STACKS } from "../samples";
import { asTestResources } from "./arbitraries";

/** Resources of every sample stack, the seeds that mutation starts from. */
export async function sampleSeeds(): Promise<TestResource[]> {
    const captured = await Promise.all(SAMPLE_STACKS.map(capturedSample));
    return captured.flatMap((c) => asTestResources(c));
}
import { inputsFor, mutatedFor, secretValues } from "./arbitraries";

function deserializable(props: Record<string, unknown>): boolean {
    try {
        proxied(props);
        return true;
    } catch {
        return false;
    }
}

/** Runs a control on generated inputs as the runtime would. */
export async function evaluate(control: Control, resources: TestResource[], config?: Record<string, unknown>): Promise<Outcome> {
    return readsOneResource(control) ? runResource(control, resources[0], { config }) : runStack(control, resources, { config });
}

/**
 * The invariants every control keeps on any input: nothing escapes as an exception (the adapter
 * turns one into an "internal" finding, which is a bug here), and no message repeats a planted
 * secret.
 */
export function invariantProblem(outcome: Outcome): string | undefined {
    const messages = [...outcome.violations, ...outcome.unverified, ...(outcome.exempt ?? [])];
    const crash = messages.find((m) => m.includes("could not evaluate this resource (internal"));
    if (crash) return crash;
    const leak = messages.find((m) => secretValues.some((s) => m.includes(s)));
    if (leak) return `message repeats a secret: ${leak}`;
    return undefined;
}

/** Random bags and mutated sample resources, half and half. */
export function controlProperty(control: Control, seeds: readonly TestResource[]) {
    return fc.asyncProperty(fc.oneof(inputsFor(control), mutatedFor(control, seeds)), async (resources) => {
        // Inputs that the runtime's own deserializer rejects never come from the engine: skip them.
        fc.pre(resources.every((r) => deserializable(r.props)));
        const problem = invariantProblem(await evaluate(control, resources));
        if (problem) throw new Error(problem);
    });
}
