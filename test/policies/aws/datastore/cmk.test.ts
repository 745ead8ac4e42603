import { strict as assert } from "assert";
import { awsDatastoreCmk as control } from "../../../../policies/aws/datastore/cmk";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const CMK = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** Each store in its compliant form, with the property path that must name the key. */
const STORES: [string, Record<string, unknown>, string][] = [
    ["aws:rds/instance:Instance", { storageEncrypted: true, kmsKeyId: CMK, engine: "postgres" }, "kmsKeyId"],
    ["aws:rds/cluster:Cluster", { storageEncrypted: true, kmsKeyId: CMK, engine: "aurora-postgresql" }, "kmsKeyId"],
    ["aws:dynamodb/table:Table", { serverSideEncryption: { enabled: true, kmsKeyArn: CMK } }, "serverSideEncryption.kmsKeyArn"],
    ["aws:ebs/volume:Volume", { encrypted: true, kmsKeyId: CMK, availabilityZone: "us-east-1a" }, "kmsKeyId"],
    ["aws:sns/topic:Topic", { kmsMasterKeyId: CMK }, "kmsMasterKeyId"],
    ["aws:sqs/queue:Queue", { kmsMasterKeyId: CMK }, "kmsMasterKeyId"],
    ["aws:secretsmanager/secret:Secret", { kmsKeyId: CMK }, "kmsKeyId"],
    ["aws:efs/fileSystem:FileSystem", { encrypted: true, kmsKeyId: CMK }, "kmsKeyId"],
    // The aws-native (CloudFormation-shaped) forms, with the property names of the @pulumi/aws-native 1.79 Args types.
    ["aws-native:sqs:Queue", { kmsMasterKeyId: CMK }, "kmsMasterKeyId"],
    ["aws-native:sns:Topic", { kmsMasterKeyId: CMK }, "kmsMasterKeyId"],
    ["aws-native:secretsmanager:Secret", { kmsKeyId: CMK }, "kmsKeyId"],
    ["aws-native:efs:FileSystem", { encrypted: true, kmsKeyId: CMK }, "kmsKeyId"],
    ["aws-native:redshift:Cluster", { encrypted: true, kmsKeyId: CMK, nodeType: "ra3.xlplus" }, "kmsKeyId"],
    ["aws-native:neptune:DbCluster", { storageEncrypted: true, kmsKeyId: CMK }, "kmsKeyId"],
    ["aws-native:opensearchservice:Domain", { encryptionAtRestOptions: { enabled: true, kmsKeyId: CMK } }, "encryptionAtRestOptions.kmsKeyId"],
    ["aws-native:kinesis:Stream", { streamEncryption: { encryptionType: "KMS", keyId: CMK } }, "streamEncryption.keyId"],
    ["aws-native:elasticache:ReplicationGroup", { atRestEncryptionEnabled: true, kmsKeyId: CMK, replicationGroupDescription: "sessions" }, "kmsKeyId"],
    ["aws-native:memorydb:Cluster", { kmsKeyId: CMK, nodeType: "db.r6g.large" }, "kmsKeyId"],
    ["aws-native:backup:BackupVault", { encryptionKeyArn: CMK, backupVaultName: "claims" }, "encryptionKeyArn"],
    ["aws-native:ec2:Volume", { encrypted: true, kmsKeyId: CMK, availabilityZone: "us-east-1a" }, "kmsKeyId"],
    ["aws-native:sagemaker:NotebookInstance", { kmsKeyId: CMK, instanceType: "ml.t3.medium" }, "kmsKeyId"],
    ["aws-native:sagemaker:Domain", { kmsKeyId: CMK, domainName: "claims" }, "kmsKeyId"],
    ["aws-native:redshiftserverless:Namespace", { kmsKeyId: CMK, namespaceName: "claims" }, "kmsKeyId"],
    ["aws-native:kinesisfirehose:DeliveryStream", { deliveryStreamEncryptionConfigurationInput: { keyType: "CUSTOMER_MANAGED_CMK", keyArn: CMK } }, "deliveryStreamEncryptionConfigurationInput.keyArn"],
    [
        "aws-native:athena:WorkGroup",
        { workGroupConfiguration: { resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: CMK } } } },
        "workGroupConfiguration.resultConfiguration.encryptionConfiguration.kmsKey",
    ],
    ["aws:backup/vault:Vault", { kmsKeyArn: CMK }, "kmsKeyArn"],
    ["aws:ec2/instance:Instance", { rootBlockDevice: { encrypted: true, kmsKeyId: CMK } }, "rootBlockDevice.kmsKeyId"],
    ["aws:redshift/cluster:Cluster", { encrypted: "true", kmsKeyId: CMK, nodeType: "ra3.xlplus" }, "kmsKeyId"],
    ["aws:redshiftserverless/namespace:Namespace", { kmsKeyId: CMK, namespaceName: "claims" }, "kmsKeyId"],
    ["aws:opensearch/domain:Domain", { encryptAtRest: { enabled: true, kmsKeyId: CMK } }, "encryptAtRest.kmsKeyId"],
    ["aws:elasticsearch/domain:Domain", { encryptAtRest: { enabled: true, kmsKeyId: CMK } }, "encryptAtRest.kmsKeyId"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", { atRestEncryptionEnabled: true, kmsKeyId: CMK, description: "sessions" }, "kmsKeyId"],
    ["aws:docdb/cluster:Cluster", { storageEncrypted: true, kmsKeyId: CMK }, "kmsKeyId"],
    ["aws:neptune/cluster:Cluster", { storageEncrypted: true, kmsKeyArn: CMK }, "kmsKeyArn"],
    ["aws:memorydb/cluster:Cluster", { kmsKeyArn: CMK, nodeType: "db.t4g.small" }, "kmsKeyArn"],
    ["aws:kinesis/stream:Stream", { encryptionType: "KMS", kmsKeyId: CMK, shardCount: 1 }, "kmsKeyId"],
    ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: CMK } }, "serverSideEncryption.keyArn"],
    ["aws:sagemaker/notebookInstance:NotebookInstance", { kmsKeyId: CMK, instanceType: "ml.t3.medium" }, "kmsKeyId"],
    ["aws:sagemaker/domain:Domain", { kmsKeyId: CMK, authMode: "IAM" }, "kmsKeyId"],
    [
        "aws:athena/workgroup:Workgroup",
        { configuration: { resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: CMK } } } },
        "configuration.resultConfiguration.encryptionConfiguration.kmsKeyArn",
    ],
];

