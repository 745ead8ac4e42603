import type { CheckContext } from "../control";
import type { StackIndex, StackResource } from "./stack-index";
import { types, TypeSet } from "./type-tokens";
import { asBool, asList, at, isObject, isUnknown, Plain, PlainObject, UNKNOWN, Unknown } from "./values";

import { isAwsNative, S3_ACLS, S3_BUCKETS, S3_LOGGINGS, S3_OBJECT_LOCKS, S3_POLICIES, S3_PUBLIC_ACCESS_BLOCKS, S3_SSE_CONFIGURATIONS, S3_VERSIONINGS } from "./aws/stores";

// The bucket and companion type sets live in the one AWS store catalog; re-exported for the S3 readers' callers.
export { isAwsNative, S3_ACLS, S3_BUCKETS, S3_LOGGINGS, S3_OBJECT_LOCKS, S3_POLICIES, S3_PUBLIC_ACCESS_BLOCKS, S3_SSE_CONFIGURATIONS, S3_VERSIONINGS };

export interface SseRule {
    at: string;
    rule: PlainObject;
    /** The rule's property that holds the algorithm and key: @pulumi/aws and aws-native name it differently. */
    byDefault: "applyServerSideEncryptionByDefault" | "serverSideEncryptionByDefault";
}

const APPLY_BY_DEFAULT = "applyServerSideEncryptionByDefault";

/**
 * The default-encryption rules written inline on a bucket, in each provider generation's shape:
 * v7/v5 `serverSideEncryptionConfiguration.rule`, v6 `serverSideEncryptionConfigurations[].rules[]`,
 * aws-native `bucketEncryption.serverSideEncryptionConfiguration[]` (rules with `serverSideEncryptionByDefault`).
 */
export function inlineSseRules(bucket: PlainObject): SseRule[] | Unknown {
    const native = bucket.bucketEncryption;
    if (native !== undefined) {
        const rules = asList(at(native, "serverSideEncryptionConfiguration"));
        if (isUnknown(rules)) return UNKNOWN;
        const out: SseRule[] = [];
        for (let i = 0; i < rules.length; i++) {
            if (isUnknown(rules[i])) return UNKNOWN;
            const rule = rules[i];
            if (isObject(rule)) out.push({ at: `bucketEncryption.serverSideEncryptionConfiguration[${i}]`, rule, byDefault: "serverSideEncryptionByDefault" });
        }
        return out;
    }
    const v7 = bucket.serverSideEncryptionConfiguration;
    if (isUnknown(v7)) return UNKNOWN;
    const out: SseRule[] = [];
    const rule = at(v7, "rule");
    if (isUnknown(rule)) return UNKNOWN;
    if (isObject(rule)) out.push({ at: "serverSideEncryptionConfiguration.rule", rule, byDefault: APPLY_BY_DEFAULT });
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
        if (isObject(rule)) out.push({ at: `${prefix}rules[${i}]`, rule, byDefault: APPLY_BY_DEFAULT });
    }
    return out;
}

/*
 * Bucket companions. In @pulumi/aws v7 a bucket's public access block, ACL, policy, versioning,
 * logging and object lock are separate resources that point at the bucket through their `bucket`
 * input; older generations wrote some of them inline. The readers below join both forms.
 */

export const S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS = types("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock");

export type CompanionKind = "publicAccessBlock" | "acl" | "policy" | "versioning" | "logging" | "objectLock";

const COMPANION_TYPES: Record<CompanionKind, TypeSet> = {
    publicAccessBlock: S3_PUBLIC_ACCESS_BLOCKS,
    acl: S3_ACLS,
    policy: S3_POLICIES,
    versioning: S3_VERSIONINGS,
    logging: S3_LOGGINGS,
    objectLock: S3_OBJECT_LOCKS,
};

/** A finding about one bucket setting: where it is and what is wrong, on the resource it concerns. */
export interface S3Finding {
    problem: string;
    at: string;
    urn: string;
}

/** The outcome of reading one bucket setting: satisfied, unknown at preview (at a path), or findings. */
export type S3Judgement = { kind: "ok" } | { kind: "unknown"; at: string; urn: string } | { kind: "fail"; findings: S3Finding[] };

const OK: S3Judgement = { kind: "ok" };

