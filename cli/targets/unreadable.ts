import { Analysis, analyzeStack, Diagnostic, DriverOptions, PackProcess, runAnalysis, StackContext } from "../../engine/driver";
import { EngineResource, SECRET_SIG, SIG_KEY } from "../../engine/resource";
import { readUnknownAtPreview, unverifiedMessage } from "../../policies/outcomes";
import { readSettings, SETTINGS_POLICY } from "../../policies/settings";
import { parseUrn } from "./state";
import type { LoadedTarget, NotExamined } from "./target";
import type { UnreadableReason, UnreadableValue } from "./wire";

/**
 * Values a saved target holds but the scan cannot read. The engine always gives a pack decrypted
 * values, so only the scan meets them, and only the scan knows which they are: the pack sees an
 * unknown and says "could not verify ... during preview", which is false for a saved file.
 *
 * Which findings they cause is found by asking the pack again with those values left out: a
 * could-not-verify finding that does not come back was caused by them. The findings it keeps are
 * genuine preview unknowns (a preview file has both) and keep their words.
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
        const without = await runAnalysis(pack, leftOut(target.resources, unreadable), ctx);
        return attribute(analysis, without, target);
    } finally {
        await pack.stop();
    }
}

/** The finding without the policy description the runtime puts before it. */
const body = (d: Diagnostic) => (d.message.startsWith(`${d.description}\n`) ? d.message.slice(d.description.length + 1) : d.message);

const findingKey = (d: Diagnostic) => `${d.policyName}\n${d.urn}\n${readUnknownAtPreview(body(d))?.at}`;

export function attribute(analysis: Analysis, without: Analysis, target: LoadedTarget): Analysis {
    const remaining = new Set(without.diagnostics.filter((d) => readUnknownAtPreview(body(d))).map(findingKey));
    const settingsPolicy = analysis.config[SETTINGS_POLICY];
    const settings = readSettings(settingsPolicy && settingsPolicy.enforcementLevel !== "disabled" ? settingsPolicy.properties : {});
    const diagnostics = analysis.diagnostics.map((d) => {
        const parts = readUnknownAtPreview(body(d));
        if (!parts || remaining.has(findingKey(d))) return d;
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

/** The resources with each unreadable value replaced by null, as if the program had not set it. */
export function leftOut(resources: readonly EngineResource[], values: readonly UnreadableValue[]): EngineResource[] {
    const byUrn = new Map<string, string[][]>();
    for (const v of values) byUrn.set(v.urn, [...(byUrn.get(v.urn) ?? []), parsePath(v.path)]);
    return resources.map((r) => {
        const paths = byUrn.get(r.urn);
        if (!paths) return r;
        const inputs = structuredClone(r.inputs);
        const outputs = structuredClone(r.outputs);
        for (const p of paths) for (const props of [inputs, outputs]) setNull(props, p);
        return { ...r, inputs, outputs };
    });
}

/** `a.b[0]["c.d"]` -> ["a", "b", "0", "c.d"]: the inverse of wire.ts's childPath. */
export function parsePath(path: string): string[] {
    const keys: string[] = [];
    const token = /^(?:\.?([A-Za-z_$][A-Za-z0-9_$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
    for (let rest = path; rest.length > 0; ) {
        const m = token.exec(rest);
        if (!m) break;
        keys.push(m[1] ?? m[2] ?? JSON.parse(m[3]));
        rest = rest.slice(m[0].length);
    }
    return keys;
}

function setNull(props: Record<string, unknown>, keys: string[]): void {
    let node: unknown = props;
    for (const k of keys.slice(0, -1)) {
        if (!node || typeof node !== "object") return;
        node = unwrapSecret((node as Record<string, unknown>)[k]);
    }
    const last = keys[keys.length - 1];
    if (node && typeof node === "object" && last !== undefined && Object.prototype.hasOwnProperty.call(node, last)) (node as Record<string, unknown>)[last] = null;
}

/** A secret's value: an unreadable value may sit inside a secret an output value made. */
function unwrapSecret(v: unknown): unknown {
    return v && typeof v === "object" && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG ? unwrapSecret((v as Record<string, unknown>).value) : v;
}

/** What the report lists as not examined: the target's own notes, and each resource's unreadable values. */
export function notExamined(target: LoadedTarget): NotExamined[] {
    const byUrn = new Map<string, UnreadableValue[]>();
    for (const v of target.unreadable ?? []) byUrn.set(v.urn, [...(byUrn.get(v.urn) ?? []), v]);
    const types = new Map(target.resources.map((r) => [r.urn, r.type]));
    const values = [...byUrn].map(([urn, vs]) => ({
        urn,
        type: types.get(urn),
        reason: `${vs.length === 1 ? "a value" : `${vs.length} values`} the scan cannot read, ${described(vs, (v) => v.path)}`,
    }));
    return [...(target.notExamined ?? []), ...values];
}