const GLUE = {
    dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: CMK },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: CMK },
    },
};
const GLUE_TYPE = "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings";
const AT_REST = "dataCatalogEncryptionSettings.encryptionAtRest";
const PASSWORDS = "dataCatalogEncryptionSettings.connectionPasswordEncryption";
const ATHENA_TYPE = "aws:athena/workgroup:Workgroup";
const RESULTS = "configuration.resultConfiguration.encryptionConfiguration";
const FIREHOSE_TYPE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

/** The message of the one finding a run gave. */
async function onlyMessage(type: string, props: Record<string, unknown>): Promise<string> {
    const r = await runResource(control, { type, props });
    assert.equal(r.violations.length, 1, r.violations.join("\n"));
    return r.violations[0];
}

function without(props: Record<string, unknown>, path: string): Record<string, unknown> {
    const copy = structuredClone(props);
    const parts = path.split(".");
    let cur: any = copy;
    for (const p of parts.slice(0, -1)) cur = cur[p];
    delete cur[parts[parts.length - 1]];
    return copy;
}

function withValue(props: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
    const copy = structuredClone(props);
    const parts = path.split(".");
    let cur: any = copy;
    for (const p of parts.slice(0, -1)) cur = cur[p];
    cur[parts[parts.length - 1]] = value;
    return copy;
}

