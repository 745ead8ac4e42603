import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { customerKeyProblem } from "../../lib/aws-kms-key";
import { prowler } from "../../lib/hipaa";
import { inlineSseRules, S3_BUCKETS, S3_SSE_CONFIGURATIONS, SseRule, standaloneSseRules } from "../../lib/aws-s3";
import { Settled } from "../../lib/settled";
import { types } from "../../lib/type-tokens";
import { at, isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];

type RuleOutcome = "cmk" | "unknown" | { problem: string; at: string; fix?: string };

/** Judges one default-encryption rule: SSE-KMS (or DSSE-KMS) with a key that is not AWS-managed. */
function judge({ at: rulePath, rule, byDefault }: SseRule): RuleOutcome {
    const path = `${rulePath}.${byDefault}`;
    const algorithm = at(rule, `${byDefault}.sseAlgorithm`);
    if (isUnknown(algorithm)) return "unknown";
    if (typeof algorithm !== "string" || !KMS_ALGORITHMS.includes(algorithm.toLowerCase())) {
        return {
            problem: "default encryption does not use SSE-KMS with a customer-managed key",
            at: `${path}.sseAlgorithm`,
            fix: 'set sseAlgorithm to "aws:kms" and kmsMasterKeyId to a customer-managed aws.kms.Key',
        };
    }
    const key = customerKeyProblem(at(rule, `${byDefault}.kmsMasterKeyId`));
    const keyAt = `${path}.kmsMasterKeyId`;
    if (key === "missing") return { problem: "SSE-KMS without kmsMasterKeyId uses the AWS-managed key", at: keyAt };
    if (key === "aws-managed") return { problem: "the AWS-managed aws/s3 key is not a customer-managed key", at: keyAt };
    return "cmk";
}

/** Reports each rule's problem; true when one of the rules uses a customer-managed key. */
function report(outcomes: RuleOutcome[], ctx: CheckContext<unknown>, urn: string): boolean {
    for (const o of outcomes) {
        if (o === "unknown") ctx.unverified("applyServerSideEncryptionByDefault.sseAlgorithm", urn);
        else if (o !== "cmk") ctx.fail({ ...o, urn });
    }
    return outcomes.includes("cmk");
}

const settled = new Settled();

/** Judges a PHI bucket's inline rules; false, reporting nothing, when it has none and the stack must find its configuration. */
function settleBucket(bucket: ResourceInput, ctx: CheckContext<unknown>): boolean {
    const inline = inlineSseRules(bucket.props);
    if (isUnknown(inline)) ctx.unverified("serverSideEncryptionConfiguration", bucket.urn);
    else if (inline.length === 0) return false;
    else report(inline.map(judge), ctx, bucket.urn);
    return true;
}

function checkConfiguration(r: ResourceInput, ctx: CheckContext<unknown>): void {
    const rules = standaloneSseRules(r.props);
    if (isUnknown(rules)) ctx.unverified("rules", r.urn);
    else report(rules.map(judge), ctx, r.urn);
}

export const awsS3EncryptionCmk: ResourceControl = {
    id: "aws-s3-encryption-cmk",
    title: "S3 buckets are encrypted with a customer-managed KMS key",
    cloud: "aws",
    judges: unionOf(S3_BUCKETS, S3_SSE_CONFIGURATIONS),
    category: "encryption-at-rest",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "Every bucket must default to SSE-KMS (or DSSE-KMS) with a customer-managed key, so that who can decrypt PHI is governed by a key policy you control and every decryption is logged. S3-managed keys (AES256) and the AWS-managed aws/s3 key give no such control.",
    remediation:
        "Add an aws.s3.BucketServerSideEncryptionConfiguration for the bucket with sseAlgorithm \"aws:kms\" and kmsMasterKeyId set to a customer-managed aws.kms.Key (with rotation enabled).",
    unknowns: "An unknown kmsMasterKeyId counts as set (a key created in the same update); an unknown sseAlgorithm or configuration is reported as unverified.",
    acrossResources: "Only a PHI bucket with no inline encryption rules in its inputs: it is judged from its outputs (where the provider's default encryption shows) and the BucketServerSideEncryptionConfigurations of the stack that refer to it. Under tagged PHI scope, whether a standalone encryption configuration belongs to a PHI bucket: it takes its bucket's scope.",
    types: types(...S3_BUCKETS.canonical, ...S3_SSE_CONFIGURATIONS.canonical),
    checkResource(r, ctx) {
        if (S3_SSE_CONFIGURATIONS.has(r.type)) {
            // A standalone configuration takes its bucket's PHI scope, which only the stack can tell under a tagged scope.
            const own = !ctx.phiFromStack(r);
            if (own) checkConfiguration(r, ctx);
            return settled.record(r.urn, own);
        }
        settled.record(r.urn, !ctx.isPhi(r) || settleBucket(r, ctx));
    },
    checkStack(stack, ctx) {
        for (const c of stack.ofType(S3_SSE_CONFIGURATIONS)) if (!settled.has(c.urn) && ctx.isPhi(c)) checkConfiguration(c, ctx);
        const configs = stack.companionsByTarget(stack.ofType(S3_SSE_CONFIGURATIONS), "bucket");
        for (const bucket of stack.ofType(S3_BUCKETS)) {
            if (!ctx.isPhi(bucket) || settled.has(bucket.urn)) continue;
            const inline = inlineSseRules(bucket.props);
            if (isUnknown(inline)) {
                ctx.unverified("serverSideEncryptionConfiguration", bucket.urn);
                continue;
            }
            const inlineCmk = report(inline.map(judge), ctx, bucket.urn);
            if (inlineCmk || configs.has(bucket.urn) || inline.length > 0) continue;
            ctx.fail({
                problem: "the bucket has no default encryption with a customer-managed key (no BucketServerSideEncryptionConfiguration refers to it)",
                at: "serverSideEncryptionConfiguration",
                urn: bucket.urn,
            });
        }
    },
};