/**
 * The buckets of a stack with their standalone companions, joined once by the companions'
 * `bucket` input (a URN link at preview, else a known name).
 */
export class S3Buckets {
    readonly buckets: StackResource[];
    private readonly joins = new Map<CompanionKind, Map<string, StackResource[]>>();

    constructor(readonly stack: StackIndex) {
        this.buckets = stack.ofType(S3_BUCKETS);
    }

    companions(bucket: StackResource, kind: CompanionKind): StackResource[] {
        let join = this.joins.get(kind);
        if (!join) {
            join = this.stack.companionsByTarget(this.stack.ofType(COMPANION_TYPES[kind]), "bucket");
            this.joins.set(kind, join);
        }
        return join.get(bucket.urn) ?? [];
    }

    /** The buckets a companion points at; empty when its `bucket` is not a bucket of this stack. */
    targets(companion: StackResource): StackResource[] {
        return this.stack.linked(companion, "bucket").filter((r) => S3_BUCKETS.has(r.type));
    }

    accountBlocks(): StackResource[] {
        return this.stack.ofType(S3_ACCOUNT_PUBLIC_ACCESS_BLOCKS);
    }
}

export const PUBLIC_ACCESS_BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

/** The flags of a (bucket or account) public access block that are not true, and those unknown. */
export function publicAccessBlockGaps(block: PlainObject): { off: string[]; unknown: string[] } {
    const off: string[] = [];
    const unknown: string[] = [];
    for (const flag of PUBLIC_ACCESS_BLOCK_FLAGS) {
        const v = asBool(block[flag]);
        if (isUnknown(v)) unknown.push(flag);
        else if (v !== true) off.push(flag);
    }
    return { off, unknown };
}

/** A public access block as written: its flags, the resource it is on, and the path its flags sit under. */
export interface PublicAccessBlock {
    flags: Plain;
    urn: string;
    prefix: string;
}

const INLINE_BLOCK = "publicAccessBlockConfiguration";

/** The block an aws-native bucket writes inline (`publicAccessBlockConfiguration`), if any. */
export function inlinePublicAccessBlock(bucket: { urn: string; props: PlainObject }): PublicAccessBlock | undefined {
    const flags = bucket.props[INLINE_BLOCK];
    return flags === undefined || flags === null ? undefined : { flags, urn: bucket.urn, prefix: `${INLINE_BLOCK}.` };
}

/** A bucket's own public access blocks: inline (aws-native) and the standalone BucketPublicAccessBlocks that refer to it. */
export function ownPublicAccessBlocks(s3: S3Buckets, bucket: StackResource): PublicAccessBlock[] {
    const inline = inlinePublicAccessBlock(bucket);
    const standalone = s3.companions(bucket, "publicAccessBlock").map((b) => ({ flags: b.props as Plain, urn: b.urn, prefix: "" }));
    return inline ? [inline, ...standalone] : standalone;
}

/**
 * The flags of a block that are not true and those unknown (all four when the whole block is
 * unknown at preview), with the path of the first unknown one on the resource that holds it.
 */
export function blockGaps(block: PublicAccessBlock): { off: string[]; unknown: string[]; unknownAt?: string } {
    if (isUnknown(block.flags)) return { off: [], unknown: [...PUBLIC_ACCESS_BLOCK_FLAGS], unknownAt: block.prefix.replace(/\.$/, "") };
    const gaps = publicAccessBlockGaps(isObject(block.flags) ? block.flags : {});
    return gaps.unknown.length > 0 ? { ...gaps, unknownAt: `${block.prefix}${gaps.unknown[0]}` } : gaps;
}

/**
 * Whether a bucket is covered by a full public access block, its own or the account's. The
 * finding is about the bucket: that no block covers it, or which flags its blocks leave off.
 */