describe("aws-datastore-cmk", () => {
    for (const [type, props, keyPath] of STORES) {
        const service = type.split(":")[1].split("/")[0];
        const label = type.startsWith("aws-native:") ? type : type.split(":")[1];
        it(`passes ${label} with a customer-managed key`, async () => {
            assert.deepEqual(await runResource(control, { type, props }), { violations: [], unverified: [], urns: [] });
        });
        it(`flags ${label} without a key at ${keyPath}`, async () => {
            const r = await runResource(control, { type, props: without(props, keyPath) });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`at ${keyPath.replace(/\./g, "\\.")}:`));
            assert.match(r.violations[0], /encrypted with an AWS-owned or AWS-managed key, not a customer-managed one/);
        });
        it(`flags ${label} with an AWS-managed alias/aws key`, async () => {
            const r = await runResource(control, { type, props: withValue(props, keyPath, `arn:aws:kms:us-east-1:111122223333:alias/aws/${service}`) });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /encrypted with an AWS-managed alias\/aws\/\* key, not a customer-managed one/);
        });
        it(`accepts ${label} with a key id unknown at preview`, async () => {
            assert.deepEqual((await runResource(control, { type, props: withValue(props, keyPath, unknown) })).violations, []);
        });
    }

    for (const [type, flag] of [
        ["aws:docdb/cluster:Cluster", "storageEncrypted"],
        ["aws:redshift/cluster:Cluster", "encrypted"],
        ["aws:elasticache/replicationGroup:ReplicationGroup", "atRestEncryptionEnabled"],
        ["aws:rds/instance:Instance", "storageEncrypted"],
        ["aws:rds/cluster:Cluster", "storageEncrypted"],
        ["aws:ebs/volume:Volume", "encrypted"],
        ["aws:efs/fileSystem:FileSystem", "encrypted"],
        ["aws-native:efs:FileSystem", "encrypted"],
        ["aws-native:redshift:Cluster", "encrypted"],
        ["aws-native:neptune:DbCluster", "storageEncrypted"],
        ["aws-native:elasticache:ReplicationGroup", "atRestEncryptionEnabled"],
        ["aws-native:ec2:Volume", "encrypted"],
    ]) {
        it(`flags ${type.split(":")[1]} with ${flag} false even when a key is named, and an unknown flag as unverified`, async () => {
            const off = await runResource(control, { type, props: { [flag]: false, kmsKeyId: CMK } });
            assert.equal(off.violations.length, 1);
            assert.match(off.violations[0], type === "aws:ebs/volume:Volume" || type === "aws-native:ec2:Volume" ? /encryption is not requested, so the volume is encrypted only if the account's EBS encryption by default is on at encrypted/ : new RegExp(`not encrypted at rest at ${flag}`));
            const unk = await runResource(control, { type, props: { [flag]: unknown, kmsKeyId: CMK } });
            assert.deepEqual(unk.violations, []);
            assert.equal(unk.unverified.length, 1);
        });
    }

    it("judges the aws-native queue, topic, secret and file system next to their @pulumi/aws forms, exactly, without echoing a secret value", async () => {
        const stores: [string, Record<string, unknown>, string][] = [
            ["aws:sqs/queue:Queue", {}, "kmsMasterKeyId"],
            ["aws-native:sqs:Queue", { sqsManagedSseEnabled: true }, "kmsMasterKeyId"],
            ["aws:sns/topic:Topic", {}, "kmsMasterKeyId"],
            ["aws-native:sns:Topic", { topicName: "claims-events" }, "kmsMasterKeyId"],
            ["aws:secretsmanager/secret:Secret", {}, "kmsKeyId"],
            ["aws-native:secretsmanager:Secret", { secretString: secret("hunter2-db-password") }, "kmsKeyId"],
            ["aws:efs/fileSystem:FileSystem", { encrypted: false }, "encrypted"],
            ["aws-native:efs:FileSystem", { encrypted: false, kmsKeyId: CMK }, "encrypted"],
        ];
        for (const [type, props, at] of stores) {
            const r = await runResource(control, { type, name: "store", props });
            const urn = `urn:pulumi:test::test::${type}::store`;
            assertFindings(r, [{ at, urn }], urn);
            assert.doesNotMatch(r.violations.join("\n"), /hunter2/);
        }
    });

    it("reads an aws-native file system's PHI tag from fileSystemTags, CloudFormation's name for its tags", async () => {
        const fs = (value: string) => ({ type: "aws-native:efs:FileSystem", name: "fs", props: { encrypted: true, fileSystemTags: [{ key: "data-classification", value }] } });
        const urn = "urn:pulumi:test::test::aws-native:efs:FileSystem::fs";
        assertFindings(await runResource(control, fs("phi"), { settings: { phiScope: "tagged" } }), [{ at: "kmsKeyId", urn }], urn);
        assertFindings(await runResource(control, fs("public"), { settings: { phiScope: "unless-non-phi" } }), []);
    });

    it("says a DynamoDB table without a serverSideEncryption block is encrypted with an AWS-owned key, not that it is unencrypted", async () => {
        const r = await runResource(control, { type: "aws:dynamodb/table:Table", props: { hashKey: "id" } });
        assertFindings(r, [{ at: "serverSideEncryption.enabled" }]);
        assert.match(r.violations[0], /encrypted with an AWS-owned or AWS-managed key, not a customer-managed one at serverSideEncryption\.enabled/);
        assert.doesNotMatch(r.violations[0], /not encrypted/);
        const off = await runResource(control, { type: "aws:dynamodb/table:Table", props: { serverSideEncryption: { enabled: false, kmsKeyArn: CMK } } });
        assertFindings(off, [{ at: "serverSideEncryption.enabled" }]);
        const unk = await runResource(control, { type: "aws:dynamodb/table:Table", props: { serverSideEncryption: { enabled: unknown, kmsKeyArn: CMK } } });
        assertFindings(unk, [{ at: "serverSideEncryption.enabled", outcome: "unverified" }]);
    });

    it("passes a Redshift cluster that leaves encrypted at its default (true) with a customer-managed key, and says an unset key is AWS-managed", async () => {
        assertFindings(await runResource(control, { type: "aws:redshift/cluster:Cluster", props: { kmsKeyId: CMK } }), []);
        assert.match(await onlyMessage("aws:redshift/cluster:Cluster", {}), /encrypted with an AWS-owned or AWS-managed key, not a customer-managed one \(no key is named\) at kmsKeyId/);
        assert.match(await onlyMessage("aws:redshift/cluster:Cluster", { encrypted: "false" }), /not encrypted at rest at encrypted/);
    });

    it("takes ElastiCache's default from the engine: off for redis (the default engine), on for valkey, unverified for an unknown engine", async () => {
        const type = "aws:elasticache/replicationGroup:ReplicationGroup";
        assertFindings(await runResource(control, { type, props: { kmsKeyId: CMK } }), [{ at: "atRestEncryptionEnabled" }]);
        assertFindings(await runResource(control, { type, props: { engine: "Redis", kmsKeyId: CMK } }), [{ at: "atRestEncryptionEnabled" }]);
        assertFindings(await runResource(control, { type, props: { engine: "valkey", kmsKeyId: CMK } }), []);
        assertFindings(await runResource(control, { type, props: { engine: "valkey" } }), [{ at: "kmsKeyId" }]);
        assertFindings(await runResource(control, { type, props: { engine: unknown, kmsKeyId: CMK } }), [{ at: "atRestEncryptionEnabled", outcome: "unverified" }]);
    });

    it("reads a Kinesis stream's encryptionType as a mode: NONE (the default) is not encrypted, KMS with alias/aws/kinesis is AWS-managed", async () => {
        const type = "aws:kinesis/stream:Stream";
        assert.match(await onlyMessage(type, { shardCount: 1 }), /not encrypted at rest at encryptionType: set encryptionType to "KMS" and kmsKeyId/);
        assertFindings(await runResource(control, { type, props: { encryptionType: "NONE", kmsKeyId: CMK } }), [{ at: "encryptionType" }]);
        assertFindings(await runResource(control, { type, props: { encryptionType: "kms", kmsKeyId: "alias/aws/kinesis" } }), [{ at: "kmsKeyId" }]);
        assertFindings(await runResource(control, { type, props: { encryptionType: unknown, kmsKeyId: CMK } }), [{ at: "encryptionType", outcome: "unverified" }]);
    });

    it("says a Firehose stream with the AWS-owned key type is AWS-owned, and off is not encrypted while buffered", async () => {
        const sse = (v: Record<string, unknown>) => ({ destination: "extended_s3", serverSideEncryption: v });
        assert.match(await onlyMessage(FIREHOSE_TYPE, sse({ enabled: true })), /AWS-owned or AWS-managed key, not a customer-managed one at serverSideEncryption\.keyType: set serverSideEncryption\.keyType to "CUSTOMER_MANAGED_CMK"/);
        assertFindings(await runResource(control, { type: FIREHOSE_TYPE, props: sse({ enabled: true, keyType: "AWS_OWNED_CMK", keyArn: CMK }) }), [{ at: "serverSideEncryption.keyType" }]);
        assert.match(await onlyMessage(FIREHOSE_TYPE, { destination: "extended_s3" }), /records are not encrypted at rest while Firehose buffers them at serverSideEncryption\.enabled/);
        assertFindings(await runResource(control, { type: FIREHOSE_TYPE, props: sse({ enabled: true, keyType: "CUSTOMER_MANAGED_CMK" }) }), [{ at: "serverSideEncryption.keyArn" }]);
        assertFindings(await runResource(control, { type: FIREHOSE_TYPE, props: sse({ enabled: true, keyType: unknown, keyArn: CMK }) }), [{ at: "serverSideEncryption.keyType", outcome: "unverified" }]);
    });

    it("leaves a Firehose stream fed by a Kinesis stream or MSK to its source, and says when the source is unknown", async () => {
        const source = { streamArn: "arn:aws:kinesis:us-east-1:111122223333:stream/claims", roleArn: "arn:aws:iam::111122223333:role/firehose" };
        assertFindings(await runResource(control, { type: FIREHOSE_TYPE, props: { destination: "extended_s3", kinesisSourceConfiguration: source } }), []);
        assertFindings(await runResource(control, { type: FIREHOSE_TYPE, props: { destination: "extended_s3", mskSourceConfiguration: { mskClusterArn: "arn", topicName: "t" } } }), []);
        assertFindings(await runResource(control, { type: FIREHOSE_TYPE, props: { destination: "extended_s3", kinesisSourceConfiguration: unknown } }), [{ at: "kinesisSourceConfiguration", outcome: "unverified" }]);
    });

    it("judges the Glue Data Catalog at rest and its connection passwords", async () => {
        assertFindings(await runResource(control, { type: GLUE_TYPE, props: GLUE }), []);
        const disabled = withValue(GLUE, `${AT_REST}.catalogEncryptionMode`, "DISABLED");
        assert.match(await onlyMessage(GLUE_TYPE, disabled), /not encrypted at rest at dataCatalogEncryptionSettings\.encryptionAtRest\.catalogEncryptionMode: set .* to "SSE-KMS"/);
        assertFindings(await runResource(control, { type: GLUE_TYPE, props: without(GLUE, `${AT_REST}.sseAwsKmsKeyId`) }), [{ at: `${AT_REST}.sseAwsKmsKeyId` }]);
        const plain = withValue(GLUE, `${PASSWORDS}.returnConnectionPasswordEncrypted`, false);
        assert.match(await onlyMessage(GLUE_TYPE, plain), /connection passwords .* are returned in plain text at dataCatalogEncryptionSettings\.connectionPasswordEncryption\.returnConnectionPasswordEncrypted/);
        assertFindings(await runResource(control, { type: GLUE_TYPE, props: withValue(GLUE, `${AT_REST}.catalogEncryptionMode`, unknown) }), [{ at: `${AT_REST}.catalogEncryptionMode`, outcome: "unverified" }]);
    });

    it("judges Athena query results: none set, SSE_S3 (an S3-managed key), or Athena-managed storage", async () => {
        const results = (encryptionConfiguration?: unknown) => ({
            configuration: { resultConfiguration: { outputLocation: "s3://results/", ...(encryptionConfiguration ? { encryptionConfiguration } : {}) } },
        });
        assert.match(await onlyMessage(ATHENA_TYPE, results()), /the workgroup does not encrypt query results, so they get only the output bucket's default encryption at configuration\.resultConfiguration\.encryptionConfiguration\.encryptionOption: set .* to "SSE_KMS"/);
        assert.match(await onlyMessage(ATHENA_TYPE, results({ encryptionOption: "SSE_S3" })), /AWS-owned or AWS-managed key, not a customer-managed one at configuration\.resultConfiguration\.encryptionConfiguration\.encryptionOption/);
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: results({ encryptionOption: "CSE_KMS", kmsKeyArn: CMK }) }), []);
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: results({ encryptionOption: unknown }) }), [{ at: `${RESULTS}.encryptionOption`, outcome: "unverified" }]);
        const managed = (kmsKey?: unknown) => ({ configuration: { managedQueryResultsConfiguration: { enabled: true, encryptionConfiguration: kmsKey ? { kmsKey } : {} } } });
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: managed(CMK) }), []);
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: managed() }), [{ at: "configuration.managedQueryResultsConfiguration.encryptionConfiguration.kmsKey" }]);
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: { configuration: { managedQueryResultsConfiguration: { enabled: unknown } } } }), [
            { at: "configuration.managedQueryResultsConfiguration.enabled", outcome: "unverified" },
            { at: "configuration.managedQueryResultsConfiguration.enabled", outcome: "unverified" },
        ]);
    });

    it("flags an Athena workgroup whose customer-key results setting clients may override (enforceWorkgroupConfiguration false)", async () => {
        const workgroup = (enforceWorkgroupConfiguration?: unknown) => ({
            configuration: { ...(enforceWorkgroupConfiguration === undefined ? {} : { enforceWorkgroupConfiguration }), resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: CMK } } },
        });
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: workgroup() }), []);
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: workgroup(true) }), []);
        assert.match(await onlyMessage(ATHENA_TYPE, workgroup(false)), /each client may choose its own encryption, or none, .* at configuration\.enforceWorkgroupConfiguration/);
        assertFindings(await runResource(control, { type: ATHENA_TYPE, props: workgroup(unknown) }), [{ at: "configuration.enforceWorkgroupConfiguration", outcome: "unverified" }]);
    });

    it("judges an aws-native Firehose stream as its @pulumi/aws form: no encryption input is plain while buffered, AWS_OWNED_CMK is AWS-owned, a Kinesis source keeps the data", async () => {
        const type = "aws-native:kinesisfirehose:DeliveryStream";
        const sse = "deliveryStreamEncryptionConfigurationInput";
        assert.match(await onlyMessage(type, { deliveryStreamType: "DirectPut" }), new RegExp(`records are not encrypted at rest while Firehose buffers them at ${sse}\\.keyType: set ${sse}\\.keyType to "CUSTOMER_MANAGED_CMK"`));
        assertFindings(await runResource(control, { type, props: { [sse]: { keyType: "AWS_OWNED_CMK" } } }), [{ at: `${sse}.keyType` }]);
        assertFindings(await runResource(control, { type, props: { [sse]: { keyType: "CUSTOMER_MANAGED_CMK" } } }), [{ at: `${sse}.keyArn` }]);
        assertFindings(await runResource(control, { type, props: { [sse]: { keyType: unknown, keyArn: CMK } } }), [{ at: `${sse}.keyType`, outcome: "unverified" }]);
        const source = { kinesisStreamArn: "arn:aws:kinesis:us-east-1:111122223333:stream/claims", roleArn: "arn:aws:iam::111122223333:role/firehose" };
        assertFindings(await runResource(control, { type, props: { deliveryStreamType: "KinesisStreamAsSource", kinesisStreamSourceConfiguration: source } }), []);
    });

    it("judges the aws-native Glue Data Catalog settings and Athena workgroup as their @pulumi/aws forms, under CloudFormation's names", async () => {
        const glue = "aws-native:glue:DataCatalogEncryptionSettings";
        const settings = { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: CMK }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, kmsKeyId: CMK } };
        assertFindings(await runResource(control, { type: glue, props: { catalogId: "111122223333", dataCatalogEncryptionSettings: settings } }), []);
        const plain = { ...settings, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: false } };
        assertFindings(await runResource(control, { type: glue, props: { dataCatalogEncryptionSettings: plain } }), [{ at: `${PASSWORDS}.returnConnectionPasswordEncrypted` }]);
        const noKey = { ...settings, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true } };
        assertFindings(await runResource(control, { type: glue, props: { dataCatalogEncryptionSettings: noKey } }), [{ at: `${PASSWORDS}.kmsKeyId` }]);

        const athena = "aws-native:athena:WorkGroup";
        const results = "workGroupConfiguration.resultConfiguration.encryptionConfiguration";
        const workgroup = (configuration: Record<string, unknown>) => ({ name: "claims", workGroupConfiguration: { resultConfiguration: { outputLocation: "s3://results/" }, ...configuration } });
        assertFindings(await runResource(control, { type: athena, props: workgroup({}) }), [{ at: `${results}.encryptionOption` }]);
        const customer = { resultConfiguration: { outputLocation: "s3://results/", encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKey: CMK } } };
        assertFindings(await runResource(control, { type: athena, props: workgroup({ ...customer, enforceWorkGroupConfiguration: false }) }), [{ at: "workGroupConfiguration.enforceWorkGroupConfiguration" }]);
        const managed = { managedQueryResultsConfiguration: { enabled: true, encryptionConfiguration: {} } };
        assertFindings(await runResource(control, { type: athena, props: workgroup(managed) }), [{ at: "workGroupConfiguration.managedQueryResultsConfiguration.encryptionConfiguration.kmsKey" }]);
    });

    it("judges a secret encryption switch by its value without echoing it", async () => {
        const r = await runResource(control, { type: "aws:kinesis/stream:Stream", props: { encryptionType: secret("NONE"), kmsKeyId: secret("alias/aws/kinesis") } });
        assertFindings(r, [{ at: "encryptionType" }]);
        assert.doesNotMatch(r.violations[0], /NONE|alias\/aws\/kinesis/);
    });

    it("flags an SQS queue that uses SQS-managed encryption only", async () => {
        const r = await runResource(control, { type: "aws:sqs/queue:Queue", props: { sqsManagedSseEnabled: true } });
        assertFindings(r, [{ at: "kmsMasterKeyId" }]);
    });

    it("flags an EC2 instance without a rootBlockDevice and an unencrypted ebsBlockDevices entry", async () => {
        const r = await runResource(control, { type: "aws:ec2/instance:Instance", props: { ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: CMK }, { deviceName: "/dev/sdg" }] } });
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /at rootBlockDevice\.encrypted/);
        assert.match(r.violations[1], /at ebsBlockDevices\[1\]\.encrypted/);
    });

    it("says it could not verify an EC2 instance whose block devices are unknown", async () => {
        const r = await runResource(control, { type: "aws:ec2/instance:Instance", props: { rootBlockDevice: { encrypted: true, kmsKeyId: CMK }, ebsBlockDevices: unknown } });
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });

    it("accepts a key id held as a secret without echoing it", async () => {
        const r = await runResource(control, { type: "aws:secretsmanager/secret:Secret", props: { kmsKeyId: secret("alias/aws/secretsmanager") } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /alias\/aws\/secretsmanager/);
    });

    it("skips stores outside PHI scope when configured as tagged", async () => {
        const r = await runResource(control, { type: "aws:sqs/queue:Queue", props: { tags: { "data-classification": "internal" } } }, { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.violations, []);
    });
});
