import { awsLogsKms as control } from "../../../../policies/aws/logs/kms";
import { defineExamples, fails, resource } from "../../../examples";
import { unknown } from "../../../harness";

const group = (props: Record<string, unknown>) => resource("aws:cloudwatch/logGroup:LogGroup", "app-logs", { retentionInDays: 2192, ...props });
const plain = group({});

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a log group encrypted with a customer-managed key", resources: [group({ kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" })] },
        "key-of-the-program": { says: "a key created in the same update", resources: [group({ kmsKeyId: unknown })] },
    },
    failing: { "no-key": { says: "a log group without a customer-managed key", resources: [plain], findings: [fails(plain, "kmsKeyId")] } },
});
