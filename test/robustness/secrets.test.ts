import { strict as assert } from "assert";
import { readsOneResource } from "../../policies/control";
import { controls } from "../../policies/registry";
import { secret, TestResource } from "../harness";
import { KEYS, secretValues, TYPE_TOKENS } from "./arbitraries";
import { evaluate, invariantProblem } from "./check";

/**
 * Secret hygiene: secret-shaped values planted in every string property a control could read,
 * at the top level, nested in objects and lists, inside policy documents, and wrapped as secrets.
 * No message may repeat one.
 */
function planted(i: number): Record<string, unknown> {
    const s = (k: number) => secretValues[(i + k) % secretValues.length];
    const doc = JSON.stringify({
        Statement: [{ Sid: s(1), Effect: "Allow", Action: ["*", s(2)], Resource: ["*", s(3)], Principal: { AWS: s(4) }, Condition: { StringEquals: { "aws:SourceAccount": s(5) } } }],
    });
    const bag: Record<string, unknown> = {};
    KEYS.forEach((key, k) => {
        bag[key] = k % 5 === 0 ? doc : k % 5 === 1 ? secret(s(k)) : k % 5 === 2 ? [s(k), { [key]: s(k + 1), value: s(k + 2), name: s(k + 3) }] : k % 5 === 3 ? { [key]: s(k), variables: { PASSWORD: s(k + 1), DB_URL: s(k + 2) } } : s(k);
    });
    return bag;
}

function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
    }
    return value;
}

/** One resource per type, shared by every control; frozen, so the harness deserializes each bag once. */
const RESOURCES = new Map<string, TestResource>(TYPE_TOKENS.map((type, i) => [type, { type, name: `r${i}`, props: deepFreeze(planted(i)) }]));
const resourceOf = (type: string, i: number): TestResource => RESOURCES.get(type) ?? { type, name: `x${i}`, props: planted(i) };

describe("secret hygiene: no message repeats a planted secret", function () {
    this.timeout(120_000);
    for (const control of controls) {
        it(`${control.id} on every property of its resource types`, async () => {
            const types = readsOneResource(control) ? control.types.canonical : TYPE_TOKENS;
            const resources = types.map(resourceOf);
            const batches = readsOneResource(control) ? resources.map((r) => [r]) : [resources];
            for (const batch of batches) {
                const problem = invariantProblem(await evaluate(control, batch));
                assert.equal(problem, undefined, problem);
            }
        });
    }
});
