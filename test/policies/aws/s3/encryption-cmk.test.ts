import { strict as assert } from "assert";
import { awsS3EncryptionCmk as control } from "../../../../policies/aws/s3/encryption-cmk";
import { runResource, runStack, runStackPart, TestResource, unknown, urnOf } from "../../../harness";

const bucket = (name: string, props: Record<string, unknown> = {}, type = "aws:s3/bucket:Bucket"): TestResource => ({ type, name, props });
const kms = (sseAlgorithm: unknown, kmsMasterKeyId?: unknown) => ({ applyServerSideEncryptionByDefault: { sseAlgorithm, ...(kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId }) } });
const sse = (name: string, target: TestResource, rules: unknown[], type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"): TestResource => ({
    type,
    name,
    // At preview the bucket id is unknown; the link is the URN in propertyDependencies.
    props: { bucket: unknown, rules },
    propertyDependencies: { bucket: [urnOf(target)] },
});
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("aws-s3-encryption-cmk", () => {
    it("passes a bucket whose standalone configuration uses SSE-KMS with a customer-managed key", async () => {
        const b = bucket("phi");
        const r = await runStack(control, [b, sse("phi-sse", b, [kms("aws:kms", KEY)])]);
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.unverified, []);
    });

    it("passes DSSE-KMS and the V2 configuration token, joined to a BucketV2", async () => {
        const b = bucket("phi", {}, "aws:s3/bucketV2:BucketV2");
        const r = await runStack(control, [b, sse("phi-sse", b, [kms("aws:kms:dsse", KEY)], "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")]);
        assert.deepEqual(r.violations, []);
    });

    it("passes when the key id is unknown at preview (a key created in the same update)", async () => {
        const b = bucket("phi");
        const r = await runStack(control, [b, sse("phi-sse", b, [kms("aws:kms", unknown)])]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("joins by a known bucket name when propertyDependencies are absent", async () => {
        const b = bucket("phi", { bucket: "phi-records" });
        const r = await runStack(control, [b, { type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: "c", props: { bucket: "phi-records", rules: [kms("aws:kms", KEY)] } }]);
        assert.deepEqual(r.violations, []);
    });

    it("flags a standalone configuration with AES256 on the configuration resource", async () => {
        const b = bucket("phi");
        const c = sse("phi-sse", b, [kms("AES256")]);
        const r = await runStack(control, [b, c]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /rules\[0\]\.applyServerSideEncryptionByDefault\.sseAlgorithm/);
        assert.deepEqual(r.urns, [urnOf(c)]);
    });

    it("flags SSE-KMS without a key id and with the AWS-managed aws/s3 alias", async () => {
        const b1 = bucket("a");
        const b2 = bucket("b");
        const r = await runStack(control, [b1, sse("a-sse", b1, [kms("aws:kms")]), b2, sse("b-sse", b2, [kms("aws:kms", "alias/aws/s3")])]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /AWS-managed key/);
        assert.match(r.violations[1], /aws\/s3 key/);
    });

    it("flags a bucket with no encryption configuration, on the bucket", async () => {
        const b = bucket("bare");
        const r = await runStack(control, [b]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("flags a configuration that belongs to another bucket as no cover for this one", async () => {
        const a = bucket("a");
        const b = bucket("b");
        const r = await runStack(control, [a, b, sse("a-sse", a, [kms("aws:kms", KEY)])]);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("reads the deprecated inline v7/v5 argument (serverSideEncryptionConfiguration.rule)", async () => {
        const good = bucket("good", { serverSideEncryptionConfiguration: { rule: kms("aws:kms", KEY) } });
        const bad = bucket("bad", { serverSideEncryptionConfiguration: { rule: kms("AES256") } });
        const r = await runStack(control, [good, bad]);
        assert.deepEqual(r.urns, [urnOf(bad)]);
    });

    it("reads the v6 BucketV2 inline list (serverSideEncryptionConfigurations[].rules[])", async () => {
        const b = bucket("v6", { serverSideEncryptionConfigurations: [{ rules: [kms("AES256")] }] }, "aws:s3/bucketV2:BucketV2");
        const r = await runStack(control, [b]);
        assert.match(r.violations[0], /serverSideEncryptionConfigurations\[0\]\.rules\[0\]/);
    });

    it("says it could not verify an algorithm unknown at preview", async () => {
        const b = bucket("phi");
        const r = await runStack(control, [b, sse("phi-sse", b, [kms(unknown)])]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });

    it("skips buckets outside PHI scope when scoped by tag, and judges tagged ones", async () => {
        const r = await runStack(control, [bucket("logs"), bucket("phi", { tags: { "data-classification": "PHI" } })], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf({ type: "aws:s3/bucket:Bucket", name: "phi" })]);
    });

    it("takes a standalone configuration's PHI scope from its bucket under a tagged scope", async () => {
        const logs = bucket("logs");
        const phi = bucket("phi", { tags: { "data-classification": "PHI" } });
        const r = await runStack(control, [logs, sse("logs-sse", logs, [kms("AES256")]), phi, sse("phi-sse", phi, [kms("AES256")])], { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.urns, [urnOf({ type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: "phi-sse" })]);
    });

    it("judges a standalone configuration whose bucket is outside the stack as PHI under a tagged scope", async () => {
        const orphan: TestResource = { type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name: "elsewhere-sse", props: { bucket: "bucket-of-another-stack", rules: [kms("AES256")] } };
        const r = await runStack(control, [orphan], { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.urns, [urnOf(orphan)]);
    });

    it("treats every bucket as PHI when the stack carries the PHI stack tag", async () => {
        const r = await runStack(control, [bucket("logs")], { settings: { phiScope: "tagged" }, stackTags: { "data-classification": "phi" } });
        assert.equal(r.violations.length, 1);
    });

    describe("when each part runs", () => {
        it("flags a standalone configuration with AES256 in Analyze, and not again in AnalyzeStack", async () => {
            const b = bucket("phi");
            const config = sse("phi-sse", b, [kms("AES256")]);
            assert.equal((await runResource(control, config)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [b, config]), { violations: [], unverified: [], urns: [] });
        });

        it("leaves a bucket without inline rules to the stack, which looks for its configuration", async () => {
            assert.deepEqual(await runResource(control, bucket("phi")), { violations: [], unverified: [], urns: [] });
            assert.equal((await runStackPart(control, [bucket("phi")])).violations.length, 1);
        });
    });
});
