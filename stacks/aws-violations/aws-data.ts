// S3, KMS, data store, RDS and CloudTrail controls. Each violating resource is otherwise
// hardened, so that it triggers only the control its comment names.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const ACCOUNT = "111122223333";
const phi = { "data-classification": "phi" };

const dataKey = new aws.kms.Key("data", { description: "Encrypts the sample data stores", enableKeyRotation: true, deletionWindowInDays: 30 });

type Companion = "block" | "tls" | "versioning" | "logging";

/** A PHI bucket with a CMK, a full public access block, a TLS-only policy, versioning and access logs, minus `omit`. */
function bucket(name: string, omit: Companion[] = [], args: aws.s3.BucketArgs = {}, logTarget?: aws.s3.Bucket): aws.s3.Bucket {
    const b = new aws.s3.Bucket(name, { tags: phi, ...args });
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: b.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: dataKey.arn }, bucketKeyEnabled: true }],
    });
    if (!omit.includes("block")) {
        new aws.s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: b.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    }
    if (!omit.includes("tls")) {
        new aws.s3.BucketPolicy(`${name}-policy`, {
            bucket: b.id,
            policy: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyInsecureTransport",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [b.arn, pulumi.interpolate`${b.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    },
                ],
            },
        });
    }
    if (!omit.includes("versioning")) new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: b.id, versioningConfiguration: { status: "Enabled" } });
    if (!omit.includes("logging")) new aws.s3.BucketLogging(`${name}-logging`, { bucket: b.id, targetBucket: (logTarget ?? b).id, targetPrefix: `${name}/` });
    return b;
}

const accessLogs = bucket("data-access-logs");
const logged = (name: string, omit: Companion[] = [], args: aws.s3.BucketArgs = {}) => bucket(name, omit, args, accessLogs);

// aws-s3-public-access: a bucket with no public access block of its own (and none for the account).
const unblocked = logged("claims-unblocked", ["block"]);

// aws-s3-public-access: a public-read ACL on a bucket that is otherwise hardened.
const publicAcl = logged("claims-public-acl");
new aws.s3.BucketAclV2("claims-public-acl-acl", { bucket: publicAcl.id, acl: "public-read" });

// aws-s3-tls-only: no bucket policy denies plain HTTP.
const plainHttp = logged("claims-plain-http", ["tls"]);

// aws-s3-versioning-logging: overwritten or deleted records cannot be recovered.
const unversioned = logged("claims-unversioned", ["versioning"]);

// aws-cloudtrail-coverage: a PHI bucket that no trail's data event selector reaches.
logged("claims-untraced");

// The CloudTrail log archive: Object Lock in COMPLIANCE mode for 6 years.
const trailLogs = logged("data-trail-logs", [], { objectLockEnabled: true });
new aws.s3.BucketObjectLockConfiguration("data-trail-logs-lock", {
    bucket: trailLogs.id,
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } },
});

// aws-cloudtrail-immutable-store: the trail's bucket is locked in GOVERNANCE mode, which can be bypassed.
const governanceLogs = logged("data-trail-governance", [], { objectLockEnabled: true });
new aws.s3.BucketObjectLockConfiguration("data-trail-governance-lock", {
    bucket: governanceLogs.id,
    objectLockEnabled: "Enabled",
    rule: { defaultRetention: { mode: "GOVERNANCE", years: 6 } },
});
const trailKey = new aws.kms.Key("data-trail", { description: "Encrypts CloudTrail log files", enableKeyRotation: true });
const traced = [accessLogs, unblocked, publicAcl, plainHttp, unversioned, trailLogs, governanceLogs];
const trail = {
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    kmsKeyId: trailKey.arn,
    cloudWatchLogsGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:cloudtrail:*`,
    cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/cloudtrail-logs`,
};

new aws.cloudtrail.Trail("data-audit", {
    ...trail,
    s3BucketName: trailLogs.id,
    eventSelectors: [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: traced.map((b) => pulumi.interpolate`${b.arn}/`) }] }],
});

// aws-cloudtrail-integrity: a trail whose log files can be altered without detection.
new aws.cloudtrail.Trail("data-unvalidated", { ...trail, enableLogFileValidation: false, s3BucketName: trailLogs.id });

new aws.cloudtrail.Trail("data-governance", { ...trail, s3BucketName: governanceLogs.id });

// aws-kms-rotation: a key that never rotates.
new aws.kms.Key("data-static", { description: "Never rotated", enableKeyRotation: false, deletionWindowInDays: 30 });

// aws-kms-key-policy: an operator role holds kms:* on the key (administration and decryption in one).
new aws.kms.Key("data-shared", {
    description: "Key with an over-broad policy",
    enableKeyRotation: true,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
            { Sid: "Operators", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/operators` }, Action: "kms:*", Resource: "*" },
        ],
    }),
});

// aws-datastore-cmk: a PHI queue encrypted only with the SQS-managed key.
new aws.sqs.Queue("claims-intake", { sqsManagedSseEnabled: true, tags: phi });

// aws-rds-exposure: a database with a public endpoint (otherwise encrypted, IAM auth, audit logs).
new aws.rds.Instance("claims-db", {
    engine: "postgres",
    engineVersion: "16.3",
    instanceClass: "db.t4g.medium",
    allocatedStorage: 20,
    username: "claims_admin",
    manageMasterUserPassword: true,
    masterUserSecretKmsKeyId: dataKey.arn,
    storageEncrypted: true,
    kmsKeyId: dataKey.arn,
    iamDatabaseAuthenticationEnabled: true,
    enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
    publiclyAccessible: true,
    deletionProtection: true,
    skipFinalSnapshot: false,
    finalSnapshotIdentifier: "claims-db-final",
    tags: phi,
});
