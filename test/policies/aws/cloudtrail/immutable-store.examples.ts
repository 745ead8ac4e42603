import { awsCloudtrailImmutableStore as control } from "../../../../policies/aws/cloudtrail/immutable-store";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const logs = resource("aws:s3/bucket:Bucket", "trail-logs", { objectLockEnabled: true });
const trail = linked("aws:cloudtrail/trail:Trail", "org", "s3BucketName", logs, { isMultiRegionTrail: true, enableLogFileValidation: true });
const lock = linked("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "trail-logs-lock", "bucket", logs, {
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } },
});
const versioning = linked("aws:s3/bucketVersioning:BucketVersioning", "trail-logs-versioning", "bucket", logs, { versioningConfiguration: { status: "Enabled" } });
const block = linked("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "trail-logs-pab", "bucket", logs, { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
const baseline = [logs, trail, lock, versioning, block];
const governance = change(baseline, "trail-logs-lock", { rule: { defaultRetention: { mode: "GOVERNANCE", years: 6 } } });
const short = change(baseline, "trail-logs-lock", { rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } });
const noLock = without(baseline, "trail-logs-lock");

export default defineExamples({
    control,
    passing: { baseline: { says: "the trail's bucket has COMPLIANCE Object Lock for six years, versioning and a full public access block", resources: baseline } },
    failing: {
        "governance-mode": { says: "GOVERNANCE mode, which a privileged user can bypass", resources: governance, findings: [fails(governance[2], "rule.defaultRetention.mode")] },
        "one-year": { says: "retention of one year", resources: short, findings: [fails(short[2], "rule.defaultRetention")] },
        "no-object-lock": { says: "no Object Lock configuration", resources: noLock, findings: [fails(logs, "objectLockConfiguration")] },
    },
});
