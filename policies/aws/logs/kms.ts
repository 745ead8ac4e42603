import type { ResourceControl } from "../../control";
import { hasLogGroupKey, LOG_GROUPS } from "../../lib/aws-logs";
import { prowler } from "../../lib/hipaa";

export const awsLogsKms: ResourceControl = {
    id: "aws-logs-kms",
    title: "CloudWatch log groups are encrypted with a customer-managed KMS key",
    cloud: "aws",
    category: "phi-in-logs",
    severity: "medium",
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "Application, API and flow logs routinely capture PHI fragments (identifiers in URLs, error payloads), and without a customer-managed key anyone with logs:GetLogEvents reads them. A CMK puts every read behind a key policy you control and in CloudTrail.",
    remediation:
        "Set kmsKeyId on the aws.cloudwatch.LogGroup to the ARN of a customer-managed aws.kms.Key (with rotation enabled) whose key policy lets the logs.<region>.amazonaws.com service principal use it.",
    unknowns: "An unknown kmsKeyId counts as set (a key created in the same update).",
    types: LOG_GROUPS,
    checkResource(resource, ctx) {
        if (!hasLogGroupKey(resource.props.kmsKeyId)) {
            ctx.fail({ problem: "the log group is not encrypted with a customer-managed key", at: "kmsKeyId" });
        }
    },
};
