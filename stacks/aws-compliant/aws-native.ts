// Hardened aws-native (CloudFormation-shaped) resources: the same controls judge them as their
// @pulumi/aws forms, and none of them may produce a finding.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as native from "@pulumi/aws-native";
import { accessLogs } from "./aws-data";
import { phiKey } from "./foundation";

const ACCOUNT = "111122223333";
const VPC_CIDR = "10.0.0.0/16";
// aws-native writes tags as CloudFormation's list of { key, value }.
const phi = [{ key: "data-classification", value: "phi" }];

// A key that rotates yearly and waits 30 days before deletion (no keyPolicy: the default, kms:* for the account root).
const key = new native.kms.Key("native-data", { description: "Encrypts the aws-native records", enableKeyRotation: true, pendingWindowInDays: 30 });

// A PHI bucket: SSE-KMS with the CMK, a full public access block, versioning, access logs and a TLS-only policy.
const records = new native.s3.Bucket("native-records", {
    bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
    publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    versioningConfiguration: { status: "Enabled" },
    loggingConfiguration: { destinationBucketName: accessLogs.id, logFilePrefix: "native-records/" },
    tags: phi,
});
new native.s3.BucketPolicy("native-records-policy", {
    bucket: records.id,
    policyDocument: {
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [records.arn, pulumi.interpolate`${records.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
    },
});

// A workload role that reads the records: a service trust, a permissions boundary, and the justification tags its PHI reads need.
const boundary = new native.iam.ManagedPolicy("native-reader-boundary", {
    description: "Limits the aws-native reader to the records bucket",
    policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "kms:Decrypt"], Resource: [pulumi.interpolate`${records.arn}/*`, key.arn] }] },
});
new native.iam.Role("native-reader", {
    assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
    },
    permissionsBoundary: boundary.policyArn,
    maxSessionDuration: 3600,
    policies: [{ policyName: "read-records", policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${records.arn}/*` }] } }],
    tags: [
        { key: "owner", value: "records-team" },
        { key: "ticket", value: "SEC-2101" },
        { key: "justification", value: "Reads claim records for the billing batch" },
    ],
});

// HTTPS from inside the VPC only, and egress to the VPC only (no CloudFormation default rule).
new native.ec2.SecurityGroup("native-app", {
    groupDescription: "aws-native records app",
    securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: VPC_CIDR }],
    securityGroupEgress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: VPC_CIDR }],
    tags: phi,
});

// A private PostgreSQL instance: encrypted with the PHI key, IAM authentication, audit log exported.
new native.rds.DbInstance("native-records-db", {
    engine: "postgres",
    dbInstanceClass: "db.t4g.micro",
    allocatedStorage: "20",
    storageEncrypted: true,
    kmsKeyId: phiKey.arn,
    enableIamDatabaseAuthentication: true,
    enableCloudwatchLogsExports: ["postgresql"],
    publiclyAccessible: false,
    manageMasterUserPassword: true,
    masterUsername: "phiadmin",
    tags: phi,
});

// A DynamoDB table encrypted with the CMK.
new native.dynamodb.Table("native-claims", {
    keySchema: [{ attributeName: "id", keyType: "HASH" }],
    attributeDefinitions: [{ attributeName: "id", attributeType: "S" }],
    billingMode: "PAY_PER_REQUEST",
    sseSpecification: { sseEnabled: true, sseType: "KMS", kmsMasterKeyId: key.arn },
    tags: phi,
});

// Six years of application logs, encrypted with the CMK.
new native.logs.LogGroup("native-app-logs", { retentionInDays: 2192, kmsKeyId: key.arn });

// A function URL that only signed (IAM) requests may call.
new native.lambda.Url("native-claims-url", { targetFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:claims-api`, authType: "AWS_IAM" });

// Macie classifies the aws-native records weekly (aws-threat-detection), as aws-network's job does the other buckets.
new aws.macie2.ClassificationJob("native-records-classification", {
    jobType: "SCHEDULED",
    scheduleFrequency: { weeklySchedule: "MONDAY" },
    s3JobDefinition: { bucketDefinitions: [{ accountId: ACCOUNT, buckets: [records.bucketName.apply((n) => n ?? "")] }] },
});
