import { canonicalType, types } from "../type-tokens";
import { isKnownService } from "./actions";
import { at, isUnknown, PlainObject, Unknown, UNKNOWN } from "../values";

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
 * How a store declares encryption at rest, as paths (`a.b[2].c`), with the provider's defaults
 * (@pulumi/aws 7.48 type definitions). Three states follow from it: not encrypted, encrypted with an
 * AWS-owned or AWS-managed key, encrypted with a customer-managed key.
 */
export interface EncryptionShape {
    /** The switch for encryption at rest; absent where the service always encrypts. */
    flag?: string;
    /** What an unset switch means: the provider's documented default (false unless given), or a function of other inputs. */
    flagDefault?: boolean | ((props: PlainObject) => boolean | Unknown);
    /** For a switch that names a mode (Kinesis `KMS` / `NONE`), the modes that mean encryption is on; any other means off. */
    onModes?: readonly string[];
    /** A property that says whose key encrypts (Firehose keyType): the values that mean a customer-managed key; any other, or none, means an AWS-owned or AWS-managed one. */
    keyKind?: { path: string; customer: readonly (string | boolean)[] };
    /** The property that names the KMS key. */
    key: string;
    /** What is true when the switch is off, where "not encrypted at rest" would not be. */
    offMeans?: string;
    /** The shape applies only when this input is set (a mode the store may be in). */
    onlyIf?: string;
    /** The shape does not apply when one of these inputs is set (the data is kept elsewhere in that mode). */
    unless?: readonly string[];
    /** A switch (default true) that makes the setting binding: false lets each client choose its own, unencrypted included. */
    enforcedBy?: string;
}

/** ElastiCache: at-rest encryption defaults to off for the `redis` engine (the default engine) and on for `valkey`. */
function elasticacheAtRestDefault(props: PlainObject): boolean | Unknown {
    const engine = at(props, "engine");
    if (isUnknown(engine)) return UNKNOWN;
    return typeof engine === "string" && engine.trim().toLowerCase() === "valkey";
}

/** An EBS volume that does not ask for encryption is encrypted only where the account turns on EBS encryption by default, which the program does not show. */
export const EBS_NOT_REQUESTED = "encryption is not requested, so the volume is encrypted only if the account's EBS encryption by default is on";

const GLUE_SETTINGS = "dataCatalogEncryptionSettings";
const GLUE_CATALOG_ON = ["SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE"];
const GLUE_PASSWORDS_PLAIN = "connection passwords (the credentials of the data stores Glue reads) are returned in plain text";
const FIREHOSE_BUFFER_PLAIN = "records are not encrypted at rest while Firehose buffers them";
const FIREHOSE_NATIVE_SSE = "deliveryStreamEncryptionConfigurationInput";

/**
 * Athena query results go to the S3 output location, encrypted as the workgroup says, or to
 * Athena-managed storage. The two providers name the same settings differently: the workgroup's
 * configuration block, the key of the results, the switch that binds clients to the setting.
 */
function athenaResults(configuration: string, resultKey: string, enforce: string): EncryptionShape[] {
    const managed = `${configuration}.managedQueryResultsConfiguration`;
    const results = `${configuration}.resultConfiguration.encryptionConfiguration`;
    return [
        {
            flag: `${results}.encryptionOption`,
            onModes: ["SSE_S3", "SSE_KMS", "CSE_KMS"],
            keyKind: { path: `${results}.encryptionOption`, customer: ["SSE_KMS", "CSE_KMS"] },
            key: `${results}.${resultKey}`,
            offMeans: "the workgroup does not encrypt query results, so they get only the output bucket's default encryption",
            unless: [`${managed}.enabled`],
            enforcedBy: `${configuration}.${enforce}`,
        },
        { key: `${managed}.encryptionConfiguration.kmsKey`, onlyIf: `${managed}.enabled` },
    ];
}

/**
 * The aws-native stores, with their CloudFormation-shaped encryption properties (read from the
 * @pulumi/aws-native 1.79 type definitions): judged by the same controls as the @pulumi/aws ones.
 */