export function publicAccessCoverage(s3: S3Buckets, bucket: StackResource): S3Judgement {
    const own = ownPublicAccessBlocks(s3, bucket);
    let unknownAt: { at: string; urn: string } | undefined;
    const off = new Set<string>();
    const account = s3.accountBlocks().map((b) => ({ flags: b.props as Plain, urn: b.urn, prefix: "" }));
    for (const block of [...account, ...own]) {
        const gaps = blockGaps(block);
        if (gaps.off.length === 0 && gaps.unknown.length === 0) return OK;
        gaps.off.forEach((f) => off.add(f));
        if (gaps.off.length === 0) unknownAt ??= { at: gaps.unknownAt!, urn: block.urn };
    }
    if (unknownAt) return { kind: "unknown", ...unknownAt };
    const problem =
        own.length === 0 && off.size === 0
            ? "the bucket is not covered by a public access block (no BucketPublicAccessBlock refers to it and no AccountPublicAccessBlock is in the stack)"
            : `the bucket's public access blocks leave ${[...off].join(", ")} off`;
    return { kind: "fail", findings: [{ problem, at: "publicAccessBlock", urn: bucket.urn }] };
}

/**
 * Whether versioning is enabled: inline `versioning.enabled` (v5/v7), `versionings[].enabled`
 * (v6 BucketV2), aws-native `versioningConfiguration.status` "Enabled", or a standalone
 * BucketVersioning with status "Enabled".
 */
export function versioningState(s3: S3Buckets, bucket: StackResource): S3Judgement {
    const inline: { at: string; value: Plain }[] = [];
    const v = bucket.props.versioning;
    if (isUnknown(v)) inline.push({ at: "versioning", value: UNKNOWN });
    else if (isObject(v)) inline.push({ at: "versioning.enabled", value: v.enabled });
    const list = asList(bucket.props.versionings);
    if (isUnknown(list)) inline.push({ at: "versionings", value: UNKNOWN });
    else list.forEach((item, i) => inline.push({ at: `versionings[${i}].enabled`, value: isUnknown(item) ? UNKNOWN : at(item, "enabled") }));
    let unknownAt: { at: string; urn: string } | undefined;
    for (const { at: path, value } of inline) {
        const b = asBool(value);
        if (b === true) return OK;
        if (isUnknown(b)) unknownAt ??= { at: path, urn: bucket.urn };
    }
    const findings: S3Finding[] = [];
    // aws-native writes the status on the bucket itself, in the shape of a standalone BucketVersioning.
    const withStatus = bucket.props.versioningConfiguration !== undefined ? [bucket, ...s3.companions(bucket, "versioning")] : s3.companions(bucket, "versioning");
    for (const c of withStatus) {
        const status = at(c.props, "versioningConfiguration.status");
        if (isUnknown(status)) unknownAt ??= { at: "versioningConfiguration.status", urn: c.urn };
        else if (typeof status === "string" && status.trim().toLowerCase() === "enabled") return OK;
        else findings.push({ problem: "versioning is not enabled (status is not \"Enabled\")", at: "versioningConfiguration.status", urn: c.urn });
    }
    if (unknownAt) return { kind: "unknown", ...unknownAt };
    if (findings.length > 0) return { kind: "fail", findings };
    return {
        kind: "fail",
        findings: [{ problem: "the bucket has no versioning (no BucketVersioning with status \"Enabled\" refers to it)", at: "versioning", urn: bucket.urn }],
    };
}

/**
 * Whether server access logging is configured: inline `logging.targetBucket` (v7), `loggings[]`
 * (v5/v6 BucketV2), aws-native `loggingConfiguration` (without `destinationBucketName` the bucket
 * logs to itself) or a standalone BucketLogging. A target that is unknown at preview is a bucket
 * created in the same update: presence decides.
 */
export function loggingState(s3: S3Buckets, bucket: StackResource): S3Judgement {
    const native = bucket.props.loggingConfiguration;
    if (isUnknown(native) || isObject(native)) return OK;
    const targets: Plain[] = [];
    const single = bucket.props.logging;
    if (isUnknown(single)) return { kind: "unknown", at: "logging", urn: bucket.urn };
    if (isObject(single)) targets.push(single.targetBucket);
    const list = asList(bucket.props.loggings);
    if (isUnknown(list)) return { kind: "unknown", at: "loggings", urn: bucket.urn };
    for (const item of list) targets.push(isUnknown(item) ? UNKNOWN : at(item, "targetBucket"));
    for (const c of s3.companions(bucket, "logging")) targets.push(c.props.targetBucket);
    if (targets.some((t) => isUnknown(t) || (typeof t === "string" && t.trim() !== ""))) return OK;
    return {
        kind: "fail",
        findings: [{ problem: "the bucket has no server access logging (no BucketLogging refers to it)", at: "logging", urn: bucket.urn }],
    };
}

