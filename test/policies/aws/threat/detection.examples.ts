import { awsThreatDetection as control } from "../../../../policies/aws/threat/detection";
import { defineExamples, fails, linked, resource, without } from "../../../examples";
import { unknown, urnOf } from "../../../harness";

const records = resource("aws:s3/bucket:Bucket", "records", { tags: { "data-classification": "phi" } });
const detector = resource("aws:guardduty/detector:Detector", "gd", { enable: true });
const s3Feature = linked("aws:guardduty/detectorFeature:DetectorFeature", "gd-s3", "detectorId", detector, { name: "S3_DATA_EVENTS", status: "ENABLED" });
const macie = resource("aws:macie2/account:Account", "macie", { status: "ENABLED" });
const job = resource(
    "aws:macie2/classificationJob:ClassificationJob",
    "job",
    { jobType: "SCHEDULED", scheduleFrequency: { dailySchedule: true }, s3JobDefinition: { bucketDefinitions: [{ accountId: "111122223333", buckets: [unknown] }] } },
    { propertyDependencies: { s3JobDefinition: [urnOf(records)] } },
);
const hub = resource("aws:securityhub/account:Account", "hub", {});
const analyzer = resource("aws:accessanalyzer/analyzer:Analyzer", "aa", { analyzerName: "account", type: "ACCOUNT" });
const baseline = [records, detector, s3Feature, macie, job, hub, analyzer];

export default defineExamples({
    control,
    passing: { baseline: { says: "GuardDuty with S3 protection, Macie classifying the PHI bucket, Security Hub and IAM Access Analyzer", resources: baseline } },
    failing: {
        "no-guardduty": { says: "no GuardDuty detector", resources: without(baseline, "gd", "gd-s3"), findings: [fails(records, "aws.guardduty.Detector")] },
        "no-macie-job": { says: "Macie is on but no job classifies the PHI bucket", resources: without(baseline, "job"), findings: [fails(records, "aws.macie2.ClassificationJob.s3JobDefinition.bucketDefinitions")] },
    },
});