const AWS_NATIVE_STORE_ENCRYPTION: Readonly<Record<string, readonly EncryptionShape[] | "buckets">> = {
    "aws-native:s3:Bucket": "buckets",
    "aws-native:rds:DbInstance": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws-native:rds:DbCluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    // As for @pulumi/aws: DynamoDB always encrypts; sseEnabled true chooses a KMS key, off an AWS-owned one.
    "aws-native:dynamodb:Table": [{ keyKind: { path: "sseSpecification.sseEnabled", customer: [true] }, key: "sseSpecification.kmsMasterKeyId" }],
    "aws-native:efs:FileSystem": [{ flag: "encrypted", key: "kmsKeyId" }],
    // As for @pulumi/aws: only kmsMasterKeyId names a customer-managed key (sqsManagedSseEnabled is SQS's own key).
    "aws-native:sns:Topic": [{ key: "kmsMasterKeyId" }],
    "aws-native:sqs:Queue": [{ key: "kmsMasterKeyId" }],
    "aws-native:secretsmanager:Secret": [{ key: "kmsKeyId" }],
    // As their @pulumi/aws forms above: Redshift encrypts new clusters by default; ElastiCache's default
    // depends on the engine; MemoryDB, Backup and SageMaker always encrypt and the key says whose key.
    "aws-native:redshift:Cluster": [{ flag: "encrypted", flagDefault: true, key: "kmsKeyId" }],
    "aws-native:neptune:DbCluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws-native:opensearchservice:Domain": [{ flag: "encryptionAtRestOptions.enabled", key: "encryptionAtRestOptions.kmsKeyId" }],
    "aws-native:kinesis:Stream": [{ flag: "streamEncryption.encryptionType", onModes: ["KMS"], key: "streamEncryption.keyId" }],
    "aws-native:elasticache:ReplicationGroup": [{ flag: "atRestEncryptionEnabled", flagDefault: elasticacheAtRestDefault, key: "kmsKeyId" }],
    "aws-native:memorydb:Cluster": [{ key: "kmsKeyId" }],
    "aws-native:backup:BackupVault": [{ key: "encryptionKeyArn" }],
    "aws-native:ec2:Volume": [{ flag: "encrypted", key: "kmsKeyId", offMeans: EBS_NOT_REQUESTED }],
    "aws-native:sagemaker:NotebookInstance": [{ key: "kmsKeyId" }],
    "aws-native:sagemaker:Domain": [{ key: "kmsKeyId" }],
    "aws-native:redshiftserverless:Namespace": [{ key: "kmsKeyId" }],
    // CloudFormation turns buffer encryption on with the configuration itself, whose keyType is required.
    "aws-native:kinesisfirehose:DeliveryStream": [
        {
            flag: `${FIREHOSE_NATIVE_SSE}.keyType`,
            onModes: ["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"],
            keyKind: { path: `${FIREHOSE_NATIVE_SSE}.keyType`, customer: ["CUSTOMER_MANAGED_CMK"] },
            key: `${FIREHOSE_NATIVE_SSE}.keyArn`,
            offMeans: FIREHOSE_BUFFER_PLAIN,
            unless: ["kinesisStreamSourceConfiguration", "mskSourceConfiguration"],
        },
    ],
    "aws-native:glue:DataCatalogEncryptionSettings": [
        { flag: `${GLUE_SETTINGS}.encryptionAtRest.catalogEncryptionMode`, onModes: GLUE_CATALOG_ON, key: `${GLUE_SETTINGS}.encryptionAtRest.sseAwsKmsKeyId` },
        { flag: `${GLUE_SETTINGS}.connectionPasswordEncryption.returnConnectionPasswordEncrypted`, key: `${GLUE_SETTINGS}.connectionPasswordEncryption.kmsKeyId`, offMeans: GLUE_PASSWORDS_PLAIN },
    ],
    "aws-native:athena:WorkGroup": athenaResults("workGroupConfiguration", "kmsKey", "enforceWorkGroupConfiguration"),
};

/**
 * Stores by type, with their encryption shapes. Buckets have their own encryption control (inline
 * and standalone configurations); EC2 instances list their block devices (see ec2 below).
 */
