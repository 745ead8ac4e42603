import { awsDatastoreCmk as control } from "../../../../policies/aws/datastore/cmk";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const CMK = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const db = (props: Record<string, unknown>) =>
    resource("aws:rds/instance:Instance", "records", { engine: "postgres", instanceClass: "db.t3.medium", allocatedStorage: 20, storageEncrypted: true, kmsKeyId: CMK, ...props });
const table = (serverSideEncryption: unknown) => resource("aws:dynamodb/table:Table", "patients", { hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST", serverSideEncryption });
const noKey = db({ kmsKeyId: undefined });
delete noKey.props.kmsKeyId;
const awsManaged = db({ kmsKeyId: "arn:aws:kms:us-east-1:111122223333:alias/aws/rds" });
const unencrypted = db({ storageEncrypted: false });
const tableDefault = table({ enabled: false });
const unknownFlag = db({ storageEncrypted: unknown });
const stream = (props: Record<string, unknown>) => resource("aws:kinesis/stream:Stream", "claims-events", { shardCount: 1, retentionPeriod: 24, ...props });
const streamPlain = stream({});
const warehouse = (props: Record<string, unknown>) => resource("aws:redshift/cluster:Cluster", "claims-warehouse", { clusterIdentifier: "claims-warehouse", nodeType: "ra3.xlplus", masterUsername: "admin", manageMasterPassword: true, ...props });
const warehouseDefaultKey = warehouse({});

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a PostgreSQL instance encrypted with a customer-managed key", resources: [db({})] },
        "table-cmk": { says: "a DynamoDB table encrypted with a customer-managed key", resources: [table({ enabled: true, kmsKeyArn: CMK })] },
        "stream-cmk": { says: "a Kinesis stream encrypted with a customer-managed key", resources: [stream({ encryptionType: "KMS", kmsKeyId: CMK })] },
        "warehouse-cmk": { says: "a Redshift cluster (encrypted by default) with a customer-managed key", resources: [warehouse({ kmsKeyId: CMK })] },
        "key-of-the-program": { says: "a key created in the same update (its ARN unknown at preview)", resources: [db({ kmsKeyId: unknown })] },
    },
    failing: {
        "no-key": { says: "encrypted with the default AWS-managed key", resources: [noKey], findings: [fails(noKey, "kmsKeyId")] },
        "aws-managed-alias": { says: "the AWS-managed alias/aws/rds key", resources: [awsManaged], findings: [fails(awsManaged, "kmsKeyId")] },
        "not-encrypted": { says: "storage encryption off", resources: [unencrypted], findings: [fails(unencrypted, "storageEncrypted")] },
        "table-aws-owned": { says: "a table with the AWS-owned key", resources: [tableDefault], findings: [fails(tableDefault, "serverSideEncryption.enabled")], from: "table-cmk" },
        "stream-not-encrypted": { says: "a Kinesis stream left at encryptionType NONE, its default", resources: [streamPlain], findings: [fails(streamPlain, "encryptionType")], from: "stream-cmk" },
        "warehouse-aws-managed": { says: "a Redshift cluster encrypted with the AWS-managed key", resources: [warehouseDefaultKey], findings: [fails(warehouseDefaultKey, "kmsKeyId")], from: "warehouse-cmk" },
        "unknown-flag": { says: "encryption unknown until the update", resources: [unknownFlag], findings: [unverifiedAt(unknownFlag, "storageEncrypted")] },
    },
});
