/**
 * A resource as the engine knows it, in wire form: property values may hold the engine's
 * sentinels for secrets, unknowns and resource references, exactly as they travel to a pack.
 */
export interface EngineResource {
    type: string;
    name: string;
    urn: string;
    custom: boolean;
    /** Inputs after the provider's Check: what Analyze receives. */
    inputs: Record<string, unknown>;
    /** Outputs: what AnalyzeStack receives. During a preview they are the planned state. */
    outputs: Record<string, unknown>;
    parent?: string;
    provider?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** Where the resource is declared, when known (program file and line). */
    source?: { file: string; line: number };
    /** Read with `Resource.get` rather than registered: the engine sends it to AnalyzeStack only. */
    read?: boolean;
}

/** Whether a resource is a provider (`pulumi:providers:<package>`). */
export const isProvider = (r: { type: string }): boolean => r.type.startsWith("pulumi:providers:");

/** The URN a provider reference (`<provider urn>::<id>`) names. */
export function providerUrnOf(ref: string): string {
    const cut = ref.lastIndexOf("::");
    return cut > 0 ? ref.slice(0, cut) : ref;
}

/** The wire sentinel of an unknown string value during preview. */
export const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The signature key and value that mark a secret on the wire. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const wireSecret = (value: unknown): Record<string, unknown> => ({ [SIG_KEY]: SECRET_SIG, value });

/** Whether a wire value is a secret (the engine's signature object around its value). */
export const isWireSecret = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === "object" && !Array.isArray(v) && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

/**
 * The other signatures a serialized value can carry (pulumi/pulumi sdk/go/common/resource/sig/sig.go),
 * and the one the state serializer adds for NaN and infinities (pkg/resource/stack/deployment.go).
 */
export const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
export const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const BYTE_STRING_SIG = "803fd3297a5875dc03ca845dda5d2a98";
export const FLOAT_SIG = "8ad145fe-0d11-4827-bfd7-1abcbf086f5c";

/** The engine's unknown sentinels for assets and archives (plugin/rpc.go, marshalUnknownProperty). */
export const UNKNOWN_ASSET_WIRE_VALUE = "030794c1-ac77-496b-92df-f27374a8bd58";
export const UNKNOWN_ARCHIVE_WIRE_VALUE = "e48ece36-62e2-4504-bad9-02848725956a";

/** Every sentinel the engine sends for an unknown value, by the type it would have had. */
export const UNKNOWN_WIRE_VALUES: ReadonlySet<string> = new Set([
    UNKNOWN_WIRE_VALUE,
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
    UNKNOWN_ASSET_WIRE_VALUE,
    UNKNOWN_ARCHIVE_WIRE_VALUE,
]);
