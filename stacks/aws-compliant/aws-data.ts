// Hardened S3, KMS, data stores, RDS and CloudTrail: every bucket (the foundation's `records`
// too) has a CMK, a full public access block, a TLS-only policy, versioning and access logs.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { phiKey, records } from "./foundation";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const TRAIL_NAME = "phi-org-trail";
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${TRAIL_NAME}`;
const phi = { "data-classification": "phi" };

/** Encrypts the audit trail: usable by CloudTrail and CloudWatch Logs only, administered by the account root. */
const auditKey = new aws.kms.Key("audit", {
    description: "Encrypts CloudTrail log files and their CloudWatch log group",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountRoot", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudTrailEncrypt",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN }, StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } },
            },
            {
                Sid: "CloudWatchLogs",
                Effect: "Allow",
                Principal: { Service: `logs.${REGION}.amazonaws.com` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:*` } },
            },
        ],
    }),
});

/** The bucket hardening every bucket gets; `target` receives its access logs (a log bucket logs to itself under its own prefix). */
function harden(name: string, bucket: aws.s3.Bucket, key: pulumi.Input<string>, target: aws.s3.Bucket, extra: aws.iam.PolicyStatement[] = []): aws.s3.BucketPolicy {
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key }, bucketKeyEnabled: true }],
    });
    new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketLogging(`${name}-logging`, { bucket: bucket.id, targetBucket: target.id, targetPrefix: `${name}/` });
    return new aws.s3.BucketPolicy(`${name}-policy`, {
        bucket: bucket.id,
        policy: {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
                ...extra,
            ],
        },
    });
}

// Server access logs for every bucket of the workload.
export const accessLogs = new aws.s3.Bucket("access-logs", { tags: phi });
harden("access-logs", accessLogs, phiKey.arn, accessLogs);

// The foundation's PHI records bucket gets its missing companions here.
harden("records", records, phiKey.arn, accessLogs);

// Same-account replication of the records into a hardened replica, encrypted with the PHI key
// (aws-exfil-replication: the destination is a bucket of this stack; the replica key is a CMK).
export const recordsReplica = new aws.s3.Bucket("records-replica", { tags: phi });
harden("records-replica", recordsReplica, phiKey.arn, accessLogs);
new aws.s3.BucketReplicationConfig("records-replication", {
    bucket: records.id,
    role: `arn:aws:iam::${ACCOUNT}:role/records-replication`,
    rules: [
        {
            id: "all-records",
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Disabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: { bucket: recordsReplica.arn, encryptionConfiguration: { replicaKmsKeyId: phiKey.arn } },
        },
    ],
});

// A constrained grant: the analytics role of a trusted account may decrypt with the PHI key only
// for objects of the records bucket (aws-exfil-external-access: inside the boundary).
new aws.kms.Grant("records-analytics-decrypt", {
    keyId: phiKey.keyId,
    granteePrincipal: "arn:aws:iam::123456789012:role/records-analytics",
    operations: ["Decrypt"],
    constraints: [{ encryptionContextEquals: { "aws:s3:arn": "arn:aws:s3:::phi-records-example" } }],
});

// The CloudTrail archive: Object Lock in COMPLIANCE mode for six years.
export const trailLogs = new aws.s3.Bucket("trail-logs", { objectLockEnabled: true, tags: phi });
new aws.s3.BucketObjectLockConfiguration("trail-logs-lock", {
    bucket: trailLogs.id,
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } },
});
const trailLogsPolicy = harden("trail-logs", trailLogs, auditKey.arn, accessLogs, [
    {
        Sid: "CloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: trailLogs.arn,
        Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
    },
    {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${trailLogs.arn}/AWSLogs/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    },
]);

const trailLogGroup = new aws.cloudwatch.LogGroup("trail", { retentionInDays: 2192, kmsKeyId: auditKey.arn, tags: phi });

const deliveryActions: aws.iam.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${trailLogGroup.arn}:*` }],
};
const deliveryBoundary = new aws.iam.Policy("trail-delivery-boundary", { description: "Limits the CloudTrail delivery role to its log group", policy: deliveryActions });
const deliveryRole = new aws.iam.Role("trail-delivery", {
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } } },
        ],
    },
    permissionsBoundary: deliveryBoundary.arn,
    maxSessionDuration: 3600,
    tags: { owner: "security-engineering", ticket: "SEC-1042", justification: "CloudTrail delivery to CloudWatch Logs" },
});

new aws.iam.RolePolicy("trail-delivery", { role: deliveryRole.id, policy: deliveryActions });

new aws.cloudtrail.Trail(
    "org",
    {
        name: TRAIL_NAME,
        s3BucketName: trailLogs.id,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        isOrganizationTrail: true,
        enableLogFileValidation: true,
        kmsKeyId: auditKey.arn,
        cloudWatchLogsGroupArn: pulumi.interpolate`${trailLogGroup.arn}:*`,
        cloudWatchLogsRoleArn: deliveryRole.arn,
        // Advanced selectors as @pulumi/aws v7 spells them: management events, and every S3 object's data events.
        advancedEventSelectors: [
            { name: "Management events", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] },
            {
                name: "Every S3 object",
                fieldSelectors: [
                    { field: "eventCategory", equals: ["Data"] },
                    { field: "resources.type", equals: ["AWS::S3::Object"] },
                    { field: "resources.ARN", startsWiths: ["arn:aws:s3:::"] },
                ],
            },
        ],
    },
    { dependsOn: [trailLogsPolicy] },
);

// PHI data stores, each with the customer-managed key.
new aws.rds.Instance("patients-db", {
    engine: "postgres",
    engineVersion: "16.3",
    instanceClass: "db.t4g.medium",
    allocatedStorage: 50,
    username: "patients_admin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: phiKey.arn,
    storageEncrypted: true,
    kmsKeyId: phiKey.arn,
    publiclyAccessible: false,
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: phiKey.arn,
    backupRetentionPeriod: 35,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "patients-db-final",
    tags: phi,
});

new aws.dynamodb.Table("encounters", {
    billingMode: "PAY_PER_REQUEST",
    hashKey: "encounterId",
    attributes: [{ name: "encounterId", type: "S" }],
    serverSideEncryption: { enabled: true, kmsKeyArn: phiKey.arn },
    pointInTimeRecovery: { enabled: true },
    deletionProtectionEnabled: true,
    tags: phi,
});

new aws.sqs.Queue("lab-results", { kmsMasterKeyId: phiKey.arn, kmsDataKeyReusePeriodSeconds: 300, tags: phi });
new aws.sns.Topic("care-alerts", { kmsMasterKeyId: phiKey.arn, tags: phi });
new aws.secretsmanager.Secret("ehr-api", { description: "EHR integration credentials", kmsKeyId: phiKey.arn, recoveryWindowInDays: 30, tags: phi });
