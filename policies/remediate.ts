import { Secret } from "@pulumi/policy";
import type { ResourceValidationArgs } from "@pulumi/policy";
import type { CheckContext, ResourceControl, ResourceInput, Violation } from "./control";
import { today } from "./lib/clock";
import { exemptionFor } from "./lib/exemptions";
import { phiQuestions } from "./lib/phi-scope";
import { isObject, PlainObject, proxyTarget, snapshot } from "./lib/values";
import { packSettings, settingsAdopted } from "./settings";

/** One property path, as controls write it (`siteConfig.minTlsVersion`, `routeSettings[2].dataTraceEnabled`). */
export function parsePath(at: string): (string | number)[] | undefined {
    const parts: (string | number)[] = [];
    for (const piece of at.split(".")) {
        const m = /^([A-Za-z_$][\w$]*)((?:\[\d+\])*)$/.exec(piece);
        if (!m) return undefined;
        parts.push(m[1]);
        for (const index of m[2].match(/\d+/g) ?? []) parts.push(Number(index));
    }
    return parts;
}

/** A value without the runtime's unknown-checking proxy, which wraps nested values too. */
const unwrapped = (value: unknown): unknown => proxyTarget(value) ?? value;

/** The raw value with every secret replaced by what it holds: what Analyze would have been given. */
function revealed(proxied: unknown): unknown {
    const value = unwrapped(proxied);
    if (value instanceof Secret) return revealed(value.value);
    if (Array.isArray(value)) return value.map(revealed);
    if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealed(v)]));
    }
    return value;
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === "object" && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * A copy of `root` with `value` at `path`, sharing every untouched value (secrets, assets and the
 * provider's `__defaults` stay exactly as they came). Undefined when the path runs through a value
 * that is not a plain object or array (a secret, an unknown, a missing list element): the change
 * is then not made, and Analyze reports the finding as before.
 */
export function withValueAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> | undefined {
    const set = (proxied: unknown, i: number): unknown => {
        const node = unwrapped(proxied);
        const key = path[i];
        const last = i === path.length - 1;
        if (typeof key === "number") {
            if (!Array.isArray(node) || key >= node.length) return undefined;
            const child = last ? value : set(node[key], i + 1);
            if (child === undefined) return undefined;
            const copy = [...node];
            copy[key] = child;
            return copy;
        }
        if (node !== undefined && !isPlainRecord(node)) return undefined;
        const child = last ? value : set(node?.[key], i + 1);
        if (child === undefined) return undefined;
        return { ...(node ?? {}), [key]: child };
    };
    return set(root, 0) as Record<string, unknown> | undefined;
}

/** What one evaluation of a control found: its failures by path, and whether it could decide. */
function judge<C>(control: ResourceControl<C>, input: ResourceInput, ctx: Omit<CheckContext<C>, "fail" | "unverified" | "cannotTell">): Violation[] {
    const failures: Violation[] = [];
    control.checkResource(input, { ...ctx, fail: (v) => failures.push(v), unverified: () => undefined, cannotTell: () => undefined });
    return failures.filter((v) => v.urn === undefined || v.urn === input.urn);
}

/**
 * The engine's Remediate for one control (called before Analyze, only when the control's level
 * is `remediate`): the resource's whole property set with the control's findings fixed, or
 * undefined to leave it as it is. It changes only the paths the control reports and knows a safe
 * value for, and keeps a change only when the control, run again on the result, no longer reports
 * that path. It leaves alone an exempt resource, a store outside the PHI scope, and anything it
 * cannot read: Analyze then judges the resource as it came, at the mandatory level.
 */
export function remediateResource<C>(control: ResourceControl<C>, args: ResourceValidationArgs, config: C): Record<string, unknown> | undefined {
    const remediation = control.remediate;
    // The settings policy adopts the pack-wide settings in the first Analyze, which the engine
    // sends (for the root stack resource) before it asks to remediate any real resource.
    if (!remediation || !control.types.has(args.type) || !settingsAdopted()) return undefined;
    try {
        // The runtime proxies the request's properties; an earlier remediation's result comes as it was returned.
        const raw = unwrapped(args.props);
        if (!isPlainRecord(raw)) return undefined;
        const view = (value: unknown): PlainObject => {
            const props = snapshot(revealed(value));
            return isObject(props) ? props : {};
        };
        const input: ResourceInput = { type: args.type, name: args.name, urn: args.urn, props: view(raw) };
        const settings = packSettings();
        const exemption = exemptionFor(control.id, input, settings, today(settings.asOf));
        if (exemption && "granted" in exemption) return undefined;
        const ctx = { config, settings, stackTags: args.stackTags, ...phiQuestions(settings, args.stackTags) };
        let result = raw;
        for (const failure of judge(control, input, ctx)) {
            const value = remediation.valueFor(failure.at, config);
            const path = value === undefined ? undefined : parsePath(failure.at);
            const changed = path && withValueAt(result, path, value);
            if (!changed) continue;
            const still = judge(control, { ...input, props: view(changed) }, ctx);
            if (!still.some((v) => v.at === failure.at)) result = changed;
        }
        return result === raw ? undefined : result;
    } catch {
        // Never stop a deployment from the remediation: Analyze judges the resource unchanged.
        return undefined;
    }
}
