import { awsCloudtrailCoverage as control } from "../../../../policies/aws/cloudtrail/coverage";
import { change, defineExamples, fails, resource } from "../../../examples";

const records = resource("aws:s3/bucket:Bucket", "records", { bucket: "acme-phi-records" });
const trail = resource("aws:cloudtrail/trail:Trail", "org", {
    s3BucketName: "acme-trail-logs",
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
});
const baseline = [records, trail];
const oneRegion = change(baseline, "org", { isMultiRegionTrail: false });
const noData = change(baseline, "org", { eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a multi-region trail that records object reads and writes in every bucket", resources: baseline },
        "managed-centrally": { says: "no trail in the stack, where the config says the organisation's trail is managed elsewhere", resources: [records], options: { config: { managedCentrally: true } } },
    },
    failing: {
        "no-trail": { says: "a PHI bucket and no trail", resources: [records], findings: [fails(records, "eventSelectors")] },
        "single-region": { says: "the trail covers one region", resources: oneRegion, findings: [fails(oneRegion[1], "isMultiRegionTrail")] },
        "no-data-events": { says: "the trail records management events only, not reads of PHI objects", resources: noData, findings: [fails(records, "eventSelectors")] },
    },
});
