import type { StackControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { CLOUDTRAIL_TRAILS } from "../../lib/aws-cloudtrail";
import { objectLock, publicAccessCoverage, reportJudgement, S3_BUCKETS, S3Buckets, versioningState, S3_OBJECT_LOCKS } from "../../lib/aws-s3";
import { asNumber, asString, isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

interface Config {
    minRetentionDays: number;
    externalLogBuckets: string[];
}

export const awsCloudtrailImmutableStore: StackControl<Config> = {
    id: "aws-cloudtrail-immutable-store",
    title: "CloudTrail logs land in an immutable, private, versioned bucket",
    cloud: "aws",
    judges: unionOf(CLOUDTRAIL_TRAILS, S3_BUCKETS, S3_OBJECT_LOCKS),
    category: "log-retention",
    severity: "high",
    hipaa: [inferred("164.312(c)(1)"), inferred("164.316(b)(2)")],
    description:
        "The bucket a trail writes to must have S3 Object Lock in COMPLIANCE mode with a default retention of at least six years, versioning, and a full public access block. Otherwise an insider with bucket rights can delete or overwrite the audit trail of what they did, and HIPAA documentation must be kept six years.",
    remediation:
        'Create the trail\'s bucket with objectLockEnabled: true, add an aws.s3.BucketObjectLockConfiguration with rule.defaultRetention { mode: "COMPLIANCE", years: 6 }, an aws.s3.BucketVersioning with status "Enabled" and an aws.s3.BucketPublicAccessBlock with all four flags true.',
    unknowns:
        "An unknown s3BucketName without a link to a bucket of the stack, and unknown Object Lock, retention, versioning or block values, are reported as unverified.",
    acrossResources: "Every judgement: each trail's log bucket, with its Object Lock, versioning and public access block companions.",
    config: {
        minRetentionDays: { type: "integer", minimum: 1, default: 2190, description: "Shortest default retention accepted, in days (years count as 365 days; 2190 = 6 years)." },
        externalLogBuckets: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Names of trail buckets managed and verified outside this stack (e.g. a central log archive account).",
        },
    },
    checkStack(stack, ctx) {
        const s3 = new S3Buckets(stack);
        const judged = new Set<string>();
        for (const trail of stack.ofType(CLOUDTRAIL_TRAILS)) {
            const buckets = stack.linked(trail, "s3BucketName").filter((r) => S3_BUCKETS.has(r.type));
            if (buckets.length === 0) {
                const name = asString(trail.props.s3BucketName);
                if (isUnknown(name)) ctx.unverified("s3BucketName", trail.urn);
                else if (name === undefined || !ctx.config.externalLogBuckets.includes(name.trim())) {
                    ctx.fail({
                        problem: "the trail's bucket is not in this stack, so its Object Lock and access cannot be checked",
                        at: "s3BucketName",
                        fix: "manage the log bucket in this stack, or list it in externalLogBuckets once it is verified elsewhere",
                        urn: trail.urn,
                    });
                }
                continue;
            }
            for (const bucket of buckets) {
                if (judged.has(bucket.urn)) continue;
                judged.add(bucket.urn);
                const lock = objectLock(s3, bucket);
                if (isUnknown(lock.enabled)) ctx.unverified(lock.enabledAt, bucket.urn);
                else if (!lock.enabled) {
                    ctx.fail({ problem: "the CloudTrail bucket does not have Object Lock enabled", at: "objectLockEnabled", fix: "create the bucket with objectLockEnabled: true", urn: bucket.urn });
                }
                if (isUnknown(lock.retentions)) ctx.unverified("objectLockConfiguration", bucket.urn);
                else {
                    let ok = false;
                    let unknownAt: { at: string; urn: string } | undefined;
                    const weak: { problem: string; at: string; urn: string }[] = [];
                    for (const r of lock.retentions) {
                        const mode = asString(r.mode);
                        const days = asNumber(r.days);
                        const years = asNumber(r.years);
                        if (isUnknown(mode) || isUnknown(days) || isUnknown(years)) {
                            unknownAt ??= { at: r.at, urn: r.urn };
                            continue;
                        }
                        const length = (days ?? 0) + (years ?? 0) * 365;
                        const compliance = mode?.toUpperCase() === "COMPLIANCE";
                        if (compliance && length >= ctx.config.minRetentionDays) ok = true;
                        else if (!compliance) weak.push({ problem: "the default retention is not in COMPLIANCE mode (GOVERNANCE can be bypassed with s3:BypassGovernanceRetention)", at: `${r.at}.mode`, urn: r.urn });
                        else weak.push({ problem: `the default retention is ${length} days, less than ${ctx.config.minRetentionDays}`, at: r.at, urn: r.urn });
                    }
                    if (!ok) {
                        if (unknownAt) ctx.unverified(unknownAt.at, unknownAt.urn);
                        else if (weak.length > 0) for (const w of weak) ctx.fail({ ...w, fix: 'set the default retention to mode "COMPLIANCE" with years: 6 (or days: 2190) or more' });
                        else {
                            ctx.fail({
                                problem: "the CloudTrail bucket has no Object Lock default retention (no BucketObjectLockConfiguration refers to it)",
                                at: "objectLockConfiguration",
                                fix: 'add an aws.s3.BucketObjectLockConfiguration with rule.defaultRetention { mode: "COMPLIANCE", years: 6 }',
                                urn: bucket.urn,
                            });
                        }
                    }
                }
                reportJudgement(versioningState(s3, bucket), ctx, 'add an aws.s3.BucketVersioning for the CloudTrail bucket with status "Enabled"');
                reportJudgement(publicAccessCoverage(s3, bucket), ctx, "add an aws.s3.BucketPublicAccessBlock for the CloudTrail bucket with all four flags true");
            }
        }
    },
};
