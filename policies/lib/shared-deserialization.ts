/**
 * The CrossGuard runtime deserializes a resource's properties once per policy: with dozens of
 * policies, every Analyze and AnalyzeStack call converts the same protobuf Struct dozens of times,
 * which dominates the pack's cost on large stacks. This memoizes that conversion per Struct
 * instance (one request's properties), so all policies share one plain object.
 *
 * It replaces a function on @pulumi/policy's internal `deserialize` module, which its server calls
 * through the module object. Sharing is safe because no phi-guard control mutates its inputs (they
 * read a copy, see values.ts). If the module is not shaped as expected (another SDK version), it
 * leaves the runtime untouched: only speed depends on it, never results.
 */
type Deserialize = (props: object, proxySecrets: boolean) => Record<string, unknown>;

export function shareDeserialization(): boolean {
    let mod: { deserializeProperties?: Deserialize };
    try {
        mod = require("@pulumi/policy/deserialize");
    } catch {
        return false;
    }
    const original = mod.deserializeProperties;
    if (typeof original !== "function" || (original as { shared?: boolean }).shared) return false;
    const cache = new WeakMap<object, Record<string, unknown>>();
    const shared: Deserialize & { shared?: boolean } = (props, proxySecrets) => {
        if (proxySecrets || typeof props !== "object" || props === null) return original(props, proxySecrets);
        let value = cache.get(props);
        if (!value) {
            value = original(props, proxySecrets);
            cache.set(props, value);
        }
        return value;
    };
    shared.shared = true;
    mod.deserializeProperties = shared;
    return true;
}
