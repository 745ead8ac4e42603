import * as aws from "@pulumi/aws";

// aws-s3-encryption-cmk: a standalone v7 encryption configuration with S3-managed keys.
export const records = new aws.s3.Bucket("records-aes256");
new aws.s3.BucketServerSideEncryptionConfiguration("records-aes256-sse", {
    bucket: records.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});

// aws-s3-encryption-cmk: a bucket with no default-encryption configuration at all.
new aws.s3.Bucket("scratch-unencrypted");

// aws-iam-no-admin-statements: standing administrator rights for an operations group.
new aws.iam.Policy("ops-admin", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
});
