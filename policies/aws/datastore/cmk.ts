import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { customerKeyProblem } from "../../lib/aws-kms-key";
import { AWS_ENCRYPTED_STORES, AWS_STORE_ENCRYPTION, EncryptionShape } from "../../lib/aws/stores";
import { canonicalType } from "../../lib/type-tokens";
import { asBool, asList, at, isUnknown, Plain, PlainObject } from "../../lib/values";

type Ctx = CheckContext<unknown>;

/** The shapes to judge for one store of the catalog: its own, or an instance's root volume and every EBS block device. */
function shapesOf(store: ResourceInput): readonly EncryptionShape[] {
    const shapes = AWS_STORE_ENCRYPTION[canonicalType(store.type)];
    if (shapes === "ec2") return ec2Shapes(store.props);
    return shapes === "buckets" || shapes === undefined ? [] : shapes;
}

/** The root volume and every EBS block device of an instance; an instance store device holds no EBS data. */
function ec2Shapes(props: PlainObject): EncryptionShape[] {
    const out: EncryptionShape[] = [{ flag: "rootBlockDevice.encrypted", key: "rootBlockDevice.kmsKeyId" }];
    // Without a rootBlockDevice block the instance gets the AMI's root volume, unencrypted unless the AMI's is.
    const devices = asList(props.ebsBlockDevices);
    if (isUnknown(devices)) out.push({ flag: "ebsBlockDevices", key: "ebsBlockDevices" });
    else devices.forEach((_, i) => out.push({ flag: `ebsBlockDevices[${i}].encrypted`, key: `ebsBlockDevices[${i}].kmsKeyId` }));
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

function judge(props: PlainObject, shape: EncryptionShape, ctx: Ctx): void {
    if (shape.flag) {
        const on = asBool(read(props, shape.flag));
        if (isUnknown(on)) return ctx.unverified(shape.flag);
        if (on !== true) return ctx.fail({ problem: "encryption at rest is off", at: shape.flag, fix: `set ${shape.flag} to true and ${shape.key} to a customer-managed aws.kms.Key` });
    }
    const problem = customerKeyProblem(read(props, shape.key));
    if (problem) {
        ctx.fail({
            problem: problem === "missing" ? "no customer-managed key is set, so the AWS-managed or AWS-owned key encrypts the data" : "an AWS-managed alias/aws/* key is not a customer-managed key",
            at: shape.key,
            fix: `set ${shape.key} to a customer-managed aws.kms.Key`,
        });
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
        "Every store of the one AWS store catalog other than buckets (which aws-s3-encryption-cmk judges): RDS instances and clusters, DynamoDB tables, Redshift clusters and Serverless namespaces, DocumentDB and Neptune clusters, OpenSearch domains, EBS volumes and instance disks, SNS topics, SQS queues, Secrets Manager secrets, EFS file systems and Backup vaults must be encrypted with a customer-managed KMS key. AWS-owned and AWS-managed (alias/aws/*) keys cannot be restricted by a key policy you write, so anyone with service access can read the PHI.",
    remediation:
        "Create an aws.kms.Key with rotation and set it as the store's key: storageEncrypted + kmsKeyId (RDS), serverSideEncryption { enabled, kmsKeyArn } (DynamoDB), encrypted + kmsKeyId (EBS, EFS, instance block devices), kmsMasterKeyId (SNS, SQS), kmsKeyId (Secrets Manager, Redshift, Redshift Serverless), storageEncrypted + kmsKeyId (DocumentDB) or kmsKeyArn (Neptune), encryptAtRest { enabled, kmsKeyId } (OpenSearch), kmsKeyArn (Backup).",
    unknowns: "An unknown key id counts as set (a key created in the same update); an unknown encryption flag is reported as unverified.",
    types: AWS_ENCRYPTED_STORES,
    checkResource(store, ctx) {
        if (!ctx.isPhi(store)) return;
        for (const shape of shapesOf(store)) judge(store.props, shape, ctx);
    },
};
