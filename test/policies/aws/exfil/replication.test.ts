import { strict as assert } from "assert";
import { awsExfilReplication as control } from "../../../../policies/aws/exfil/replication";
import { PLACEHOLDER_AWS_ACCOUNT } from "../../../../policies/lib/aws/boundary";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { boundary, OUTSIDER, OWN, ownArn, TRUSTED } from "./fixtures";

const CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const records: TestResource = { type: "aws:s3/bucket:Bucket", name: "records", props: { bucket: "acme-records" } };
const key = `arn:aws:kms:us-east-1:${TRUSTED}:key/k`;
const rule = (destination: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ status: "Enabled", destination, ...extra });
const config = (rules: unknown, deps: Record<string, string[]> = {}): TestResource => ({
    type: CONFIG,
    name: "replication",
    props: { bucket: "acme-records", role: "arn:aws:iam::111122223333:role/r", rules },
    propertyDependencies: { bucket: [urnOf(records)], ...deps },
});
const out = (r: TestResource, at: string) => ({ at, urn: urnOf(r) });
const CLEAN = { violations: [], unverified: [], urns: [] };

describe("aws-exfil-replication", () => {
    it("flags a standalone rule that replicates a PHI bucket into an account outside the configured boundary", async () => {
        const c = config([rule({ bucket: "arn:aws:s3:::partner", account: OUTSIDER, encryptionConfiguration: { replicaKmsKeyId: key } })]);
        const r = await runStack(control, [records, c], boundary);
        assertFindings(r, [out(c, "rules[0].destination.account")]);
        assert.match(r.violations[0], /into account 999988887777, outside the organisation's boundary/);
    });

    it("passes replication into a trusted account with a replica key held there", async () => {
        const c = config([rule({ bucket: "arn:aws:s3:::dr", account: TRUSTED, encryptionConfiguration: { replicaKmsKeyId: key } })]);
        assert.deepEqual(await runStack(control, [records, c], boundary), CLEAN);
    });

    it("flags replicas without a customer-managed key, and replicas under an outsider's key", async () => {
        const none = config([rule({ bucket: "arn:aws:s3:::dr", account: TRUSTED })]);
        assertFindings(await runStack(control, [records, none], boundary), [out(none, "rules[0].destination")]);
        const foreign = config([rule({ bucket: "arn:aws:s3:::dr", account: TRUSTED, encryptionConfiguration: { replicaKmsKeyId: `arn:aws:kms:us-east-1:${OUTSIDER}:key/k` } })]);
        const r = await runStack(control, [records, foreign], boundary);
        assertFindings(r, [out(foreign, "rules[0].destination")]);
        assert.match(r.violations[0], /key of account 999988887777/);
    });

    it("reads a v7 bucket's inline replicationConfiguration and a v6 BucketV2's list, by accountId", async () => {
        const v7: TestResource = { type: "aws:s3/bucket:Bucket", name: "inline", props: { replicationConfiguration: { role: "r", rules: [rule({ bucket: "arn:aws:s3:::x", accountId: OUTSIDER, replicaKmsKeyId: key })] } } };
        const v6: TestResource = { type: "aws:s3/bucketV2:BucketV2", name: "v6", props: { replicationConfigurations: [{ role: "r", rules: [rule({ bucket: "arn:aws:s3:::x", accountId: OUTSIDER, replicaKmsKeyId: key })] }] } };
        const r = await runStack(control, [v7, v6], boundary);
        assertFindings(r, [out(v7, "replicationConfiguration.rules[0].destination.accountId"), out(v6, "replicationConfigurations[0].rules[0].destination.accountId")]);
    });

    it("reads an aws-native bucket's inline replicationConfiguration in CloudFormation's shape: account, and the replica key in encryptionConfiguration", async () => {
        const native = (name: string, account: string): TestResource => ({
            type: "aws-native:s3:Bucket",
            name,
            props: { replicationConfiguration: { role: "r", rules: [rule({ bucket: "arn:aws:s3:::x", account, encryptionConfiguration: { replicaKmsKeyId: key } })] } },
        });
        const outside = native("native-out", OUTSIDER);
        const r = await runStack(control, [outside, native("native-in", TRUSTED)], boundary);
        assertFindings(r, [out(outside, "replicationConfiguration.rules[0].destination.account")]);
        assert.match(r.violations[0], /into account 999988887777, outside the organisation's boundary/);
    });

    it("passes a destination built from another bucket of the stack (unknown at preview, linked by propertyDependencies)", async () => {
        const replica: TestResource = { type: "aws:s3/bucket:Bucket", name: "replica", props: { bucket: unknown } };
        const c = config([rule({ bucket: unknown, encryptionConfiguration: { replicaKmsKeyId: key } })], { rules: [urnOf(replica)] });
        assert.deepEqual(await runStack(control, [records, replica, c], boundary), CLEAN);
    });

    it("says the owner could not be told for a known bucket ARN without an account that is not the stack's own", async () => {
        const c = config([rule({ bucket: "arn:aws:s3:::somewhere", encryptionConfiguration: { replicaKmsKeyId: key } })]);
        const r = await runStack(control, [records, c], boundary);
        assertFindings(r, [{ ...out(c, "rules[0].destination.bucket"), outcome: "unverified" }]);
        assert.match(r.unverified[0], /because its owner could not be told: an S3 bucket ARN names no account/);
        assert.doesNotMatch(r.unverified[0], /during preview/);
    });

    it("says it could not verify unknown rules and an unknown destination account during preview", async () => {
        assertFindings(await runStack(control, [records, config(unknown)], boundary), [{ ...out(config(unknown), "rules"), outcome: "unverified" }]);
        const c = config([rule({ bucket: "arn:aws:s3:::dr", account: unknown, encryptionConfiguration: { replicaKmsKeyId: key } })]);
        const r = await runStack(control, [records, c], boundary);
        assertFindings(r, [{ ...out(c, "rules[0].destination.account"), outcome: "unverified" }]);
        assert.match(r.unverified[0], /during preview/);
    });

    it("judges rules held in a secret without echoing them", async () => {
        const c = config(secret([rule({ bucket: "arn:aws:s3:::s3cr3t-bucket", account: OUTSIDER, encryptionConfiguration: { replicaKmsKeyId: key } })]));
        const r = await runStack(control, [records, c], boundary);
        assertFindings(r, [out(c, "rules[0].destination.account")]);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("skips disabled rules and sources outside the PHI scope", async () => {
        const c = config([rule({ bucket: "arn:aws:s3:::x", account: OUTSIDER }, { status: "Disabled" })]);
        assert.deepEqual(await runStack(control, [records, c], boundary), CLEAN);
        const enabled = config([rule({ bucket: "arn:aws:s3:::x", account: OUTSIDER })]);
        assert.deepEqual(await runStack(control, [records, enabled], { settings: { ...boundary.settings, phiScope: "tagged" } }), CLEAN);
    });

    describe("the boundary with nothing configured", () => {
        const toOutsider = () => config([rule({ bucket: "arn:aws:s3:::x", account: OUTSIDER, encryptionConfiguration: { replicaKmsKeyId: `arn:aws:kms:us-east-1:${OUTSIDER}:key/k` } })]);

        it("is the account of the stack's own known ARNs", async () => {
            const c = toOutsider();
            const r = await runStack(control, [records, ownArn(), c]);
            assertFindings(r, [out(c, "rules[0].destination.account"), out(c, "rules[0].destination")]);
        });

        it("is the aws provider's allowedAccountIds, as a list or as the JSON string provider inputs carry", async () => {
            for (const allowedAccountIds of [[OWN], JSON.stringify([OWN])]) {
                const provider: TestResource = { type: "pulumi:providers:aws", name: "default", props: { region: "us-east-1", allowedAccountIds } };
                const c = toOutsider();
                assertFindings(await runStack(control, [provider, records, c]), [out(c, "rules[0].destination.account"), out(c, "rules[0].destination")]);
            }
        });

        it("counts the scan's placeholder caller identity as the stack's own account", async () => {
            const c = config([rule({ bucket: "arn:aws:s3:::x", account: PLACEHOLDER_AWS_ACCOUNT, encryptionConfiguration: { replicaKmsKeyId: `arn:aws:kms:us-east-1:${PLACEHOLDER_AWS_ACCOUNT}:key/k` } })]);
            assert.deepEqual(await runStack(control, [records, c]), CLEAN);
        });

        it("says once for the stack, not per resource, that accounts could not be judged", async () => {
            const c = toOutsider();
            const r = await runStack(control, [records, c]);
            assertFindings(r, [{ at: "trustedAwsAccountIds", outcome: "unverified" }]);
            assert.match(r.unverified[0], /2 replication destinations name accounts that could not be judged.*configure trustedAwsAccountIds/);
        });
    });
});
