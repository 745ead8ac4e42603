import { awsApigwAccessLogging as control } from "../../../../policies/aws/apigw/access-logging";
import { change, defineExamples, fails, linked, resource } from "../../../examples";

const FORMAT = JSON.stringify({ requestId: "$context.requestId", ip: "$context.identity.sourceIp", status: "$context.status" });
const logs = resource("aws:cloudwatch/logGroup:LogGroup", "api-access", { retentionInDays: 2192, kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
const stage = linked("aws:apigateway/stage:Stage", "prod", "accessLogSettings", logs, { restApi: "abc123", deployment: "d1", stageName: "prod" });
stage.props.accessLogSettings = { destinationArn: stage.props.accessLogSettings, format: FORMAT };
const baseline = [logs, stage];
const noLogs = change(baseline, "prod", { accessLogSettings: undefined });
const plainGroup = change(baseline, "api-access", { kmsKeyId: undefined });

export default defineExamples({
    control,
    passing: { baseline: { says: "a REST stage that logs every request to a CMK-encrypted log group", resources: baseline } },
    failing: {
        "no-access-logs": { says: "the stage keeps no access log", resources: noLogs, findings: [fails(noLogs[1], "accessLogSettings.destinationArn")] },
        "log-group-without-cmk": { says: "the access log goes to a log group without a customer-managed key", resources: plainGroup, findings: [fails(plainGroup[1], "accessLogSettings.destinationArn")] },
    },
});
