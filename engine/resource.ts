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

/** The wire sentinel of an unknown string value during preview. */
export const UNKNOWN_WIRE_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The signature key and value that mark a secret on the wire. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const wireSecret = (value: unknown): Record<string, unknown> => ({ [SIG_KEY]: SECRET_SIG, value });
