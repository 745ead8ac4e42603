import { strict as assert } from "assert";
import { awsCloudtrailImmutableStore as control } from "../../../../policies/aws/cloudtrail/immutable-store";
import { runStack, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { block, bucket, companion } from "../s3/fixtures";

const TRAIL = "aws:cloudtrail/trail:Trail";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const trailTo = (b: TestResource): TestResource => ({ type: TRAIL, name: "org", props: { s3BucketName: unknown }, propertyDependencies: { s3BucketName: [urnOf(b)] } });
const versioning = (b: TestResource, status: unknown = "Enabled") => companion("aws:s3/bucketVersioning:BucketVersioning", `${b.name}-versioning`, b, { versioningConfiguration: { status } });
const lock = (b: TestResource, defaultRetention: Record<string, unknown>, type = LOCK) => companion(type, `${b.name}-lock`, b, { objectLockEnabled: "Enabled", rule: { defaultRetention } });

/** The trail bucket in its compliant form, minus the companions named in `omit`. */
function store(omit: string[] = [], retention: Record<string, unknown> = { mode: "COMPLIANCE", years: 6 }): TestResource[] {
    const b = bucket("trail-logs", { objectLockEnabled: true });
    const out: TestResource[] = [b, trailTo(b)];
    if (!omit.includes("lock")) out.push(lock(b, retention));
    if (!omit.includes("versioning")) out.push(versioning(b));
    if (!omit.includes("block")) out.push(block(b));
    return out;
}

describe("aws-cloudtrail-immutable-store", () => {
    it("passes a trail bucket with COMPLIANCE Object Lock for 6 years, versioning and a full block", async () => {
        assert.deepEqual(await runStack(control, store()), { violations: [], unverified: [], urns: [] });
    });

    it("passes a V2 lock configuration with days: 2190", async () => {
        const [b] = store(["lock"]);
        const r = await runStack(control, [...store(["lock"]), lock(b, { mode: "COMPLIANCE", days: 2190 }, "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2")]);
        assert.deepEqual(r.violations, []);
    });

    it("passes inline v5-style objectLockConfiguration on the bucket", async () => {
        const b = bucket("trail-logs", { objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } } }, versioning: { enabled: true } });
        const r = await runStack(control, [b, trailTo(b), block(b)]);
        assert.deepEqual(r.violations, []);
    });

    it("passes inline v6-style objectLockConfiguration rules[].defaultRetentions[]", async () => {
        const b = bucket("trail-logs", { objectLockConfiguration: { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [{ mode: "COMPLIANCE", days: 2555 }] }] }, versionings: [{ enabled: true }] }, "aws:s3/bucketV2:BucketV2");
        assert.deepEqual((await runStack(control, [b, trailTo(b), block(b)])).violations, []);
    });

    it("flags a trail bucket with no Object Lock at all, on the bucket", async () => {
        const b = bucket("trail-logs");
        const r = await runStack(control, [b, trailTo(b), versioning(b), block(b)]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /does not have Object Lock enabled at objectLockEnabled/);
        assert.match(r.violations[1], /no Object Lock default retention/);
        assert.deepEqual(r.urns, [urnOf(b), urnOf(b)]);
    });

    it("flags GOVERNANCE mode, on the lock configuration", async () => {
        const all = store([], { mode: "GOVERNANCE", years: 10 });
        const r = await runStack(control, all);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not in COMPLIANCE mode .* at rule\.defaultRetention\.mode:/);
        assert.deepEqual(r.urns, [urnOf(all[2])]);
    });

    it("flags a retention shorter than 6 years (5 years, 365 days)", async () => {
        for (const retention of [{ mode: "COMPLIANCE", years: 5 }, { mode: "compliance", days: 365 }]) {
            const r = await runStack(control, store([], retention));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /less than 2190/);
        }
    });

    it("flags a trail bucket without versioning and without a public access block", async () => {
        const r = await runStack(control, store(["versioning", "block"]));
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /no versioning/);
        assert.match(r.violations[1], /public access block/);
    });

    it("says it could not verify unknown retention values", async () => {
        const r = await runStack(control, store([], { mode: "COMPLIANCE", years: unknown }));
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });

    it("flags a trail whose bucket is outside the stack unless it is listed as external", async () => {
        const t: TestResource = { type: TRAIL, name: "org", props: { s3BucketName: "central-log-archive" } };
        const r = await runStack(control, [t]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not in this stack, .* at s3BucketName:/);
        assert.deepEqual((await runStack(control, [t], { config: { externalLogBuckets: ["central-log-archive"] } })).violations, []);
    });

    it("says it could not verify a trail whose bucket name is unknown and not linked", async () => {
        const r = await runStack(control, [{ type: TRAIL, name: "org", props: { s3BucketName: unknown } }]);
        assertFindings(r, [{ at: "s3BucketName", urn: "urn:pulumi:test::test::aws:cloudtrail/trail:Trail::org", outcome: "unverified" }]);
    });

    it("joins the trail to its bucket by a known name", async () => {
        const b = bucket("trail-logs", { bucket: "acme-trail", objectLockEnabled: true });
        const r = await runStack(control, [b, { type: TRAIL, name: "org", props: { s3BucketName: "acme-trail" } }, lock(b, { mode: "COMPLIANCE", years: 6 }), versioning(b), block(b)]);
        assert.deepEqual(r.violations, []);
    });
});
