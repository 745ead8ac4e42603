import type { ResourceControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { CLOUDTRAIL_TRAILS, trailLogGroupProp } from "../../lib/aws-cloudtrail";
import { asBool, isGivenText, isUnknown } from "../../lib/values";

export const awsCloudtrailIntegrity: ResourceControl = {
    id: "aws-cloudtrail-integrity",
    title: "CloudTrail trails validate, encrypt and stream their logs",
    cloud: "aws",
    category: "audit-logging",
    severity: "high",
    hipaa: [prowler("164.312(b)"), prowler("164.312(c)(1)")],
    description:
        "Every trail must turn on log file validation, encrypt its log files with a customer-managed KMS key and deliver them to CloudWatch Logs. Without validation an insider can alter the audit trail undetected, without a key anyone who can read the bucket reads the trail, and without CloudWatch delivery nothing alerts on what it records.",
    remediation: "Set enableLogFileValidation: true, kmsKeyId to a customer-managed aws.kms.Key ARN, and cloudWatchLogsGroupArn (with cloudWatchLogsRoleArn) to a KMS-encrypted log group on the aws.cloudtrail.Trail.",
    unknowns: "An unknown kmsKeyId or log group ARN counts as set (created in the same update); an unknown enableLogFileValidation is reported as unverified.",
    types: CLOUDTRAIL_TRAILS,
    checkResource(trail, ctx) {
        const validation = asBool(trail.props.enableLogFileValidation);
        if (isUnknown(validation)) ctx.unverified("enableLogFileValidation");
        else if (validation !== true) ctx.fail({ problem: "log file validation is off", at: "enableLogFileValidation", fix: "set enableLogFileValidation: true" });
        const present = (key: string) => isGivenText(trail.props[key]);
        if (!present("kmsKeyId")) ctx.fail({ problem: "log files are not encrypted with a customer-managed KMS key", at: "kmsKeyId", fix: "set kmsKeyId to a customer-managed aws.kms.Key ARN" });
        const logGroup = trailLogGroupProp(trail.type);
        if (!present(logGroup)) {
            ctx.fail({ problem: "the trail does not deliver to CloudWatch Logs", at: logGroup, fix: `set ${logGroup} and cloudWatchLogsRoleArn to a KMS-encrypted log group with 6-year retention and a delivery role` });
        }
    },
};
