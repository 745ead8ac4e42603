import * as aws from "@pulumi/aws";

const bucket = new aws.s3.Bucket("records");
new aws.s3.BucketServerSideEncryptionConfiguration("records-sse", {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
new aws.iam.Policy("ops-admin", {
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
});
