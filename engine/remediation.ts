import { isDeepStrictEqual } from "util";
import { EngineResource, isWireSecret, UNKNOWN_WIRE_VALUES } from "./resource";

/** One property a remediation changed, with values safe to print. */
export interface PropertyChange {
    path: string;
    before: unknown;
    after: unknown;
}

/** What the pack's remediations did to one resource before Analyze. */
export interface ResourceRemediation {
    urn: string;
    /** The policies whose remediation changed it, in the order they ran. */
    policies: string[];
    changes: PropertyChange[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A value as a report may show it: a secret never, an unknown as such. */
function shown(v: unknown): unknown {
    if (isWireSecret(v)) return "[secret]";
    if (typeof v === "string" && UNKNOWN_WIRE_VALUES.has(v)) return "[unknown]";
    if (Array.isArray(v)) return v.map(shown);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shown(x)]));
    return v;
}

const child = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The properties that differ between two wire property sets, deepest first where both are objects or lists of one length. */
export function propertyChanges(before: unknown, after: unknown, path = ""): PropertyChange[] {
    if (isDeepStrictEqual(before, after)) return [];
    if (isRecord(before) && isRecord(after) && !isWireSecret(before) && !isWireSecret(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
        return keys.flatMap((k) => propertyChanges(before[k], after[k], child(path, k)));
    }
    if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        return before.flatMap((b, i) => propertyChanges(b, after[i], child(path, i)));
    }
    return [{ path, before: shown(before), after: shown(after) }];
}

/**
 * The stack as AnalyzeStack sees it after remediation: in a preview the engine plans each
 * resource's outputs from the inputs the remediations returned, so what they changed shows there.
 */
export function withRemediatedOutputs(resources: readonly EngineResource[], remediatedInputs: ReadonlyMap<string, Record<string, unknown>>): EngineResource[] {
    return resources.map((r) => {
        const inputs = remediatedInputs.get(r.urn);
        if (!inputs) return r;
        const changedKeys = Object.keys(inputs).filter((k) => !isDeepStrictEqual(inputs[k], r.inputs[k]));
        return { ...r, inputs, outputs: { ...r.outputs, ...Object.fromEntries(changedKeys.map((k) => [k, inputs[k]])) } };
    });
}
