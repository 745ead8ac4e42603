import { types } from "../type-tokens";

/**
 * The one AWS PHI-store catalog: every resource type that holds data which may be PHI, with how it
 * declares encryption at rest. Threat detection, customer-managed-key and every other store check
 * read it, so Redshift, DocumentDB, Neptune and OpenSearch are stores for all of them.
 */

/**
 * Buckets under every token they have had: v7 `Bucket`, v6 `BucketV2` (an alias of it in v7), and
 * the aws-native (CloudFormation-shaped) `aws-native:s3:Bucket`, which the S3 readers read in its own shape.
 */
export const S3_BUCKETS = types("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws-native:s3:Bucket");

/** Whether a resource comes from the aws-native provider, whose properties are CloudFormation's (read by the same readers). */
export const isAwsNative = (type: string): boolean => type.startsWith("aws-native:");

/**
 * The aws-native stores, with their CloudFormation-shaped encryption properties (read from the
 * @pulumi/aws-native 1.79 type definitions): judged by the same controls as the @pulumi/aws ones.
 */
const AWS_NATIVE_STORE_ENCRYPTION: Readonly<Record<string, readonly EncryptionShape[] | "buckets">> = {
    "aws-native:s3:Bucket": "buckets",
    "aws-native:rds:DbInstance": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws-native:rds:DbCluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws-native:dynamodb:Table": [{ flag: "sseSpecification.sseEnabled", key: "sseSpecification.kmsMasterKeyId" }],
};

/** How a store declares encryption at rest: an optional on/off flag and the key property, as paths (`a.b[2].c`). */
export interface EncryptionShape {
    flag?: string;
    key: string;
}

/**
 * Stores by type, with their encryption shapes. Buckets have their own encryption control (inline
 * and standalone configurations); EC2 instances list their block devices (see ec2 below).
 */
export const AWS_STORE_ENCRYPTION: Readonly<Record<string, readonly EncryptionShape[] | "buckets" | "ec2">> = {
    "aws:s3/bucket:Bucket": "buckets",
    "aws:s3/bucketV2:BucketV2": "buckets",
    "aws:rds/instance:Instance": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws:rds/cluster:Cluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws:dynamodb/table:Table": [{ flag: "serverSideEncryption.enabled", key: "serverSideEncryption.kmsKeyArn" }],
    "aws:efs/fileSystem:FileSystem": [{ flag: "encrypted", key: "kmsKeyId" }],
    // Redshift encrypts new clusters by default since 2025; the key decides whose key it is.
    "aws:redshift/cluster:Cluster": [{ key: "kmsKeyId" }],
    "aws:redshiftserverless/namespace:Namespace": [{ key: "kmsKeyId" }],
    "aws:docdb/cluster:Cluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws:neptune/cluster:Cluster": [{ flag: "storageEncrypted", key: "kmsKeyArn" }],
    "aws:opensearch/domain:Domain": [{ flag: "encryptAtRest.enabled", key: "encryptAtRest.kmsKeyId" }],
    "aws:ebs/volume:Volume": [{ flag: "encrypted", key: "kmsKeyId" }],
    "aws:ec2/instance:Instance": "ec2",
    "aws:sns/topic:Topic": [{ key: "kmsMasterKeyId" }],
    "aws:sqs/queue:Queue": [{ key: "kmsMasterKeyId" }],
    "aws:secretsmanager/secret:Secret": [{ key: "kmsKeyId" }],
    "aws:backup/vault:Vault": [{ key: "kmsKeyArn" }],
    ...AWS_NATIVE_STORE_ENCRYPTION,
};

/** Every resource that holds data and may therefore hold PHI (scoped further by ctx.isPhi). */
export const AWS_PHI_STORES = types(...Object.keys(AWS_STORE_ENCRYPTION));

/**
 * The stores of the catalog that keep records at rest and serve them in bulk (objects, rows, items,
 * documents, files, search indexes): where an insider reads PHI wholesale, so where threat detection
 * must watch. Topics, queues, secrets, volumes and backup vaults are stores for encryption, not this.
 */
export const AWS_RECORD_STORES = types(
    ...S3_BUCKETS.canonical,
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:dynamodb/table:Table",
    "aws:efs/fileSystem:FileSystem",
    "aws:redshift/cluster:Cluster",
    "aws:redshiftserverless/namespace:Namespace",
    "aws:docdb/cluster:Cluster",
    "aws:neptune/cluster:Cluster",
    "aws:opensearch/domain:Domain",
    ...Object.keys(AWS_NATIVE_STORE_ENCRYPTION),
);

/*
 * Bucket companions. In @pulumi/aws v7 a bucket's public access block, ACL, policy, versioning,
 * logging, object lock and default encryption are separate resources that point at the bucket
 * through their `bucket` input; they are in PHI scope exactly when their bucket is.
 */
export const S3_PUBLIC_ACCESS_BLOCKS = types("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
export const S3_ACLS = types("aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2");
export const S3_POLICIES = types("aws:s3/bucketPolicy:BucketPolicy", "aws-native:s3:BucketPolicy");
export const S3_VERSIONINGS = types("aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2");
export const S3_LOGGINGS = types("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2");
export const S3_OBJECT_LOCKS = types(
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
);
export const S3_SSE_CONFIGURATIONS = types(
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
);

/** Resources that belong to one AWS PHI store and take its PHI scope, with the property that names the store. */
export const AWS_PHI_COMPANIONS: Readonly<Record<string, string>> = Object.fromEntries(
    [S3_PUBLIC_ACCESS_BLOCKS, S3_ACLS, S3_POLICIES, S3_VERSIONINGS, S3_LOGGINGS, S3_OBJECT_LOCKS, S3_SSE_CONFIGURATIONS].flatMap((set) => set.canonical.map((t) => [t, "bucket"])),
);

/** Stores whose encryption is a property of the resource itself (not buckets). */
export const AWS_ENCRYPTED_STORES = types(...Object.keys(AWS_STORE_ENCRYPTION).filter((t) => AWS_STORE_ENCRYPTION[t] !== "buckets"));
