import { strict as assert } from "assert";
import { assertFindings } from "../../../findings";
import { awsThreatDetection as control } from "../../../../policies/aws/threat/detection";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";

const bucket = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:s3/bucket:Bucket", name, props });
const records = bucket("records", { tags: { "data-classification": "phi" } });
const detector: TestResource = { type: "aws:guardduty/detector:Detector", name: "gd", props: { enable: true } };
const s3Feature = (props: Record<string, unknown> = {}): TestResource => ({
    type: "aws:guardduty/detectorFeature:DetectorFeature",
    name: "gd-s3",
    props: { detectorId: unknown, name: "S3_DATA_EVENTS", status: "ENABLED", ...props },
    propertyDependencies: { detectorId: [urnOf(detector)] },
});
const macie: TestResource = { type: "aws:macie2/account:Account", name: "macie", props: { status: "ENABLED" } };
const job = (targets: TestResource[], props: Record<string, unknown> = {}): TestResource => ({
    type: "aws:macie2/classificationJob:ClassificationJob",
    name: "job",
    props: { jobType: "SCHEDULED", s3JobDefinition: { bucketDefinitions: [{ accountId: unknown, buckets: targets.map(() => unknown) }] }, ...props },
    propertyDependencies: { s3JobDefinition: targets.map(urnOf) },
});
const hub: TestResource = { type: "aws:securityhub/account:Account", name: "hub", props: {} };
const analyzer: TestResource = { type: "aws:accessanalyzer/analyzer:Analyzer", name: "aa", props: { analyzerName: "account", type: "ACCOUNT" } };
const compliant = [records, detector, s3Feature(), macie, job([records]), hub, analyzer];

const without = (...names: string[]) => compliant.filter((r) => !names.includes(r.name));

