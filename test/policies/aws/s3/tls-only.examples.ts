import { awsS3TlsOnly as control } from "../../../../policies/aws/s3/tls-only";
import { change, defineExamples, fails, iamDoc, linked, resource, without } from "../../../examples";

const DENY_HTTP = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::acme-records", "arn:aws:s3:::acme-records/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const records = resource("aws:s3/bucket:Bucket", "records", {});
const policy = linked("aws:s3/bucketPolicy:BucketPolicy", "records-policy", "bucket", records, { policy: iamDoc(DENY_HTTP) });
const baseline = [records, policy];
const none = without(baseline, "records-policy");
const onlyObjects = change(baseline, "records-policy", { policy: iamDoc({ ...DENY_HTTP, Action: "s3:GetObject" }) });

export default defineExamples({
    control,
    passing: { baseline: { says: "a bucket policy that denies every request not made over TLS", resources: baseline } },
    failing: {
        "no-policy": { says: "no bucket policy", resources: none, findings: [fails(records, "policy")] },
        "partial-deny": { says: "the deny covers only GetObject, so other requests may use plain HTTP", resources: onlyObjects, findings: [fails(records, "policy")] },
    },
});
