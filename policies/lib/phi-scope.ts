import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { AWS_PHI_COMPANIONS } from "./aws/stores";
import { AZ_PHI_COMPANIONS } from "./azure/stores";
import { listValue, normalTagKey, tagValues } from "./tags";
import { canonicalType } from "./type-tokens";
import type { StackIndex } from "./stack-index";
import { isUnknown, Plain, PlainObject } from "./values";

export type PhiScope = "all" | "unless-non-phi" | "tagged";

export interface PhiScopeConfig {
    phiScope: PhiScope;
    phiTagKey: string;
    phiTagValues: string[];
    nonPhiTagValues: string[];
}

/** The pack-wide PHI scope options (policies/settings.ts), given once for every PHI-scoped control. */
export const PHI_SCOPE_OPTIONS: Record<keyof PhiScopeConfig, PolicyConfigJSONSchema> = {
    phiScope: {
        type: "string",
        enum: ["all", "unless-non-phi", "tagged"],
        default: "all",
        description:
            'Which stores hold PHI. "all": every store, whatever its tags (trusts nothing in the program). "unless-non-phi": every store except those tagged phiTagKey with only nonPhiTagValues (trusts a non-PHI label). "tagged": only stores tagged with one of phiTagValues, or every store when the stack carries that stack tag (trusts that every PHI store is labelled: a store without the tag is out of scope). In every mode a value that is neither listed nor known at preview counts as PHI.',
    },
    phiTagKey: {
        type: "string",
        default: "data-classification",
        description: "Resource or stack tag that classifies data. Keys match whatever their case and surrounding whitespace.",
    },
    phiTagValues: {
        type: "array",
        items: { type: "string" },
        default: ["phi"],
        description: "Values of phiTagKey that mean PHI. Values compare case-insensitively after trimming; a list value (`phi,pii` or `phi;pii`) is PHI when any part is.",
    },
    nonPhiTagValues: {
        type: "array",
        items: { type: "string" },
        default: ["public", "internal", "non-phi"],
        description:
            'Values of phiTagKey that mean "not PHI". Any other value is an unrecognised classification: reported (advisory) and treated as PHI. A list value is non-PHI only when every part is.',
    },
};

/** What a classification tag says: nothing (absent), PHI, not PHI, a value the config does not list, or unknown at preview. */
export type Classification = "absent" | "phi" | "non-phi" | "unrecognised" | "unknown";

// Most to least PHI: when several tag keys match (a variant spelling beside the real one), the most PHI wins.
const RANK: readonly Classification[] = ["phi", "unknown", "unrecognised", "non-phi", "absent"];

// Built once per configured list, not once per store and control.
const partsOf = new WeakMap<readonly string[], ReadonlySet<string>>();
function parts(values: readonly string[]): ReadonlySet<string> {
    let set = partsOf.get(values);
    if (!set) partsOf.set(values, (set = new Set(values.flatMap(listValue))));
    return set;
}

function classifyValue(value: Plain, config: PhiScopeConfig): Classification {
    if (isUnknown(value)) return "unknown";
    if (typeof value !== "string") return "unrecognised";
    const given = listValue(value);
    if (given.length === 0) return "unrecognised";
    if (given.some((v) => parts(config.phiTagValues).has(v))) return "phi";
    return given.every((v) => parts(config.nonPhiTagValues).has(v)) ? "non-phi" : "unrecognised";
}

function strongest(classes: Classification[]): Classification {
    return classes.reduce<Classification>((a, b) => (RANK.indexOf(b) < RANK.indexOf(a) ? b : a), "absent");
}

/** The classification a resource's own tags give it. */
export function resourceClassification(props: PlainObject, config: PhiScopeConfig): Classification {
    const values = tagValues(props, config.phiTagKey);
    if (isUnknown(values)) return "unknown";
    return strongest(values.map((v) => classifyValue(v, config)));
}

/** The classification the stack tags give every resource. */
export function stackClassification(stackTags: ReadonlyMap<string, string>, config: PhiScopeConfig): Classification {
    const wanted = normalTagKey(config.phiTagKey);
    return strongest([...stackTags].filter(([k]) => normalTagKey(k) === wanted).map(([, v]) => classifyValue(v, config)));
}

/**
 * Whether a store is in PHI scope. A stack tag can only widen the scope (any value but a non-PHI
 * one puts every store in it), never narrow it; a resource's own tag decides the rest. Unknown and
 * unrecognised values count as PHI: a scope that cannot be read must not exempt a store silently.
 */
export function isPhi(props: PlainObject, stackTags: ReadonlyMap<string, string>, config: PhiScopeConfig): boolean {
    if (everyResourceIsPhi({ settings: config, stackTags })) return true;
    const own = resourceClassification(props, config);
    if (own === "absent") return config.phiScope === "unless-non-phi";
    return own !== "non-phi";
}

/** Whether the tags are read at all: in "all" scope a classification changes nothing, so nothing is reported about it. */
export const readsClassification = (config: PhiScopeConfig) => config.phiScope !== "all";

/**
 * Whether every resource is in PHI scope whatever its own tags: scope "all", or a stack tag that
 * puts every store in scope. Then a resource that belongs to a store (a container, a bucket's
 * policy) is in scope without reading the store, and can be judged on its own properties.
 */
export function everyResourceIsPhi(ctx: { settings: PhiScopeConfig; stackTags: ReadonlyMap<string, string> }): boolean {
    if (ctx.settings.phiScope === "all") return true;
    const stack = stackClassification(ctx.stackTags, ctx.settings);
    return stack !== "absent" && stack !== "non-phi";
}

const COMPANIONS: Readonly<Record<string, string>> = { ...AWS_PHI_COMPANIONS, ...AZ_PHI_COMPANIONS };

/**
 * The property through which a companion resource (a bucket's encryption configuration, a storage
 * account's container) names the PHI store it belongs to, from each cloud's store catalog; undefined
 * for any other resource. A companion has no PHI scope of its own: it inherits its store's.
 */
export function companionStoreProp(type: string): string | undefined {
    const t = canonicalType(type);
    return Object.prototype.hasOwnProperty.call(COMPANIONS, t) ? COMPANIONS[t] : undefined;
}

/**
 * A control's two PHI-scope questions for one request: whether a resource is in scope (a companion
 * resource inherits its store's scope, which only the stack shows: without it, in Analyze, a
 * companion counts as PHI), and whether that answer needs the stack.
 */
export function phiQuestions(settings: PhiScopeConfig, stackTags: ReadonlyMap<string, string>, index?: StackIndex) {
    const own = (props: PlainObject) => isPhi(props, stackTags, settings);
    return {
        isPhi: (r: { type?: string; urn?: string; props: PlainObject }): boolean => {
            const prop = r.type === undefined ? undefined : companionStoreProp(r.type);
            if (prop === undefined) return own(r.props);
            const companion = index && r.urn !== undefined ? index.get(r.urn) : undefined;
            if (!companion) return true;
            // A store outside the stack cannot be read: its companion counts as PHI.
            const stores = index!.linked(companion, prop);
            return stores.length === 0 || stores.some((s) => own(s.props));
        },
        phiFromStack: (r: { type: string }): boolean => companionStoreProp(r.type) !== undefined && !everyResourceIsPhi({ settings, stackTags }),
    };
}
