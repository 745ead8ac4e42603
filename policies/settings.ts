import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { BOUNDARY_OPTIONS, BoundarySettings } from "./lib/core/boundary";
import { withDefaults } from "./lib/config";
import { exemptionOptions, ExemptionSettings } from "./lib/exemptions";
import { PHI_SCOPE_OPTIONS, PhiScopeConfig } from "./lib/phi-scope";
import { controls } from "./registry";

/**
 * Pack-wide settings: the choices that hold for every control (PHI scope, the organisation
 * boundary, the exemptions and what tags may do, how findings reach the engine, fail-closed choices), given once.
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
 * The settings policy comes first in the pack, so the runtime calls it first in every Analyze and
 * AnalyzeStack request (it evaluates policies in order), and it hands its config to the controls
 * that run after it in that request. If the config owner disables it, the runtime skips it and
 * every setting keeps its default, which is the strictest choice (no exemptions at all).
 *
 * Only the policy config reaches these settings: no environment variable or program value does,
 * so whoever controls the program or the CI variables under `pulumi preview` cannot change them.
 */
export const SETTINGS_POLICY = "phi-guard-settings";

/**
 * Under the engine a pack always receives secrets decrypted. `phi-guard scan` of a saved file
 * cannot decrypt them (ciphertext in a stack export, "[secret]" in a preview, secure stack config):
 * the scan, which knows which values it could not read, applies this choice to the findings they
 * cause (cli/targets/unreadable.ts). The pack itself never meets such a value.
 */
export interface SavedTargetSettings {
    encryptedValues: "fail" | "advisory";
}

export interface PackSettings extends PhiScopeConfig, ExemptionSettings, SavedTargetSettings, BoundarySettings {
    reportExemptions: boolean;
    failClosedStackChecks: boolean;
    asOf: string;
    listEveryFinding: boolean;
}

export const SETTINGS_OPTIONS: Record<keyof PackSettings, PolicyConfigJSONSchema> = {
    ...PHI_SCOPE_OPTIONS,
    ...BOUNDARY_OPTIONS,
    ...exemptionOptions(controls.map((c) => c.id)),
    encryptedValues: {
        type: "string",
        enum: ["fail", "advisory"],
        default: "fail",
        description:
            '`phi-guard scan` of a saved stack export, preview file or YAML program: what a mandatory control reports when a value it needs is encrypted there (ciphertext in the export, "[secret]" in the preview, a secure config value). "fail": a mandatory violation, since the scan cannot show the value is safe; "advisory": could not verify, advisory. Under the Pulumi engine the pack always receives values decrypted, so this never applies there.',
    },
    reportExemptions: {
        type: "boolean",
        default: true,
        description:
            "Report each honoured exemption as an advisory finding on its resource (`exempt from <control> until <date>: <reason>`), so that it shows in `pulumi preview` and Pulumi Cloud. Pulumi then counts that control as failed in its policy summary; false leaves only the not-applicable record, which the Pulumi CLI does not print.",
    },
    failClosedStackChecks: {
        type: "boolean",
        default: false,
        description:
            "Report a stack check's \"could not verify\" (a value unknown at preview, judged by a stack control or a resource control's stack part) at the control's own level, mandatory by default, instead of advisory: the preview fails until the value can be checked. Stack checks run again on `pulumi up` only after resources are changed, so this is the fail-closed choice; a control's per-resource part checks again before each change in any case.",
    },
    asOf: {
        type: "string",
        pattern: "^(\\d{4}-\\d{2}-\\d{2})?$",
        default: "",
        description:
            "Judge exemption expiry as of this date (YYYY-MM-DD) instead of today, to re-run an audit; `phi-guard scan --as-of` sets it and every report prints it, and each exemption finding carries its expiry. Empty: today (UTC).",
    },
    listEveryFinding: {
        type: "boolean",
        default: false,
        description:
            "List every finding in every response. By default each control lists findings up to its share of the 4 MiB response the Pulumi CLI accepts and then reports one summary finding at the same level with the count; `phi-guard scan` sets this because it reads responses of any size. Under the Pulumi CLI, true turns a very large stack's summary into a gRPC error.",
    },
};

/** The settings a config gives, each option it leaves out at its default (the strictest choice). */
export function readSettings(config: object): PackSettings {
    return withDefaults<PackSettings>(SETTINGS_OPTIONS, config);
}

const DEFAULTS: PackSettings = readSettings({});
let current: PackSettings = DEFAULTS;

/** The settings of the request being evaluated (their defaults until the settings policy has run). */
export function packSettings(): PackSettings {
    return current;
}

/**
 * Takes the settings policy's config for the requests that follow. The engine sends config once
 * (Configure) before any analysis, so every request of a run sees the same settings.
 */
export function adoptSettings(config: object): PackSettings {
    current = readSettings(config);
    return current;
}
