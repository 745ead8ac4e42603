import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { customerKeyProblem } from "../../lib/aws-kms-key";
import { AWS_ENCRYPTED_STORES, AWS_STORE_ENCRYPTION, EBS_NOT_REQUESTED, EncryptionShape } from "../../lib/aws/stores";
import { canonicalType } from "../../lib/type-tokens";
import { asBool, asList, at, isUnknown, Plain, PlainObject, Unknown, UNKNOWN } from "../../lib/values";

type Ctx = CheckContext<unknown>;

/** The shapes to judge for one store of the catalog: its own, or an instance's root volume and every EBS block device. */
function shapesOf(store: ResourceInput): readonly EncryptionShape[] {
    const shapes = AWS_STORE_ENCRYPTION[canonicalType(store.type)];
    if (shapes === "ec2") return ec2Shapes(store.props);
    return shapes === "buckets" || shapes === undefined ? [] : shapes;
}

/** The root volume and every EBS block device of an instance; an instance store device holds no EBS data. */
function ec2Shapes(props: PlainObject): EncryptionShape[] {
    const out: EncryptionShape[] = [{ flag: "rootBlockDevice.encrypted", key: "rootBlockDevice.kmsKeyId", offMeans: EBS_NOT_REQUESTED }];
    // Without a rootBlockDevice block the instance gets the AMI's root volume, unencrypted unless the AMI's is.
    const devices = asList(props.ebsBlockDevices);
    if (isUnknown(devices)) out.push({ flag: "ebsBlockDevices", key: "ebsBlockDevices" });
    else devices.forEach((_, i) => out.push({ flag: `ebsBlockDevices[${i}].encrypted`, key: `ebsBlockDevices[${i}].kmsKeyId`, offMeans: EBS_NOT_REQUESTED }));
    return out;
}

/** Reads `a.b[2].c` paths through objects and arrays. */
function read(props: PlainObject, path: string): Plain {
    let cur: Plain = props;
    for (const part of path.split(".")) {
        const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
        if (!m) return undefined;
        cur = at(cur, m[1]);
        if (m[2] !== undefined) {
            if (isUnknown(cur)) return cur;
            cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
        }
    }
    return cur;
}

/** A mode-like value ("KMS", true) as the catalog lists it: case-insensitive, booleans as "true"/"false". */
const modeOf = (v: Plain): string | undefined => (typeof v === "string" ? v.trim().toUpperCase() : typeof v === "boolean" ? String(v).toUpperCase() : undefined);
const listed = (v: Plain, values: readonly (string | boolean)[]) => values.some((x) => String(x).toUpperCase() === modeOf(v));
const shown = (v: string | boolean) => (typeof v === "string" ? `"${v}"` : String(v));

/** Whether an input puts the store in a mode (set, and not false), or unknown. */
function isSet(props: PlainObject, path: string): boolean | Unknown {
    const v = read(props, path);
    if (isUnknown(v)) return UNKNOWN;
    return v !== undefined && v !== null && asBool(v) !== false;
}

/** Whether the switch turns encryption at rest on: its value, else the provider's default. */
function switchedOn(props: PlainObject, shape: EncryptionShape & { flag: string }): boolean | Unknown {
    const v = read(props, shape.flag);
    if (isUnknown(v)) return UNKNOWN;
    if (v === undefined || v === null) return typeof shape.flagDefault === "function" ? shape.flagDefault(props) : (shape.flagDefault ?? false);
    if (shape.onModes) return listed(v, shape.onModes);
    const on = asBool(v);
    return on === true;
}

const AWS_KEY = "encrypted with an AWS-owned or AWS-managed key, not a customer-managed one";