export interface DefaultRetention {
    at: string;
    urn: string;
    mode: Plain;
    days: Plain;
    years: Plain;
}

/**
 * Object Lock as written on a bucket or its standalone configuration: whether it is enabled and
 * the default retention rules. Shapes: v7 `objectLockEnabled` + `objectLockConfiguration.rule`,
 * v5 `objectLockConfiguration.{objectLockEnabled,rule}`, v6 `objectLockConfiguration.rules[].defaultRetentions[]`,
 * standalone `objectLockEnabled` + `rule.defaultRetention`.
 */
export function objectLock(s3: S3Buckets, bucket: StackResource): { enabled: boolean | Unknown; enabledAt: string; retentions: DefaultRetention[] | Unknown } {
    const retentions: DefaultRetention[] = [];
    let enabled: boolean | Unknown = false;
    const flag = asBool(bucket.props.objectLockEnabled);
    if (flag === true) enabled = true;
    else if (isUnknown(flag)) enabled = UNKNOWN;
    const inline = bucket.props.objectLockConfiguration;
    if (isUnknown(inline)) return { enabled: UNKNOWN, enabledAt: "objectLockConfiguration", retentions: UNKNOWN };
    const sources: { at: string; urn: string; config: PlainObject }[] = [];
    if (isObject(inline)) sources.push({ at: "objectLockConfiguration.", urn: bucket.urn, config: inline });
    for (const c of s3.companions(bucket, "objectLock")) sources.push({ at: "", urn: c.urn, config: c.props });
    for (const { at: prefix, urn, config } of sources) {
        const state = config.objectLockEnabled;
        if (isUnknown(state)) enabled = enabled === true ? true : UNKNOWN;
        else if (typeof state === "string" && state.trim().toLowerCase() === "enabled") enabled = true;
        const rules: { at: string; rule: Plain }[] = [];
        if (config.rule !== undefined) rules.push({ at: `${prefix}rule.defaultRetention`, rule: at(config.rule, "defaultRetention") });
        const many = asList(config.rules);
        if (isUnknown(many)) return { enabled, enabledAt: "objectLockEnabled", retentions: UNKNOWN };
        many.forEach((r, i) => {
            const each = asList(at(r, "defaultRetentions"));
            if (isUnknown(each)) rules.push({ at: `${prefix}rules[${i}].defaultRetentions`, rule: UNKNOWN });
            else each.forEach((d, j) => rules.push({ at: `${prefix}rules[${i}].defaultRetentions[${j}]`, rule: d }));
        });
        for (const r of rules) {
            if (isUnknown(r.rule)) return { enabled, enabledAt: "objectLockEnabled", retentions: UNKNOWN };
            if (isObject(r.rule)) retentions.push({ at: r.at, urn, mode: r.rule.mode, days: r.rule.days, years: r.rule.years });
        }
    }
    return { enabled, enabledAt: "objectLockEnabled", retentions };
}

/** A bucket's name when known: `bucket` (@pulumi/aws) or aws-native's `bucketName`. */
export function s3BucketName(bucket: { props: PlainObject }): string | Unknown | undefined {
    const name = bucket.props.bucket !== undefined ? bucket.props.bucket : bucket.props.bucketName;
    return isUnknown(name) ? UNKNOWN : typeof name === "string" ? name : undefined;
}

/**
 * The policy document of a bucket or bucket policy resource, with its property: @pulumi/aws writes
 * `policy` (a JSON string), aws-native's BucketPolicy `policyDocument` (an object).
 */
export function bucketPolicyDocument(r: { type: string; props: PlainObject }): { at: string; doc: Plain } {
    return isAwsNative(r.type) ? { at: "policyDocument", doc: r.props.policyDocument } : { at: "policy", doc: r.props.policy };
}

/** Reports a judgement through a control's context: findings as violations, unknowns as unverified. */
export function reportJudgement(j: S3Judgement, ctx: CheckContext<unknown>, fix?: string): void {
    if (j.kind === "unknown") ctx.unverified(j.at, j.urn);
    else if (j.kind === "fail") for (const f of j.findings) ctx.fail({ ...f, fix });
}
