import { awsCloudtrailIntegrity as control } from "../../../../policies/aws/cloudtrail/integrity";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const good = {
    s3BucketName: "acme-trail-logs",
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
    cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail-logs",
};
const trail = (props: Record<string, unknown>) => resource("aws:cloudtrail/trail:Trail", "org", { ...good, ...props });
const noValidation = trail({ enableLogFileValidation: false });
const noKey = trail({ kmsKeyId: undefined });
delete noKey.props.kmsKeyId;
const unknownValidation = trail({ enableLogFileValidation: unknown });

export default defineExamples({
    control,
    passing: { baseline: { says: "a trail with log file validation, a customer-managed key and CloudWatch delivery", resources: [trail({})] } },
    failing: {
        "no-validation": { says: "log file validation off: edits to delivered logs go unnoticed", resources: [noValidation], findings: [fails(noValidation, "enableLogFileValidation")] },
        "no-cmk": { says: "no customer-managed key", resources: [noKey], findings: [fails(noKey, "kmsKeyId")] },
        "unknown-validation": { says: "validation unknown until the update", resources: [unknownValidation], findings: [unverifiedAt(unknownValidation, "enableLogFileValidation")] },
    },
});
