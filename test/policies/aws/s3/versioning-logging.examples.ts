import { awsS3VersioningLogging as control } from "../../../../policies/aws/s3/versioning-logging";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const records = resource("aws:s3/bucket:Bucket", "records", {});
const versioning = linked("aws:s3/bucketVersioning:BucketVersioning", "records-versioning", "bucket", records, { versioningConfiguration: { status: "Enabled" } });
const logging = linked("aws:s3/bucketLogging:BucketLogging", "records-logging", "bucket", records, { targetBucket: "acme-access-logs", targetPrefix: "records/" });
const baseline = [records, versioning, logging];
const suspended = change(baseline, "records-versioning", { versioningConfiguration: { status: "Suspended" } });
const noLogging = without(baseline, "records-logging");

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a bucket with versioning and server access logging", resources: baseline },
        inline: { says: "the same, inline on the bucket", resources: [resource("aws:s3/bucket:Bucket", "records", { versioning: { enabled: true }, logging: { targetBucket: "acme-access-logs" } })] },
    },
    failing: {
        "versioning-suspended": { says: "versioning suspended", resources: suspended, findings: [fails(suspended[1], "versioningConfiguration.status")] },
        "no-logging": { says: "no access logging", resources: noLogging, findings: [fails(records, "logging")] },
    },
});
