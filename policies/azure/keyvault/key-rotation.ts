import type { ResourceControl } from "../../control";
import { isOneOf, isPresent } from "../../lib/property-checks";
import { prowler } from "../../lib/hipaa";
import { types } from "../../lib/type-tokens";
import { asList, at, isObject, isUnknown, Plain } from "../../lib/values";

interface Config {
    maxRotationDays: number;
}

const KEYS = types("azure-native:keyvault:Key");
const SECRETS = types("azure-native:keyvault:Secret");

/** The SDK names the expiry `expires`; the ARM wire format (and raw state) calls it `exp`. */
const expiry = (properties: Plain) => (isPresent(at(properties, "attributes.expires")) ? at(properties, "attributes.expires") : at(properties, "attributes.exp"));

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/i;

/** Days in an ISO 8601 duration (P90D, P1Y, P2M); months count 30 days, years 365; time parts are ignored. */
export function durationDays(v: Plain): number | undefined {
    if (typeof v !== "string") return undefined;
    const m = DURATION.exec(v.trim());
    if (!m || v.trim().toUpperCase() === "P") return undefined;
    const [y, mo, w, d] = m.slice(1, 5).map((x) => Number(x ?? 0));
    return y * 365 + mo * 30 + w * 7 + d;
}

export const azKeyvaultKeyRotation: ResourceControl<Config> = {
    id: "az-keyvault-key-rotation",
    title: "Key Vault keys rotate automatically and keys and secrets expire",
    cloud: "azure",
    category: "key-management",
    severity: "medium",
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "A key that never rotates protects ever more PHI under one piece of material, and a key or secret that never expires stays usable by anyone who copied it long after their access ended. Keys need a rotation policy with a Rotate action and an expiry; secrets need an expiry date.",
    remediation:
        'Give each keyvault.Key properties.rotationPolicy { lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }], attributes: { expiryTime: "P1Y" } } (or attributes.expires), and each keyvault.Secret properties.attributes.expires.',
    unknowns: "An unknown expiry counts as set (computed by the program); an unknown rotation policy or lifetime action is reported as unverified (advisory).",
    config: {
        maxRotationDays: {
            type: "number",
            default: 365,
            description: "Longest rotation interval accepted: a Rotate action's timeAfterCreate, or expiryTime minus timeBeforeExpiry.",
        },
    },
    types: types(...KEYS.canonical, ...SECRETS.canonical),
    checkResource(r, ctx) {
        const p = r.props.properties;
        if (isUnknown(p)) return ctx.unverified("properties");
        if (SECRETS.has(r.type)) {
            if (!isPresent(expiry(p))) {
                ctx.fail({ problem: "the secret never expires", at: "properties.attributes.expires", fix: "set properties.attributes.expires (seconds since 1970) and rotate the secret before then" });
            }
            return;
        }
        const policy = at(p, "rotationPolicy");
        if (isUnknown(policy)) return ctx.unverified("properties.rotationPolicy");
        const expiryTime = at(policy, "attributes.expiryTime");
        if (!isPresent(expiry(p)) && !isPresent(expiryTime)) {
            ctx.fail({
                problem: "the key never expires",
                at: "properties.rotationPolicy.attributes.expiryTime",
                fix: 'set properties.rotationPolicy.attributes.expiryTime (e.g. "P1Y") or properties.attributes.expires',
            });
        }
        const actions = asList(at(policy, "lifetimeActions"));
        if (isUnknown(actions)) return ctx.unverified("properties.rotationPolicy.lifetimeActions");
        let unknown = false;
        const rotations: { trigger: Plain; i: number }[] = [];
        actions.forEach((a, i) => {
            const rotate = isOneOf(at(a, "action.type"), "rotate");
            if (isUnknown(rotate)) unknown = true;
            else if (rotate && isObject(a)) rotations.push({ trigger: a.trigger, i });
        });
        if (rotations.length === 0) {
            if (unknown) return ctx.unverified("properties.rotationPolicy.lifetimeActions");
            return ctx.fail({ problem: "the key has no rotation policy with a Rotate action", at: "properties.rotationPolicy.lifetimeActions" });
        }
        const max = ctx.config.maxRotationDays;
        for (const { trigger, i } of rotations) {
            const afterCreate = durationDays(at(trigger, "timeAfterCreate"));
            const beforeExpiry = durationDays(at(trigger, "timeBeforeExpiry"));
            const lifetime = durationDays(expiryTime);
            const interval = afterCreate ?? (beforeExpiry !== undefined && lifetime !== undefined ? lifetime - beforeExpiry : undefined);
            if (interval !== undefined && interval > max) {
                ctx.fail({
                    problem: `the key rotates every ${interval} days, more than ${max}`,
                    at: `properties.rotationPolicy.lifetimeActions[${i}].trigger`,
                    fix: `rotate at most every ${max} days (e.g. timeAfterCreate: "P90D")`,
                });
            }
        }
    },
};
