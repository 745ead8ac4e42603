import { isObject, isUnknown, Plain, PlainObject, UNKNOWN, Unknown } from "./values";

/**
 * How phi-guard reads the tags it acts on (PHI classification, exemptions), so that a variant
 * spelling cannot change an outcome: a key matches whatever its case and surrounding whitespace
 * (Azure tag names are case-insensitive, and `Data-Classification` must not take a store out of
 * scope on AWS either), and every key that matches counts, not only the first.
 */
export const normalTagKey = (key: string) => key.trim().toLowerCase();

type TagEntry = readonly [string, Plain];

/**
 * A resource's tags as key/value entries: UNKNOWN (a preview value), or undefined. @pulumi/aws and
 * Azure write a map; aws-native writes CloudFormation's list of `{ key, value }`, read as the same
 * entries (an item or key unknown at preview makes them all unknown: it may be any tag).
 */
function tagEntries(props: PlainObject): TagEntry[] | Unknown | undefined {
    // An aws-native EFS file system keeps its tags in `fileSystemTags` (CloudFormation's name); no other resource type has that input.
    const tags = props.tags !== undefined ? props.tags : props.fileSystemTags;
    if (isUnknown(tags)) return UNKNOWN;
    if (isObject(tags)) return Object.entries(tags);
    if (!Array.isArray(tags)) return undefined;
    const out: TagEntry[] = [];
    for (const item of tags as Plain[]) {
        if (isUnknown(item)) return UNKNOWN;
        if (!isObject(item)) continue;
        if (isUnknown(item.key)) return UNKNOWN;
        if (typeof item.key === "string") out.push([item.key, item.value]);
    }
    return out;
}

/** The values of every tag whose key matches `key`; UNKNOWN when the tags themselves are unknown. */
export function tagValues(props: PlainObject, key: string): Plain[] | Unknown {
    const tags = tagEntries(props);
    if (isUnknown(tags)) return UNKNOWN;
    if (!tags) return [];
    const wanted = normalTagKey(key);
    return tags.filter(([k]) => normalTagKey(k) === wanted).map(([, v]) => v);
}

/** Every tag whose key starts with `prefix` (compared as keys are), with the rest of its key. */
export function tagsWithPrefix(props: PlainObject, prefix: string): { key: string; suffix: string; value: Plain }[] {
    const tags = tagEntries(props);
    if (!tags || isUnknown(tags)) return [];
    const wanted = normalTagKey(prefix);
    return tags.filter(([k]) => normalTagKey(k).startsWith(wanted)).map(([k, value]) => ({ key: k, suffix: normalTagKey(k).slice(wanted.length), value }));
}

/** A tag value read as a list: `phi, pii` and `phi;pii` are two values; parts trimmed, lower-cased, empty ones dropped. */
export function listValue(value: string): string[] {
    return value
        .split(/[,;]/)
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean);
}
