import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { isAwsNative, loggingState, reportJudgement, S3Buckets, versioningState, S3_BUCKETS, S3_VERSIONINGS, S3_LOGGINGS } from "../../lib/aws-s3";
import { unionOf } from "../../lib/type-tokens";

export const awsS3VersioningLogging: StackControl = {
    id: "aws-s3-versioning-logging",
    title: "S3 buckets holding PHI are versioned and access-logged",
    cloud: "aws",
    judges: unionOf(S3_BUCKETS, S3_VERSIONINGS, S3_LOGGINGS),
    category: "audit-logging",
    severity: "medium",
    phiScoped: true,
    hipaa: [prowler("164.312(b)"), prowler("164.312(c)(1)")],
    description:
        "PHI buckets must keep object versions and write server access logs. Versioning lets an overwritten or deleted record be recovered after an insider's change, and access logs record who read or changed each object.",
    remediation:
        'Add an aws.s3.BucketVersioning with versioningConfiguration.status "Enabled" and an aws.s3.BucketLogging with a targetBucket (a dedicated log bucket) for the bucket.',
    unknowns: "An unknown logging target counts as set (a log bucket created in the same update); an unknown versioning status is reported as unverified.",
    acrossResources: "Every judgement: a PHI bucket's versioning and logging may be inline or in standalone BucketVersioning and BucketLogging resources.",
    checkStack(stack, ctx) {
        const s3 = new S3Buckets(stack);
        for (const bucket of s3.buckets) {
            if (!ctx.isPhi(bucket)) continue;
            const native = isAwsNative(bucket.type);
            reportJudgement(versioningState(s3, bucket), ctx, native ? 'set versioningConfiguration.status to "Enabled"' : 'add an aws.s3.BucketVersioning for the bucket with versioningConfiguration.status "Enabled"');
            reportJudgement(loggingState(s3, bucket), ctx, native ? "set loggingConfiguration with a destinationBucketName" : "add an aws.s3.BucketLogging for the bucket with a targetBucket");
        }
    },
};
