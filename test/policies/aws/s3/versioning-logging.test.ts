import { strict as assert } from "assert";
import { awsS3VersioningLogging as control } from "../../../../policies/aws/s3/versioning-logging";
import { runStack, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { bucket, companion } from "./fixtures";

const versioning = (b: ReturnType<typeof bucket>, status: unknown, type = "aws:s3/bucketVersioning:BucketVersioning") =>
    companion(type, `${b.name}-versioning`, b, { versioningConfiguration: { status } });
const logging = (b: ReturnType<typeof bucket>, targetBucket: unknown = "access-logs", type = "aws:s3/bucketLogging:BucketLogging") =>
    companion(type, `${b.name}-logging`, b, { targetBucket, targetPrefix: "records/" });

describe("aws-s3-versioning-logging", () => {
    it("flags a bucket with neither versioning nor logging, twice on the bucket", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /no versioning .* at versioning:/);
        assert.match(r.violations[1], /no server access logging .* at logging:/);
        assert.deepEqual(r.urns, [urnOf(b), urnOf(b)]);
    });

    for (const [v, l] of [
        ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketLogging:BucketLogging"],
        ["aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketLoggingV2:BucketLoggingV2"],
    ]) {
        it(`passes standalone ${v.split(":")[2]} Enabled and ${l.split(":")[2]}`, async () => {
            const b = bucket("records");
            const r = await runStack(control, [b, versioning(b, "Enabled", v), logging(b, "access-logs", l)]);
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });
    }

    it("passes inline v7 versioning.enabled and logging.targetBucket", async () => {
        const r = await runStack(control, [bucket("records", { versioning: { enabled: true }, logging: { targetBucket: "logs" } })]);
        assert.deepEqual(r.violations, []);
    });

    it("passes inline v6 BucketV2 versionings[] and loggings[]", async () => {
        const r = await runStack(control, [bucket("records", { versionings: [{ enabled: true }], loggings: [{ targetBucket: "logs" }] }, "aws:s3/bucketV2:BucketV2")]);
        assert.deepEqual(r.violations, []);
    });

    it("flags a standalone versioning Suspended, on the versioning resource", async () => {
        const b = bucket("records");
        const v = versioning(b, "Suspended");
        const r = await runStack(control, [b, v, logging(b)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at versioningConfiguration\.status/);
        assert.deepEqual(r.urns, [urnOf(v)]);
    });

    it("flags inline versioning.enabled false", async () => {
        const b = bucket("records", { versioning: { enabled: false } });
        const r = await runStack(control, [b, logging(b)]);
        assertFindings(r, [{ at: "versioning", urn: "urn:pulumi:test::test::aws:s3/bucket:Bucket::records" }]);
    });

    it("accepts a logging target unknown at preview (a log bucket created in the same update)", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, versioning(b, "enabled"), logging(b, unknown)]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify a versioning status unknown at preview", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, versioning(b, unknown), logging(b)]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /versioningConfiguration\.status/);
    });

    it("skips buckets outside PHI scope when configured as tagged", async () => {
        const r = await runStack(control, [bucket("assets", { tags: { "data-classification": "internal" } })], { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.violations, []);
    });
});
