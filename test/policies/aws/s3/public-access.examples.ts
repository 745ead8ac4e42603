import { awsS3PublicAccess as control } from "../../../../policies/aws/s3/public-access";
import { change, defineExamples, fails, iamDoc, linked, resource, without } from "../../../examples";

const FULL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const records = resource("aws:s3/bucket:Bucket", "records", {});
const block = linked("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "records-pab", "bucket", records, FULL);
const baseline = [records, block];
const noBlock = without(baseline, "records-pab");
const partial = change(baseline, "records-pab", { restrictPublicBuckets: false });
const publicPolicy = [...baseline, linked("aws:s3/bucketPolicy:BucketPolicy", "records-policy", "bucket", records, { policy: iamDoc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-records/*" }) })];
const publicAcl = [...baseline, linked("aws:s3/bucketAclV2:BucketAclV2", "records-acl", "bucket", records, { acl: "public-read" })];
const publicObject = [...baseline, linked("aws:s3/bucketObjectv2:BucketObjectv2", "records-export", "bucket", records, { key: "exports/2024.csv", content: "patient,visit", acl: "public-read" })];

export default defineExamples({
    control,
    passing: { baseline: { says: "a bucket with all four public access block flags on", resources: baseline } },
    failing: {
        "no-block": { says: "no public access block", resources: noBlock, findings: [fails(records, "publicAccessBlock")] },
        "flag-off": { says: "restrictPublicBuckets off", resources: partial, findings: [fails(partial[1], "restrictPublicBuckets")] },
        "public-policy": { says: "a bucket policy that lets anyone read objects", resources: publicPolicy, findings: [fails(publicPolicy[2], "policy.Statement[0]")] },
        "public-acl": { says: "a public-read ACL", resources: publicAcl, findings: [fails(publicAcl[2], "acl")] },
        "public-object": { says: "an export uploaded into the bucket with a public-read object ACL", resources: publicObject, findings: [fails(publicObject[2], "acl")] },
    },
});
