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
    ["aws:backup/vault:Vault", { kmsKeyArn: CMK }, "kmsKeyArn"],
    ["aws:ec2/instance:Instance", { rootBlockDevice: { encrypted: true, kmsKeyId: CMK } }, "rootBlockDevice.kmsKeyId"],
];

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
        const label = type.split(":")[1];
        it(`passes ${label} with a customer-managed key`, async () => {
            assert.deepEqual(await runResource(control, { type, props }), { violations: [], unverified: [], urns: [] });
        });
        it(`flags ${label} without a key at ${keyPath}`, async () => {
            const r = await runResource(control, { type, props: without(props, keyPath) });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`at ${keyPath.replace(/\./g, "\\.")}:`));
        });
        it(`flags ${label} with an AWS-managed alias/aws key`, async () => {
            const service = label.split("/")[0];
            const r = await runResource(control, { type, props: withValue(props, keyPath, `arn:aws:kms:us-east-1:111122223333:alias/aws/${service}`) });
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /AWS-managed/);
        });
        it(`accepts ${label} with a key id unknown at preview`, async () => {
            assert.deepEqual((await runResource(control, { type, props: withValue(props, keyPath, unknown) })).violations, []);
        });
    }

    for (const [type, flag] of [
        ["aws:rds/instance:Instance", "storageEncrypted"],
        ["aws:rds/cluster:Cluster", "storageEncrypted"],
        ["aws:ebs/volume:Volume", "encrypted"],
        ["aws:efs/fileSystem:FileSystem", "encrypted"],
    ]) {
        it(`flags ${type.split(":")[1]} with ${flag} false even when a key is named, and an unknown flag as unverified`, async () => {
            const off = await runResource(control, { type, props: { [flag]: false, kmsKeyId: CMK } });
            assert.equal(off.violations.length, 1);
            assert.match(off.violations[0], new RegExp(`encryption at rest is off at ${flag}`));
            const unk = await runResource(control, { type, props: { [flag]: unknown, kmsKeyId: CMK } });
            assert.deepEqual(unk.violations, []);
            assert.equal(unk.unverified.length, 1);
        });
    }

    it("flags a DynamoDB table without a serverSideEncryption block (AWS-owned key)", async () => {
        const r = await runResource(control, { type: "aws:dynamodb/table:Table", props: { hashKey: "id" } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at serverSideEncryption\.enabled/);
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