export const AWS_STORE_ENCRYPTION: Readonly<Record<string, readonly EncryptionShape[] | "buckets" | "ec2">> = {
    "aws:s3/bucket:Bucket": "buckets",
    "aws:s3/bucketV2:BucketV2": "buckets",
    "aws:rds/instance:Instance": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws:rds/cluster:Cluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    // DynamoDB always encrypts: serverSideEncryption.enabled true chooses a KMS key (aws/dynamodb unless kmsKeyArn names one); off, an AWS-owned key.
    "aws:dynamodb/table:Table": [{ keyKind: { path: "serverSideEncryption.enabled", customer: [true] }, key: "serverSideEncryption.kmsKeyArn" }],
    "aws:efs/fileSystem:FileSystem": [{ flag: "encrypted", key: "kmsKeyId" }],
    // Redshift encrypts new clusters by default since 2025 (`encrypted`, a string, defaults to "true"); the key decides whose key it is.
    "aws:redshift/cluster:Cluster": [{ flag: "encrypted", flagDefault: true, key: "kmsKeyId" }],
    "aws:redshiftserverless/namespace:Namespace": [{ key: "kmsKeyId" }],
    "aws:docdb/cluster:Cluster": [{ flag: "storageEncrypted", key: "kmsKeyId" }],
    "aws:neptune/cluster:Cluster": [{ flag: "storageEncrypted", key: "kmsKeyArn" }],
    "aws:opensearch/domain:Domain": [{ flag: "encryptAtRest.enabled", key: "encryptAtRest.kmsKeyId" }],
    // The Elasticsearch-era resource for the same service: a program can declare the domain through it instead.
    "aws:elasticsearch/domain:Domain": [{ flag: "encryptAtRest.enabled", key: "encryptAtRest.kmsKeyId" }],
    "aws:ebs/volume:Volume": [{ flag: "encrypted", key: "kmsKeyId", offMeans: EBS_NOT_REQUESTED }],
    "aws:ec2/instance:Instance": "ec2",
    "aws:sns/topic:Topic": [{ key: "kmsMasterKeyId" }],
    "aws:sqs/queue:Queue": [{ key: "kmsMasterKeyId" }],
    "aws:secretsmanager/secret:Secret": [{ key: "kmsKeyId" }],
    "aws:backup/vault:Vault": [{ key: "kmsKeyArn" }],
    "aws:kinesis/stream:Stream": [{ flag: "encryptionType", onModes: ["KMS"], key: "kmsKeyId" }],
    // Firehose encrypts what it buffers only for Direct PUT sources; fed by a Kinesis stream or MSK, the source keeps the data.
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": [
        {
            flag: "serverSideEncryption.enabled",
            keyKind: { path: "serverSideEncryption.keyType", customer: ["CUSTOMER_MANAGED_CMK"] },
            key: "serverSideEncryption.keyArn",
            offMeans: FIREHOSE_BUFFER_PLAIN,
            unless: ["kinesisSourceConfiguration", "mskSourceConfiguration"],
        },
    ],
    "aws:elasticache/replicationGroup:ReplicationGroup": [{ flag: "atRestEncryptionEnabled", flagDefault: elasticacheAtRestDefault, key: "kmsKeyId" }],
    "aws:memorydb/cluster:Cluster": [{ key: "kmsKeyArn" }],
    "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings": [
        { flag: `${GLUE_SETTINGS}.encryptionAtRest.catalogEncryptionMode`, onModes: GLUE_CATALOG_ON, key: `${GLUE_SETTINGS}.encryptionAtRest.sseAwsKmsKeyId` },
        { flag: `${GLUE_SETTINGS}.connectionPasswordEncryption.returnConnectionPasswordEncrypted`, key: `${GLUE_SETTINGS}.connectionPasswordEncryption.awsKmsKeyId`, offMeans: GLUE_PASSWORDS_PLAIN },
    ],
    "aws:athena/workgroup:Workgroup": athenaResults("configuration", "kmsKeyArn", "enforceWorkgroupConfiguration"),
    // SageMaker always encrypts the notebook's ML storage volume and the domain's EFS volume; kmsKeyId chooses whose key.
    "aws:sagemaker/notebookInstance:NotebookInstance": [{ key: "kmsKeyId" }],
    "aws:sagemaker/domain:Domain": [{ key: "kmsKeyId" }],
    ...AWS_NATIVE_STORE_ENCRYPTION,
};

