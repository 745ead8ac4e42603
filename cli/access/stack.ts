import { unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { EngineResource } from "../../engine/resource";
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
    return new StackIndex(
        resources.map((r): StackResource => {
            const provider = r.provider ? byUrn.get(r.provider.split("::").slice(0, -1).join("::") || r.provider) : undefined;
            return {
                type: r.type,
                name: r.name,
                urn: r.urn,
                props: plainProps(r.outputs),
                parent: r.parent,
                dependencies: r.dependencies,
                propertyDependencies: r.propertyDependencies,
                provider: provider ? { type: provider.type, props: plainProps(provider.inputs) } : undefined,
            };
        }),
    );
}
