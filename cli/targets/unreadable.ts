import { Analysis, analyzeStack, Diagnostic, DriverOptions, PackProcess, runAnalysis, StackContext } from "../../engine/driver";
import { EngineResource, SECRET_SIG, SIG_KEY, UNKNOWN_WIRE_VALUES } from "../../engine/resource";
import { readUnknownAtPreview, unverifiedMessage } from "../../policies/outcomes";
import { readSettings, SETTINGS_POLICY } from "../../policies/settings";
import { parseUrn } from "./state";
import type { LoadedTarget } from "./target";
import { childPath, plainObject, UnreadableReason, UnreadableValue } from "./wire";

/**
 * Values a saved target holds but the scan cannot read. The engine always gives a pack decrypted
 * values, so only the scan meets them, and only the scan knows which they are: the pack sees an
 * unknown and says "could not verify ... during preview", which is false for a saved file.
 *
 * Which findings they cause is found by asking the pack again: once with the genuine preview
 * unknowns left out (what the unreadable values cause on their own), once with both left out (what
 * remains has another cause, such as a role outside the stack). A could-not-verify finding of the
 * first and not of the second is put down to the unreadable values, even when a genuine unknown
 * would also cause it: a program cannot hide a secret value behind an unknown one. The others keep
 * their words. Exports have no genuine unknowns, so they need one more run, previews two.
 */

const WHAT: Record<UnreadableReason, { what: string; fix: string }> = {
    encrypted: {
        what: "encrypted in the state",
        fix: "export the stack with `pulumi stack export --show-secrets` and scan that file",
    },
    hidden: {
        what: 'shown as "[secret]" in the preview file',
        fix: "`pulumi preview --json` never shows secrets: run `pulumi preview --policy-pack` with phi-guard, where the engine gives the pack decrypted values",
    },
    "secure-config": {
        what: "from a secure stack config value the scan cannot decrypt",
        fix: "run `pulumi preview --policy-pack` with phi-guard, where the engine gives the pack decrypted values",
    },
    unknown: {
        what: "left unknown in the saved state",
        fix: "an operation that did not finish left it so: run `pulumi refresh` and export the stack again",
    },
};

/** Values hidden from the scan but known to the engine: a mandatory control fails closed on them unless config says otherwise. */
const HIDDEN_FROM_SCAN = new Set<UnreadableReason>(["encrypted", "hidden", "secure-config"]);

/** Analyzes a target as the engine would, then says which findings its unreadable values caused. */
export async function analyzeTarget(packDir: string, target: LoadedTarget, ctx: StackContext, opts: DriverOptions = {}): Promise<Analysis> {
    const unreadable = target.unreadable ?? [];
    if (unreadable.length === 0) return analyzeStack(packDir, target.resources, ctx, opts);
    const pack = await PackProcess.start(packDir, opts);
    try {
        const analysis = await runAnalysis(pack, target.resources, ctx);
        if (!analysis.diagnostics.some((d) => readUnknownAtPreview(body(d)))) return analysis;
        const genuine = leftOut(target.resources, unreadable, { genuine: true, unreadable: false });
        const alone = genuine.changed ? await runAnalysis(pack, genuine.resources, ctx) : analysis;
        const neither = await runAnalysis(pack, leftOut(target.resources, unreadable, { genuine: true, unreadable: true }).resources, ctx);
        return attribute(analysis, alone, neither, target);
    } finally {
        await pack.stop();
    }
}

/** The finding without the policy description the runtime puts before it. */
const body = (d: Diagnostic) => (d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message);

const findingKey = (d: Diagnostic) => `${d.policyName}\n${d.urn}\n${readUnknownAtPreview(body(d))?.at}`;
const unverifiedKeys = (a: Analysis) => new Set(a.diagnostics.filter((d) => readUnknownAtPreview(body(d))).map(findingKey));

/**
 * `alone`: the analysis with only the unreadable values unknown; `neither`: with no unknown value
 * at all. Rewrites the could-not-verify findings the unreadable values cause.
 */
