import { unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EngineResource, providerUrnOf } from "../../engine/resource";
import { StackIndex, StackResource } from "../../policies/lib/stack-index";
import { isObject, PlainObject, sharedSnapshot } from "../../policies/lib/values";

const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(props: Struct, proxySecrets: boolean): Record<string, unknown>;
};

/** Wire properties as the pack's runtime reads them: unknown preview values become UNKNOWN, secrets their values. */
function plainProps(wire: Record<string, unknown>): PlainObject {
    const plain = sharedSnapshot(unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(wire as any), false)));
    return isObject(plain) ? plain : {};
}

/**
 * A scanned target's resources as AnalyzeStack sends them to the pack (their outputs, which are
 * the planned state in a preview, with their providers' inputs), indexed for the access graph.
 */
export function stackOf(resources: readonly EngineResource[]): StackIndex {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    // One copy of a provider's inputs for all the resources it manages, as the pack's runtime shares it.
    const providers = new Map<string, StackResource["provider"]>();
    const providerOf = (ref: string) => {
        const urn = providerUrnOf(ref);
        if (!providers.has(urn)) {
            const p = byUrn.get(urn);
            providers.set(urn, p ? { type: p.type, props: plainProps(p.inputs) } : undefined);
        }
        return providers.get(urn);
    };
    return new StackIndex(
        resources.map((r): StackResource => {
            return {
                type: r.type,
                name: r.name,
                urn: r.urn,
                props: plainProps(r.outputs),
                parent: r.parent,
                dependencies: r.dependencies,
                propertyDependencies: r.propertyDependencies,
                provider: r.provider ? providerOf(r.provider) : undefined,
            };
        }),
    );
}
