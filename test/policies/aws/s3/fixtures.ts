import { TestResource, urnOf } from "../../../harness";

/** Builders for S3 stack tests: a bucket and companions linked to it the way the engine links them. */
export const BUCKET = "aws:s3/bucket:Bucket";

export function bucket(name: string, props: Record<string, unknown> = {}, type = BUCKET): TestResource {
    return { type, name, props };
}

export function companion(type: string, name: string, target: TestResource, props: Record<string, unknown> = {}): TestResource {
    return { type, name, props: { bucket: "<unknown at preview>", ...props }, propertyDependencies: { bucket: [urnOf(target)] } };
}

export const FULL_BLOCK = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

export const block = (target: TestResource, flags: Record<string, unknown> = FULL_BLOCK, name = `${target.name}-pab`) =>
    companion("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name, target, flags);

export const TLS_DENY = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
