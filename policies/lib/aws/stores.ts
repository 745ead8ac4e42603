import { types } from "../type-tokens";

/**
 * The one AWS PHI-store catalog: every resource type that holds data which may be PHI, with how it
 * declares encryption at rest. Threat detection, customer-managed-key and every other store check
 * read it, so Redshift, DocumentDB, Neptune and OpenSearch are stores for all of them.
 */

/** Buckets under every token they have had: v7 `Bucket`, v6 `BucketV2` (an alias of it in v7). */
export const S3_BUCKETS = types("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2");

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
};

/** Every resource that holds data and may therefore hold PHI (scoped further by ctx.isPhi). */
export const AWS_PHI_STORES = types(...Object.keys(AWS_STORE_ENCRYPTION));

/** Stores whose encryption is a property of the resource itself (not buckets). */
export const AWS_ENCRYPTED_STORES = types(...Object.keys(AWS_STORE_ENCRYPTION).filter((t) => AWS_STORE_ENCRYPTION[t] !== "buckets"));
