import { strict as assert } from "assert";
import { awsCloudtrailCoverage as control } from "../../../../policies/aws/cloudtrail/coverage";
import { runStack, TestResource, unknown, urnOf } from "../../../harness";
import { bucket } from "../s3/fixtures";
import { assertFindings } from "../../../findings";

const TRAIL = "aws:cloudtrail/trail:Trail";
const base = { s3BucketName: "trail-logs", isMultiRegionTrail: true, includeGlobalServiceEvents: true };
const ALL_S3 = [{ readWriteType: "All", includeManagementEvents: true, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }];

const trail = (props: Record<string, unknown>, name = "org", propertyDependencies?: Record<string, string[]>): TestResource => ({ type: TRAIL, name, props: { ...base, ...props }, propertyDependencies });

describe("aws-cloudtrail-coverage", () => {
    it("flags each PHI bucket when the stack has no trail", async () => {
        const a = bucket("records");
        const b = bucket("images");
        const r = await runStack(control, [a, b]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /no CloudTrail trail in the stack/);
        assert.deepEqual(r.urns, [urnOf(a), urnOf(b)]);
    });

    it("passes a stack with no trail and no PHI bucket, and any stack when managed centrally", async () => {
        assert.deepEqual((await runStack(control, [])).violations, []);
        assert.deepEqual((await runStack(control, [bucket("records")], { config: { managedCentrally: true } })).violations, []);
    });

    it('passes a multi-region trail with an "arn:aws:s3" data event selector', async () => {
        const r = await runStack(control, [bucket("records"), trail({ eventSelectors: ALL_S3 })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a selector built from the bucket's ARN (a propertyDependency on the bucket)", async () => {
        const b = bucket("records");
        const sel = [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [unknown] }] }];
        const r = await runStack(control, [b, trail({ eventSelectors: sel }, "org", { eventSelectors: [urnOf(b)] })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags a bucket that a selector built from other buckets' ARNs does not reach", async () => {
        const b = bucket("records");
        const other = bucket("images");
        const sel = [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [unknown] }] }];
        const r = await runStack(control, [b, other, trail({ eventSelectors: sel }, "org", { eventSelectors: [urnOf(other)] })]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("says it could not verify a selector value unknown without recorded dependencies", async () => {
        const sel = [{ dataResources: [{ type: "AWS::S3::Object", values: [unknown] }] }];
        const r = await runStack(control, [bucket("records"), trail({ eventSelectors: sel })]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });

    it("passes a selector naming the bucket by a known name", async () => {
        const b = bucket("records", { bucket: "acme-records" });
        const sel = [{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::acme-records/"] }] }];
        assert.deepEqual((await runStack(control, [b, trail({ eventSelectors: sel })])).violations, []);
    });

    it("flags a PHI bucket that no selector reaches, on the bucket", async () => {
        const b = bucket("records", { bucket: "acme-records" });
        const sel = [{ dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::other-bucket/"] }, { type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] }];
        const r = await runStack(control, [b, trail({ eventSelectors: sel })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /S3 data events\) at eventSelectors/);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("flags a write-only data event selector (reads of PHI go unrecorded)", async () => {
        const sel = [{ readWriteType: "WriteOnly", dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }];
        assert.equal((await runStack(control, [bucket("records"), trail({ eventSelectors: sel })])).violations.length, 1);
    });

    it("flags data events recorded only by a disabled trail", async () => {
        const r = await runStack(control, [bucket("records"), trail({}, "org"), trail({ enableLogging: false, isMultiRegionTrail: false, eventSelectors: ALL_S3 }, "data")]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /object-level reads and writes/);
    });

    it("passes advanced event selectors for S3 data events, with or without an ARN filter", async () => {
        const b = bucket("records");
        const all = [{ name: "s3", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }];
        assert.deepEqual((await runStack(control, [b, trail({ advancedEventSelectors: all })])).violations, []);
        const scoped = [{ fieldSelectors: [...all[0].fieldSelectors, { field: "resources.ARN", startsWiths: [unknown] }] }];
        assert.deepEqual((await runStack(control, [b, trail({ advancedEventSelectors: scoped }, "org", { advancedEventSelectors: [urnOf(b)] })])).violations, []);
    });

    it("flags advanced selectors that exclude the bucket or record only reads", async () => {
        const b = bucket("records", { bucket: "acme-records" });
        const fs = [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }];
        const excluded = [{ fieldSelectors: [...fs, { field: "resources.ARN", notStartsWiths: ["arn:aws:s3:::acme-records/"] }] }];
        assert.equal((await runStack(control, [b, trail({ advancedEventSelectors: excluded })])).violations.length, 1);
        const readOnly = [{ fieldSelectors: [...fs, { field: "readOnly", equals: ["true"] }] }];
        assert.equal((await runStack(control, [b, trail({ advancedEventSelectors: readOnly })])).violations.length, 1);
    });

    describe("advanced selector ARN filters, by the @pulumi/aws v7 operator names and with prefix semantics", () => {
        const fs = [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }];
        const withArn = (filter: Record<string, unknown>) => trail({ advancedEventSelectors: [{ fieldSelectors: [...fs, { field: "resources.ARN", ...filter }] }] });
        const records = () => bucket("records", { bucket: "acme-records" });
        const judge = async (filter: Record<string, unknown>) => runStack(control, [records(), withArn(filter)]);

        it("passes startsWiths of the bucket's object prefix, a shorter prefix and another partition", async () => {
            for (const v of ["arn:aws:s3:::acme-records/", "arn:aws:s3:::acme-", "arn:aws:s3:::", "arn:aws-us-gov:s3:::acme-records/"]) {
                assert.deepEqual(await judge({ startsWiths: [v] }), { violations: [], unverified: [], urns: [] }, v);
            }
        });

        it("flags startsWiths that reaches only part of the bucket or another bucket", async () => {
            for (const v of ["arn:aws:s3:::acme-records/phi/", "arn:aws:s3:::acme-records-archive/"]) {
                assert.equal((await judge({ startsWiths: [v] })).violations.length, 1, v);
            }
        });

        it("flags equals of one object ARN and endsWiths of a suffix: neither records every object", async () => {
            assert.equal((await judge({ equals: ["arn:aws:s3:::acme-records/index.json"] })).violations.length, 1);
            assert.equal((await judge({ endsWiths: [".csv"] })).violations.length, 1);
        });

        it("flags notStartsWiths of a prefix inside the bucket, notEquals of one of its objects and any notEndsWiths", async () => {
            assert.equal((await judge({ notStartsWiths: ["arn:aws:s3:::acme-records/exports/"] })).violations.length, 1);
            assert.equal((await judge({ notEquals: ["arn:aws:s3:::acme-records/export.csv"] })).violations.length, 1);
            assert.equal((await judge({ notEndsWiths: [".parquet"] })).violations.length, 1);
        });

        it("passes an exclusion of another bucket", async () => {
            const r = await judge({ startsWiths: ["arn:aws:s3"], notStartsWiths: ["arn:aws:s3:::acme-scratch/"], notEquals: ["arn:aws:s3:::acme-scratch/x"] });
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });

        it("says it could not verify a prefix filter on a bucket whose name is unknown at preview", async () => {
            const b = bucket("records", { bucket: unknown });
            const r = await runStack(control, [b, withArn({ startsWiths: ["arn:aws:s3:::acme-records/"] })]);
            assertFindings(r, [{ outcome: "unverified", at: "eventSelectors", urn: urnOf(b) }]);
        });
    });

    it("judges each bucket against the trails that name it or every bucket: one trail per bucket, by any case or partition, covers exactly its own", async () => {
        const named = (name: string) => bucket(name, { bucket: `acme-${name}` });
        const [claims, scans, images, later] = [named("claims"), named("scans"), named("images"), bucket("later", { bucket: unknown })];
        const classic = (value: string) => [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: [value] }] }];
        const advanced = (value: string) => [
            { fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }, { field: "resources.ARN", startsWiths: [value] }] },
        ];
        const trails = [
            trail({ eventSelectors: classic("arn:aws:s3:::ACME-Claims/") }, "claims-trail"),
            trail({ advancedEventSelectors: advanced("arn:aws-us-gov:s3:::acme-scans/") }, "scans-trail"),
            trail({ eventSelectors: classic("arn:aws:s3:::acme-images/thumbnails/") }, "thumbnails-trail"),
        ];
        const r = await runStack(control, [claims, scans, images, later, ...trails]);
        assertFindings(r, [
            { at: "eventSelectors", urn: urnOf(images) },
            { outcome: "unverified", at: "eventSelectors", urn: urnOf(later) },
        ]);
        // A trail that records every bucket covers all of them beside the named ones.
        assertFindings(await runStack(control, [claims, scans, images, ...trails, trail({ eventSelectors: ALL_S3 }, "every-bucket")]), []);
    });

    it("flags a classic selector value that is a prefix inside the bucket", async () => {
        const sel = [{ readWriteType: "All", dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3:::acme-records/phi/"] }] }];
        assert.equal((await runStack(control, [bucket("records", { bucket: "acme-records" }), trail({ eventSelectors: sel })])).violations.length, 1);
    });

    it("says it could not verify coverage by a trail whose logging switch is unknown at preview", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, trail({ enableLogging: unknown, eventSelectors: ALL_S3 })]);
        assert.deepEqual(r.violations, []);
        assert.ok(r.unverified.some((u) => /eventSelectors/.test(u)));
    });

    it("says it could not verify a bucket when the selectors are unknown", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, trail({ eventSelectors: unknown })]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("flags a single-region trail and one without global service events, on the trails", async () => {
        const t1 = trail({ isMultiRegionTrail: false, eventSelectors: ALL_S3 }, "regional");
        const t2 = trail({ includeGlobalServiceEvents: false }, "no-global");
        const r = await runStack(control, [t1, t2]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /this one has isMultiRegionTrail off at isMultiRegionTrail/);
        assert.match(r.violations[1], /includeGlobalServiceEvents off/);
        assert.deepEqual(r.urns, [urnOf(t1), urnOf(t2)]);
    });

    it("passes when one of several trails is multi-region with global events", async () => {
        const r = await runStack(control, [trail({ isMultiRegionTrail: false }, "regional"), trail({}, "org")]);
        assert.deepEqual(r.violations, []);
    });

    it("requires an organization trail when configured", async () => {
        const r = await runStack(control, [trail({})], { config: { requireOrganizationTrail: true } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /isOrganizationTrail off/);
        assert.deepEqual((await runStack(control, [trail({ isOrganizationTrail: true })], { config: { requireOrganizationTrail: true } })).violations, []);
    });

    it("says it could not verify a trail whose multi-region flag is unknown", async () => {
        const r = await runStack(control, [trail({ isMultiRegionTrail: unknown })]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });
});
