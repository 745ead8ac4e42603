import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { withDefaults } from "./lib/config";
import { PHI_SCOPE_OPTIONS, PhiScopeConfig } from "./lib/phi-scope";

/**
 * Pack-wide settings: the choices that hold for every control (PHI scope today; the exemption
 * policy, the organisation boundary and fail-closed choices join them here), given once.
 *
 * Pulumi's policy config is per policy. The engine reconciles it in pkg/resource/analyzer/config.go
 * (ReconcilePolicyPackConfig / applyConfig): schema defaults, then only the *enforcement level* of
 * the `all` entry applied to every policy, then each policy's own entry merged shallowly, then
 * JSON Schema validation per policy. Properties given under `all` never reach a policy (and an
 * `all` object without an enforcement level fails Configure). So the one documented mechanism is
 * a policy of its own, `phi-guard-settings`, whose config schema holds every pack-wide option:
 * the engine applies its defaults and validates it like any other policy's config, a Pulumi Cloud
 * policy group shows it, and a config file gives it once:
 *
 *     { "phi-guard-settings": { "phiScope": "tagged" }, "aws-s3-encryption-cmk": "mandatory" }
 *
 * The settings policy judges nothing. It comes first in the pack, so the runtime calls it first in
 * every Analyze and AnalyzeStack request (it evaluates policies in order), and it hands its config
 * to the controls that run after it in that request. If the config owner disables it, the runtime
 * skips it and every setting keeps its default, which is the strictest choice.
 */
export const SETTINGS_POLICY = "phi-guard-settings";

export type PackSettings = PhiScopeConfig;

export const SETTINGS_OPTIONS: Record<keyof PackSettings, PolicyConfigJSONSchema> = {
    ...PHI_SCOPE_OPTIONS,
};

const DEFAULTS: PackSettings = withDefaults<PackSettings>(SETTINGS_OPTIONS, {});
let current: PackSettings = DEFAULTS;

/** The settings of the request being evaluated (their defaults until the settings policy has run). */
export function packSettings(): PackSettings {
    return current;
}

/**
 * Takes the settings policy's config for the requests that follow. The engine sends config once
 * (Configure) before any analysis, so every request of a run sees the same settings.
 */
export function adoptSettings(config: object): void {
    current = withDefaults<PackSettings>(SETTINGS_OPTIONS, config);
}