describe("aws-threat-detection", () => {
    it("passes a stack with every service enabled and the PHI bucket classified", async () => {
        assert.deepEqual(await runStack(control, compliant), { violations: [], unverified: [], urns: [] });
    });

    it("does nothing for a stack without data stores", async () => {
        assert.deepEqual(await runStack(control, [{ type: "aws:sns/topic:Topic", name: "t", props: {} }]), { violations: [], unverified: [], urns: [] });
    });

    it("reports every missing service on the first PHI store", async () => {
        const db: TestResource = { type: "aws:rds/instance:Instance", name: "db", props: {} };
        const r = await runStack(control, [db, records]);
        assert.equal(r.violations.length, 4);
        assert.match(r.violations.join("\n"), /no GuardDuty detector[\s\S]*no Macie account[\s\S]*no Security Hub account[\s\S]*no IAM Access Analyzer/);
        assert.deepEqual(new Set(r.urns), new Set([urnOf(db)]));
    });

    it("watches an aws-native EFS file system (PHI by its fileSystemTags) as a record store, but not an aws-native queue, topic or secret", async () => {
        const files: TestResource = { type: "aws-native:efs:FileSystem", name: "files", props: { encrypted: true, fileSystemTags: [{ key: "data-classification", value: "phi" }] } };
        const r = await runStack(control, [files], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 4);
        assert.deepEqual(new Set(r.urns), new Set([urnOf(files)]));
        const messaging = ["aws-native:sqs:Queue", "aws-native:sns:Topic", "aws-native:secretsmanager:Secret"].map((type): TestResource => ({ type, name: "m", props: {} }));
        assert.deepEqual(await runStack(control, messaging), { violations: [], unverified: [], urns: [] });
    });

    it("counts only PHI-tagged stores when the scope is tagged", async () => {
        assert.deepEqual((await runStack(control, [bucket("logs")], { settings: { phiScope: "tagged" } })).violations, []);
        assert.equal((await runStack(control, [bucket("logs"), records], { settings: { phiScope: "tagged" } })).violations.length, 4);
    });

    it("flags a disabled detector as no detector", async () => {
        const r = await runStack(control, [...without("gd", "gd-s3"), { ...detector, props: { enable: false } }]);
        assert.match(r.violations[0], /no GuardDuty detector/);
    });

    it("flags a detector without S3 protection, on the detector", async () => {
        const r = await runStack(control, without("gd-s3"));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /S3 protection is not enabled on the detector at datasources\.s3Logs\.enable/);
        assert.deepEqual(r.urns, [urnOf(detector)]);
    });

    it("flags an S3 feature that is DISABLED and legacy s3Logs disabled", async () => {
        assert.equal((await runStack(control, [...without("gd-s3"), s3Feature({ status: "DISABLED" })])).violations.length, 1);
        const legacy = { ...detector, props: { datasources: { s3Logs: { enable: false } } } };
        assert.equal((await runStack(control, [...without("gd", "gd-s3"), legacy])).violations.length, 1);
    });

    it("passes S3 protection through legacy datasources", async () => {
        const legacy = { ...detector, props: { datasources: { s3Logs: { enable: true } } } };
        assert.deepEqual((await runStack(control, [...without("gd", "gd-s3"), legacy])).violations, []);
    });

    it("flags a paused Macie account as no account", async () => {
        const r = await runStack(control, [...without("macie"), { ...macie, props: { status: "PAUSED" } }]);
        assert.match(r.violations[0], /no Macie account at aws\.macie2\.Account/);
    });

    it("flags a PHI bucket no active job covers, on the bucket", async () => {
        const other = bucket("exports");
        const r = await runStack(control, [other, ...compliant]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no active Macie classification job covers this PHI bucket/);
        assert.deepEqual(r.urns, [urnOf(other)]);
        const paused = await runStack(control, [...without("job"), job([records], { jobStatus: "USER_PAUSED" })]);
        assert.deepEqual(paused.urns, [urnOf(records)]);
    });

    it("matches buckets by known name and counts criteria-based jobs for every bucket", async () => {
        const named = bucket("named", { bucket: "phi-named" });
        const byName: TestResource = { ...job([]), props: { jobType: "ONE_TIME", s3JobDefinition: { bucketDefinitions: [{ accountId: "1", buckets: ["phi-named"] }] } } };
        assert.deepEqual((await runStack(control, [named, ...without("records", "job"), byName])).violations, []);
        const criteria: TestResource = { ...job([]), props: { jobType: "SCHEDULED", s3JobDefinition: { bucketCriteria: { includes: { ands: [{ tagCriterion: { comparator: "EQ", tagValues: [{ key: "data-classification", value: "phi" }] } }] } } } } };
        assert.deepEqual((await runStack(control, [bucket("another"), ...without("job"), criteria])).violations, []);
    });

    it("judges each bucket against every active job at once: by link or name from any job, unverified only through a job unknown at preview", async () => {
        const [claims, scans, images] = ["claims", "scans", "images"].map((n) => bucket(n, { bucket: `phi-${n}` }));
        const named = (name: string, buckets: unknown[], deps?: string[]): TestResource => ({
            ...job([]),
            name,
            props: { jobType: "SCHEDULED", s3JobDefinition: { bucketDefinitions: [{ accountId: "1", buckets }] } },
            propertyDependencies: deps ? { s3JobDefinition: deps } : {},
        });
        const base = without("records", "job");
        // One job per bucket, linked or named; the third bucket is in none of them.
        const covered = await runStack(control, [claims, scans, images, ...base, { ...job([claims]), name: "claims-job" }, named("scans-job", ["phi-scans"])]);
        assertFindings(covered, [{ at: "aws.macie2.ClassificationJob.s3JobDefinition.bucketDefinitions", urn: urnOf(images) }]);
        // A job with a bucket name unknown at preview and no recorded dependency may cover it.
        const maybe = await runStack(control, [claims, scans, images, ...base, named("scans-job", ["phi-scans"]), named("unknown-job", [unknown])]);
        assertFindings(maybe, [
            { outcome: "unverified", at: "aws.macie2.ClassificationJob.s3JobDefinition", urn: urnOf(claims) },
            { outcome: "unverified", at: "aws.macie2.ClassificationJob.s3JobDefinition", urn: urnOf(images) },
        ]);
        // With the dependency recorded, the unknown name is the linked bucket: the others are not covered.
        const linked = await runStack(control, [claims, scans, images, ...base, named("scans-job", ["phi-scans"]), named("claims-job", [unknown], [urnOf(claims)])]);
        assertFindings(linked, [{ at: "aws.macie2.ClassificationJob.s3JobDefinition.bucketDefinitions", urn: urnOf(images) }]);
    });

    it("flags missing Security Hub and an unused-access-only analyzer", async () => {
        const r = await runStack(control, [...without("hub", "aa"), { ...analyzer, props: { analyzerName: "u", type: "ACCOUNT_UNUSED_ACCESS" } }]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations.join("\n"), /Security Hub[\s\S]*IAM Access Analyzer/);
    });

    it("skips services configured as managed centrally", async () => {
        const config = { guardDutyManagedCentrally: true, macieManagedCentrally: true, securityHubManagedCentrally: true, accessAnalyzerManagedCentrally: true };
        assert.deepEqual((await runStack(control, [records], { config })).violations, []);
    });

    it("says it could not verify unknown switches and job definitions", async () => {
        const r = await runStack(control, [...without("gd", "gd-s3", "macie", "job"), { ...detector, props: { enable: unknown } }, { ...macie, props: { status: unknown } }]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
        const f = await runStack(control, [...without("gd-s3", "job"), s3Feature({ name: unknown }), { ...job([]), props: { jobType: "SCHEDULED", s3JobDefinition: unknown } }]);
        assert.deepEqual(f.violations, []);
        assert.match(f.unverified.join("\n"), /datasources\.s3Logs\.enable[\s\S]*s3JobDefinition/);
    });

    it("reads secret values", async () => {
        const r = await runStack(control, [...without("gd-s3"), s3Feature({ status: secret("ENABLED") })]);
        assert.deepEqual(r.violations, []);
    });
});
