import Ajv from "ajv";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicySchemaInfo {
    name: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, any>; required?: string[] };
}

/** The contents of a `--policy-pack-config` file: policy name (or "all") -> level or object. */
export type PolicyPackConfigFile = Record<string, unknown>;

export interface ResolvedPolicyConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

export class PolicyConfigError extends Error {
    constructor(
        message: string,
        readonly problems: string[] = [message],
    ) {
        super(message);
    }
}

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/**
 * Reconciles a pack's policies with a config file the way the engine does before it calls
 * Configure: schema defaults first, then the "all" entry's level, then the policy's own entry
 * (a level string, or an object with enforcementLevel and options), then JSON Schema validation
 * of each policy's options.
 */
export function resolvePolicyConfig(
    policies: readonly PolicySchemaInfo[],
    file: PolicyPackConfigFile = {},
): Record<string, ResolvedPolicyConfig> {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const errors: string[] = [];
    const all = levelOf(file.all, "all");
    const out: Record<string, ResolvedPolicyConfig> = {};
    for (const policy of policies) {
        const properties: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (schema && typeof schema === "object" && "default" in schema) properties[key] = structuredClone(schema.default);
        }
        let enforcementLevel = all ?? policy.enforcementLevel;
        const entry = file[policy.name];
        if (typeof entry === "string") {
            enforcementLevel = levelOf(entry, policy.name) ?? enforcementLevel;
        } else if (entry && typeof entry === "object" && !Array.isArray(entry)) {
            const { enforcementLevel: level, ...options } = entry as Record<string, unknown>;
            enforcementLevel = levelOf(level, policy.name) ?? enforcementLevel;
            Object.assign(properties, options);
        } else if (entry !== undefined) {
            errors.push(`${policy.name}: must be an enforcement level or an object`);
        }
        if (policy.configSchema) {
            const validate = ajv.compile({ type: "object", ...policy.configSchema });
            if (!validate(properties)) {
                for (const e of validate.errors ?? []) errors.push(`${policy.name}: ${e.instancePath ? `${e.instancePath.slice(1).replace(/\//g, ".")} ` : ""}${e.message}`);
            }
        }
        out[policy.name] = { enforcementLevel, properties };
    }
    if (errors.length > 0) throw new PolicyConfigError(`invalid policy config: ${errors.join("; ")}`, errors);
    return out;
}

function levelOf(value: unknown, where: string): EnforcementLevel | undefined {
    if (value === undefined) return undefined;
    const raw = typeof value === "object" && value !== null ? (value as Record<string, unknown>).enforcementLevel : value;
    if (raw === undefined) return undefined;
    if (typeof raw === "string" && (LEVELS as string[]).includes(raw)) return raw as EnforcementLevel;
    throw new PolicyConfigError(`invalid enforcement level for "${where}": expected one of ${LEVELS.join(", ")}`);
}
