import { isObject, isUnknown, Plain, PlainObject, UNKNOWN, Unknown } from "./values";

/**
 * How phi-guard reads the tags it acts on (PHI classification, exemptions), so that a variant
 * spelling cannot change an outcome: a key matches whatever its case and surrounding whitespace
 * (Azure tag names are case-insensitive, and `Data-Classification` must not take a store out of
 * scope on AWS either), and every key that matches counts, not only the first.
 */
export const normalTagKey = (key: string) => key.trim().toLowerCase();

/** A resource's `tags`: an object, UNKNOWN (a preview value), or undefined. */
export function tagsOf(props: PlainObject): PlainObject | Unknown | undefined {
    const tags = props.tags;
    if (isUnknown(tags)) return UNKNOWN;
    return isObject(tags) ? tags : undefined;
}

/** The values of every tag whose key matches `key`; UNKNOWN when the tags themselves are unknown. */
export function tagValues(props: PlainObject, key: string): Plain[] | Unknown {
    const tags = tagsOf(props);
    if (isUnknown(tags)) return UNKNOWN;
    if (!tags) return [];
    const wanted = normalTagKey(key);
    return Object.keys(tags).filter((k) => normalTagKey(k) === wanted).map((k) => tags[k]);
}

/** Every tag whose key starts with `prefix` (compared as keys are), with the rest of its key. */
export function tagsWithPrefix(props: PlainObject, prefix: string): { key: string; suffix: string; value: Plain }[] {
    const tags = tagsOf(props);
    if (!tags || isUnknown(tags)) return [];
    const wanted = normalTagKey(prefix);
    return Object.keys(tags)
        .filter((k) => normalTagKey(k).startsWith(wanted))
        .map((k) => ({ key: k, suffix: normalTagKey(k).slice(wanted.length), value: tags[k] }));
}

/** A tag value read as a list: `phi, pii` and `phi;pii` are two values; parts trimmed, lower-cased, empty ones dropped. */
export function listValue(value: string): string[] {
    return value
        .split(/[,;]/)
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean);
}
