import { awsLogsRetention as control } from "../../../../policies/aws/logs/retention";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const group = (retentionInDays: unknown) => resource("aws:cloudwatch/logGroup:LogGroup", "audit", { kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", retentionInDays });
const year = group(365);
const unknownDays = group(unknown);

export default defineExamples({
    control,
    passing: {
        baseline: { says: "six years of retention", resources: [group(2192)] },
        "never-expire": { says: "retention 0: events never expire", resources: [group(0)] },
    },
    failing: {
        "one-year": { says: "one year of retention", resources: [year], findings: [fails(year, "retentionInDays")] },
        "unknown-retention": { says: "retention unknown until the update", resources: [unknownDays], findings: [unverifiedAt(unknownDays, "retentionInDays")] },
    },
});