/** Every resource that holds data and may therefore hold PHI (scoped further by ctx.isPhi). */
export const AWS_PHI_STORES = types(...Object.keys(AWS_STORE_ENCRYPTION));

/**
 * The IAM services whose actions reach a store: the provider module's name when IAM knows it as a
 * service prefix (`aws:kinesis/stream:Stream` -> kinesis, glue, athena, sagemaker, ...); listed here
 * only where the prefix differs, or where the store's data is also reached through a data API or a
 * database sign-in service. What each action allows comes from the one action table (lib/aws/actions).
 */
const IAM_SERVICES_BY_MODULE: Readonly<Record<string, readonly string[]>> = {
    rds: ["rds", "rds-db", "rds-data"],
    efs: ["elasticfilesystem"],
    redshift: ["redshift", "redshift-data"],
    redshiftserverless: ["redshift-serverless", "redshift-data"],
    docdb: ["rds", "docdb-elastic"],
    neptune: ["neptune-db", "rds"],
    opensearch: ["es"],
    // aws-native's module for OpenSearch domains.
    opensearchservice: ["es"],
    // aws-native's module for Firehose delivery streams.
    kinesisfirehose: ["firehose"],
    elasticsearch: ["es"],
    ebs: ["ec2", "ebs"],
};
const IAM_SERVICES_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": ["firehose"],
    // aws-native keeps volumes in its ec2 module; their data is read as @pulumi/aws's ebs volumes are.
    "aws-native:ec2:Volume": ["ec2", "ebs"],
};

/**
 * Stores whose data no IAM action reads: DocumentDB is read through its own database users (IAM
 * reaches it only to change or administer the cluster). An SNS topic delivers to the subscriptions
 * of the program (TopicSubscription resources); sns:Subscribe is not counted as a read because AWS
 * managed policies grant it on their own notification topics (AWSCodeCommitPowerUser on
 * `codecommit*`), which would make every holder a PHI reader. Every other store type has a read action.
 */
export const AWS_STORES_READ_OUTSIDE_IAM = types("aws:docdb/cluster:Cluster", "aws:sns/topic:Topic", "aws-native:sns:Topic");

/** The IAM service prefixes whose actions reach a store type (any alias of its token); empty for anything else. */
export function awsStoreServices(type: string): readonly string[] {
    const t = canonicalType(type);
    const own = IAM_SERVICES_BY_TYPE[t];
    if (own) return own;
    const module = /^aws(?:-native)?:([^/:]+)/.exec(t)?.[1] ?? "";
    return IAM_SERVICES_BY_MODULE[module] ?? (isKnownService(module) ? [module] : []);
}

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
    "aws:elasticsearch/domain:Domain",
    "aws-native:rds:DbInstance",
    "aws-native:rds:DbCluster",
    "aws-native:dynamodb:Table",
    "aws-native:efs:FileSystem",
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

/** Objects a program uploads into a bucket (v7 `BucketObjectv2`, and the older `BucketObject`): they hold what the bucket holds. */
export const S3_OBJECTS = types("aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2");

/** Resources that belong to one AWS PHI store and take its PHI scope, with the property that names the store. */
export const AWS_PHI_COMPANIONS: Readonly<Record<string, string>> = Object.fromEntries(
    [S3_PUBLIC_ACCESS_BLOCKS, S3_ACLS, S3_POLICIES, S3_VERSIONINGS, S3_LOGGINGS, S3_OBJECT_LOCKS, S3_SSE_CONFIGURATIONS, S3_OBJECTS].flatMap((set) => set.canonical.map((t) => [t, "bucket"])),
);

/** Stores whose encryption is a property of the resource itself (not buckets). */
export const AWS_ENCRYPTED_STORES = types(...Object.keys(AWS_STORE_ENCRYPTION).filter((t) => AWS_STORE_ENCRYPTION[t] !== "buckets"));