export function attribute(analysis: Analysis, alone: Analysis, neither: Analysis, target: LoadedTarget): Analysis {
    const caused = unverifiedKeys(alone);
    const otherCause = unverifiedKeys(neither);
    const settingsPolicy = analysis.config[SETTINGS_POLICY];
    const settings = readSettings(settingsPolicy && settingsPolicy.enforcementLevel !== "disabled" ? settingsPolicy.properties : {});
    const diagnostics = analysis.diagnostics.map((d) => {
        const parts = readUnknownAtPreview(body(d));
        if (!parts || !caused.has(findingKey(d)) || otherCause.has(findingKey(d))) return d;
        const level = analysis.config[d.policyName]?.enforcementLevel;
        const values = concerned(d.urn, target.unreadable ?? []);
        const failClosed = settings.encryptedValues === "fail" && (level === "mandatory" || level === "remediate") && values.some((v) => HIDDEN_FROM_SCAN.has(v.reason));
        const message = unverifiedMessage(
            parts.at,
            `because ${because(d.urn, values)}${parts.rest}${failClosed ? "; a mandatory control fails closed on a value the scan cannot read (phi-guard-settings encryptedValues)" : ""}`,
        );
        return { ...d, message: `${d.description}\n${message}`, enforcementLevel: failClosed ? ("mandatory" as const) : d.enforcementLevel };
    });
    return { ...analysis, diagnostics };
}

const SHOWN = 3;

/** The values a finding on this resource is put down to: the resource's own, else every one (a stack control joined them). */
function concerned(urn: string, values: UnreadableValue[]): UnreadableValue[] {
    const own = values.filter((v) => v.urn === urn);
    return own.length > 0 ? own : values;
}

/** "it depends on a value encrypted in the state (policy): export ...". */
function because(urn: string, shown: UnreadableValue[]): string {
    const label = (v: UnreadableValue) => (v.urn === urn ? v.path : `${parseUrn(v.urn)?.name ?? v.urn}.${v.path}`);
    return `it depends on ${shown.length === 1 ? "a value" : "values"} ${described(shown, label)}`;
}

/** "encrypted in the state (policy, env.A and 3 more): export ..." */
function described(values: UnreadableValue[], label: (v: UnreadableValue) => string): string {
    const reasons = [...new Set(values.map((v) => v.reason))];
    const list = values.slice(0, SHOWN).map(label).join(", ") + (values.length > SHOWN ? ` and ${values.length - SHOWN} more` : "");
    return `${reasons.map((r) => WHAT[r].what).join(" or ")} (${list}): ${reasons.map((r) => WHAT[r].fix).join("; ")}`;
}

/**
 * The resources with values left out (null, as if the program had not set them): the unreadable
 * ones, the genuine unknowns (every other unknown sentinel), or both. `changed` says whether any was.
 */
export function leftOut(resources: readonly EngineResource[], values: readonly UnreadableValue[], which: { genuine: boolean; unreadable: boolean }): { resources: EngineResource[]; changed: boolean } {
    const byUrn = new Map<string, Set<string>>();
    for (const v of values) byUrn.set(v.urn, (byUrn.get(v.urn) ?? new Set()).add(v.path));
    let changed = false;
    const walk = (v: unknown, at: string, unreadable: Set<string>): unknown => {
        if (unreadable.has(at)) {
            changed ||= which.unreadable;
            return which.unreadable ? null : v;
        }
        if (typeof v === "string" && UNKNOWN_WIRE_VALUES.has(v)) {
            changed ||= which.genuine;
            return which.genuine ? null : v;
        }
        if (Array.isArray(v)) return v.map((x, i) => walk(x, childPath(at, i), unreadable));
        if (!v || typeof v !== "object") return v;
        const o = v as Record<string, unknown>;
        // A secret adds no step to a path; assets and archives hold nothing to leave out.
        if (o[SIG_KEY] === SECRET_SIG) return { ...o, value: walk(o.value, at, unreadable) };
        if (SIG_KEY in o) return v;
        return plainObject(Object.entries(o).map(([k, x]) => [k, walk(x, childPath(at, k), unreadable)]));
    };
    const out = resources.map((r) => {
        const unreadable = byUrn.get(r.urn) ?? new Set<string>();
        const props = (p: Record<string, unknown>) => walk(p, "", unreadable) as Record<string, unknown>;
        return { ...r, inputs: props(r.inputs), outputs: props(r.outputs) };
    });
    return { resources: out, changed };
}

/** Why a resource's unreadable values were not examined: "2 values the scan cannot read, encrypted in the state (a, b): export ...". */
export function unreadableReason(values: UnreadableValue[]): string {
    return `${values.length === 1 ? "a value" : `${values.length} values`} the scan cannot read, ${described(values, (v) => v.path)}`;
}
