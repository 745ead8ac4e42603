import { types } from "./type-tokens";
import { asList, at, isObject, isUnknown, Plain, PlainObject, UNKNOWN, Unknown } from "./values";

/** Buckets under every token they have had: v7 `Bucket`, v6 `BucketV2` (an alias of it in v7). */
export const S3_BUCKETS = types("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2");

export const S3_SSE_CONFIGURATIONS = types(
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
);

export interface SseRule {
    at: string;
    rule: PlainObject;
}

/**
 * The default-encryption rules written inline on a bucket, in each provider generation's shape:
 * v7/v5 `serverSideEncryptionConfiguration.rule`, v6 `serverSideEncryptionConfigurations[].rules[]`.
 */
export function inlineSseRules(bucket: PlainObject): SseRule[] | Unknown {
    const v7 = bucket.serverSideEncryptionConfiguration;
    if (isUnknown(v7)) return UNKNOWN;
    const out: SseRule[] = [];
    const rule = at(v7, "rule");
    if (isUnknown(rule)) return UNKNOWN;
    if (isObject(rule)) out.push({ at: "serverSideEncryptionConfiguration.rule", rule });
    const v6 = asList(bucket.serverSideEncryptionConfigurations);
    if (isUnknown(v6)) return UNKNOWN;
    for (let i = 0; i < v6.length; i++) {
        const rules = standaloneSseRules(v6[i], `serverSideEncryptionConfigurations[${i}].`);
        if (isUnknown(rules)) return UNKNOWN;
        out.push(...rules);
    }
    return out;
}

/** The `rules[]` of a standalone SSE configuration resource (or of a v6 inline block). */
export function standaloneSseRules(config: Plain, prefix = ""): SseRule[] | Unknown {
    const rules = asList(at(config, "rules"));
    if (isUnknown(rules)) return UNKNOWN;
    const out: SseRule[] = [];
    for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (isUnknown(rule)) return UNKNOWN;
        if (isObject(rule)) out.push({ at: `${prefix}rules[${i}]`, rule });
    }
    return out;
}
