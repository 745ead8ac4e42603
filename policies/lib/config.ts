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
