import { awsS3EncryptionCmk as control } from "../../../../policies/aws/s3/encryption-cmk";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const records = resource("aws:s3/bucket:Bucket", "records", {});
const sse = linked("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "records-sse", "bucket", records, {
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY }, bucketKeyEnabled: true }],
});
const baseline = [records, sse];
const aes = change(baseline, "records-sse", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] });
const none = without(baseline, "records-sse");

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a bucket whose standalone encryption configuration uses SSE-KMS with a customer-managed key", resources: baseline },
        inline: { says: "the same, as the bucket's inline serverSideEncryptionConfiguration", resources: [resource("aws:s3/bucket:Bucket", "records", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } } } })] },
    },
    failing: {
        aes256: { says: "S3-managed keys (AES256)", resources: aes, findings: [fails(aes[1], "rules[0].applyServerSideEncryptionByDefault.sseAlgorithm")] },
        "no-configuration": { says: "no encryption configuration: S3's default, with no customer-managed key", resources: none, findings: [fails(records, "serverSideEncryptionConfiguration")] },
    },
});
