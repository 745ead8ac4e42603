import type { Control } from "../control";
import { awsIamNoAdminStatements } from "./iam/no-admin-statements";
import { awsS3EncryptionCmk } from "./s3/encryption-cmk";
import { awsApigwAuthorization } from "./apigateway/authorization";
import { awsApigwDataTrace } from "./apigateway/data-trace";
import { awsApigwAccessLogging } from "./apigateway/access-logging";
import { awsLogsKms } from "./cloudwatch/logs-kms";
import { awsLogsRetention } from "./cloudwatch/logs-retention";
import { awsSgEgress } from "./ec2/sg-egress";
import { awsSgIngress } from "./ec2/sg-ingress";
import { awsVpcFlowLogs } from "./ec2/vpc-flow-logs";
import { awsVpcEndpoints } from "./ec2/vpc-endpoints";
import { awsThreatDetection } from "./monitoring/threat-detection";

/** Every AWS control, in catalog order. */
export const awsControls: Control[] = [
    awsIamNoAdminStatements,
    awsS3EncryptionCmk,
    awsApigwAuthorization,
    awsApigwDataTrace,
    awsApigwAccessLogging,
    awsLogsKms,
    awsLogsRetention,
    awsSgEgress,
    awsSgIngress,
    awsVpcFlowLogs,
    awsVpcEndpoints,
    awsThreatDetection,
];
