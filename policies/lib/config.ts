import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * Fills each option the user left out with its schema default. The engine does this before it
 * configures the pack; doing it here as well keeps a control's view of its config the same under
 * unit tests, the engine and the offline driver.
 */
export function withDefaults<C>(schema: Record<string, PolicyConfigJSONSchema> | undefined, given: object): C {
    const out: Record<string, unknown> = { ...given };
    for (const [key, option] of Object.entries(schema ?? {})) {
        if (out[key] === undefined && option.default !== undefined) out[key] = structuredClone(option.default);
    }
    return out as C;
}

const filled = new WeakMap<object, WeakMap<object, object>>();

/**
 * `withDefaults` of a config the runtime hands out frozen, once per Configure (patches/ makes
 * getConfig return the same frozen object for every resource): filled in once and shared, frozen,
 * by every evaluation until the next Configure. A config that is not frozen could change between
 * calls, so it is filled in again each time.
 */
export function sharedWithDefaults<C>(schema: Record<string, PolicyConfigJSONSchema>, given: object): C {
    if (!Object.isFrozen(given)) return withDefaults<C>(schema, given);
    let bySchema = filled.get(given);
    if (!bySchema) filled.set(given, (bySchema = new WeakMap()));
    let out = bySchema.get(schema);
    if (!out) bySchema.set(schema, (out = Object.freeze(withDefaults<object>(schema, given))));
    return out as C;
}