function judge(props: PlainObject, shape: EncryptionShape, ctx: Ctx): void {
    if (shape.onlyIf) {
        const applies = isSet(props, shape.onlyIf);
        if (isUnknown(applies)) return ctx.unverified(shape.onlyIf);
        if (!applies) return;
    }
    for (const path of shape.unless ?? []) {
        const elsewhere = isSet(props, path);
        if (isUnknown(elsewhere)) return ctx.unverified(path);
        if (elsewhere) return;
    }
    const useKey = `${shape.key} to a customer-managed aws.kms.Key`;
    if (shape.flag) {
        const on = switchedOn(props, { ...shape, flag: shape.flag });
        if (isUnknown(on)) return ctx.unverified(shape.flag);
        if (!on) {
            const mode = shape.keyKind?.path === shape.flag ? shape.keyKind.customer[0] : (shape.onModes?.[0] ?? true);
            return ctx.fail({ problem: shape.offMeans ?? "not encrypted at rest", at: shape.flag, fix: `set ${shape.flag} to ${shown(mode)} and ${useKey}` });
        }
    }
    if (shape.keyKind) {
        const kind = read(props, shape.keyKind.path);
        if (isUnknown(kind)) return ctx.unverified(shape.keyKind.path);
        if (!listed(kind, shape.keyKind.customer)) {
            return ctx.fail({ problem: AWS_KEY, at: shape.keyKind.path, fix: `set ${shape.keyKind.path} to ${shown(shape.keyKind.customer[0])} and ${useKey}` });
        }
    }
    const problem = customerKeyProblem(read(props, shape.key));
    if (problem) {
        return ctx.fail({
            problem: problem === "missing" ? `${AWS_KEY} (no key is named)` : "encrypted with an AWS-managed alias/aws/* key, not a customer-managed one",
            at: shape.key,
            fix: `set ${useKey}`,
        });
    }
    if (shape.enforcedBy) {
        const enforced = asBool(read(props, shape.enforcedBy));
        if (isUnknown(enforced)) return ctx.unverified(shape.enforcedBy);
        if (enforced === false) {
            ctx.fail({
                problem: "the customer-managed key is only a default: each client may choose its own encryption, or none, for what it writes",
                at: shape.enforcedBy,
                fix: `remove ${shape.enforcedBy} or set it to true, so the store's encryption settings override the client's`,
            });
        }
    }
}

export const awsDatastoreCmk: ResourceControl = {
    id: "aws-datastore-cmk",
    title: "Data stores are encrypted with a customer-managed KMS key",
    cloud: "aws",
    category: "encryption-at-rest",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "Every store of the one AWS store catalog other than buckets (which aws-s3-encryption-cmk judges) must be encrypted at rest with a customer-managed KMS key: RDS instances and clusters, DynamoDB tables, Redshift clusters and Serverless namespaces, DocumentDB and Neptune clusters, OpenSearch (and Elasticsearch) domains, ElastiCache replication groups, MemoryDB clusters, Kinesis streams, Firehose delivery streams, the Glue Data Catalog and its connection passwords, Athena query results, SageMaker notebook instances and domains, EBS volumes and instance disks, SNS topics, SQS queues, Secrets Manager secrets, EFS file systems and Backup vaults. AWS-owned and AWS-managed (alias/aws/*) keys cannot be restricted by a key policy you write, so anyone with service access can read the PHI; each finding says whether the store is not encrypted at all or encrypted with such a key.",
    remediation:
        "Create an aws.kms.Key with rotation and set it as the store's key: storageEncrypted + kmsKeyId (RDS, DocumentDB) or kmsKeyArn (Neptune), serverSideEncryption { enabled, kmsKeyArn } (DynamoDB), encrypted + kmsKeyId (EBS, EFS, Redshift, instance block devices), kmsKeyId (Redshift Serverless, Secrets Manager, SageMaker), kmsMasterKeyId (SNS, SQS), encryptAtRest { enabled, kmsKeyId } (OpenSearch), atRestEncryptionEnabled + kmsKeyId (ElastiCache), kmsKeyArn (MemoryDB, Backup), encryptionType \"KMS\" + kmsKeyId (Kinesis), serverSideEncryption { enabled, keyType \"CUSTOMER_MANAGED_CMK\", keyArn } (Firehose), encryptionAtRest { catalogEncryptionMode \"SSE-KMS\", sseAwsKmsKeyId } and connectionPasswordEncryption { returnConnectionPasswordEncrypted, awsKmsKeyId } (Glue), resultConfiguration.encryptionConfiguration { encryptionOption \"SSE_KMS\", kmsKeyArn } or managedQueryResultsConfiguration.encryptionConfiguration.kmsKey (Athena, with enforceWorkgroupConfiguration left true so clients cannot override it).",
    unknowns:
        "An unknown key id counts as set (a key created in the same update); an unknown encryption switch, key type or mode (an ElastiCache engine that decides the default, a Firehose source, an Athena results location) is reported as unverified.",
    types: AWS_ENCRYPTED_STORES,
    checkResource(store, ctx) {
        if (!ctx.isPhi(store)) return;
        for (const shape of shapesOf(store)) judge(store.props, shape, ctx);
    },
};
