// The aws-native (CloudFormation-shaped) forms of AWS resources, judged by the same controls as their
// @pulumi/aws forms. Each violating resource is otherwise hardened and triggers the control its comment
// names (expected/aws-native.json lists them). The stack's trail (aws-data) selects the buckets it
// traces by ARN and none of these, so each aws-native bucket is also an aws-cloudtrail-coverage finding.
import * as pulumi from "@pulumi/pulumi";
import * as native from "@pulumi/aws-native";

const ACCOUNT = "111122223333";
// aws-native writes tags as CloudFormation's list of { key, value }.
const phi = [{ key: "data-classification", value: "phi" }];

const key = new native.kms.Key("native-data", { description: "Encrypts the aws-native sample stores", enableKeyRotation: true, pendingWindowInDays: 30 });

const FULL_BLOCK = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

/** A PHI bucket with a CMK, a full public access block, versioning, access logs and a TLS-only policy, with `args` changed. */
function bucket(name: string, args: Partial<native.s3.BucketArgs> = {}, extra: object[] = []): native.s3.Bucket {
    const b = new native.s3.Bucket(name, {
        bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] },
        publicAccessBlockConfiguration: FULL_BLOCK,
        versioningConfiguration: { status: "Enabled" },
        loggingConfiguration: { logFilePrefix: "access/" },
        tags: phi,
        ...args,
    });
    new native.s3.BucketPolicy(`${name}-policy`, {
        bucket: b.id,
        policyDocument: {
            Version: "2012-10-17",
            Statement: [
                { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [b.arn, pulumi.interpolate`${b.arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
                ...extra,
            ],
        },
    });
    return b;
}

// aws-s3-encryption-cmk: default encryption with S3-managed keys.
bucket("native-aes256", { bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } });

// aws-s3-public-access: the inline public access block leaves restrictPublicBuckets off.
bucket("native-half-blocked", { publicAccessBlockConfiguration: { ...FULL_BLOCK, restrictPublicBuckets: false } });

// aws-s3-public-access: the bucket policy lets anyone read objects (on the BucketPolicy).
bucket("native-public-read", {}, [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::native-public-read/*` }]);

// aws-s3-versioning-logging: versioning suspended.
bucket("native-unversioned", { versioningConfiguration: { status: "Suspended" } });

const boundary = `arn:aws:iam::${ACCOUNT}:policy/workload-boundary`;

// aws-iam-no-admin-statements, and the document controls that judge every identity policy
// (aws-iam-no-service-wildcards, aws-iam-privilege-escalation, aws-iam-kms-wildcard), as for
// the @pulumi/aws ops-admin policy of the foundation: a managed policy that allows everything.
new native.iam.ManagedPolicy("native-ops-admin", { policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] } });

// aws-iam-trust-policy: a role any AWS principal may assume.
new native.iam.Role("native-open-trust", {
    assumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] },
    permissionsBoundary: boundary,
});

// aws-kms-rotation: a key whose material never rotates.
new native.kms.Key("native-unrotated", { description: "A key without rotation", enableKeyRotation: false, pendingWindowInDays: 30 });

// aws-sg-ingress: SSH from the internet (egress stays inside the VPC).
new native.ec2.SecurityGroup("native-ssh-open", {
    groupDescription: "SSH from anywhere",
    securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }],
    securityGroupEgress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "10.0.0.0/16" }],
    tags: phi,
});

// aws-sg-egress: no egress rules, so CloudFormation keeps EC2's default rule to 0.0.0.0/0.
new native.ec2.SecurityGroup("native-default-egress", { groupDescription: "Relies on the default egress rule", tags: phi });

// aws-rds-exposure: a publicly accessible PostgreSQL instance (encrypted, IAM auth, audit log exported).
new native.rds.DbInstance("native-public-db", {
    engine: "postgres",
    dbInstanceClass: "db.t4g.micro",
    allocatedStorage: "20",
    storageEncrypted: true,
    kmsKeyId: key.arn,
    enableIamDatabaseAuthentication: true,
    enableCloudwatchLogsExports: ["postgresql"],
    publiclyAccessible: true,
    manageMasterUserPassword: true,
    masterUsername: "phiadmin",
    tags: phi,
});

// aws-datastore-cmk: a DynamoDB table on the AWS-owned key.
new native.dynamodb.Table("native-claims", {
    keySchema: [{ attributeName: "id", keyType: "HASH" }],
    attributeDefinitions: [{ attributeName: "id", attributeType: "S" }],
    billingMode: "PAY_PER_REQUEST",
    sseSpecification: { sseEnabled: false },
    tags: phi,
});

// aws-logs-retention: application logs kept for 30 days (encrypted with the CMK).
new native.logs.LogGroup("native-app-logs", { retentionInDays: 30, kmsKeyId: key.arn });

// aws-lambda-url-auth: a function URL that accepts unauthenticated requests.
new native.lambda.Url("native-public-url", { targetFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:claims-api`, authType: "NONE" });

// A queue encrypted with the CMK: aws-datastore-cmk judges it and it passes (aws-native-more.ts holds the failing forms).
new native.sqs.Queue("native-claims-queue", { kmsMasterKeyId: key.arn });
