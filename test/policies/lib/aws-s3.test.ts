import { strict as assert } from "assert";
import { loggingState, objectLock, publicAccessBlockGaps, publicAccessCoverage, S3Buckets, versioningState } from "../../../policies/lib/aws-s3";
import { StackIndex, StackResource } from "../../../policies/lib/stack-index";
import { PlainObject, UNKNOWN } from "../../../policies/lib/values";

const urn = (name: string) => `urn:pulumi:test::test::t::${name}`;
function res(type: string, name: string, props: PlainObject, target?: string): StackResource {
    return { type, name, urn: urn(name), props, dependencies: [], propertyDependencies: target ? { bucket: [urn(target)] } : {} };
}
const BUCKET = "aws:s3/bucket:Bucket";
const FULL = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };

function setup(...companions: StackResource[]): { s3: S3Buckets; b: StackResource } {
    const b = res(BUCKET, "b", {});
    const s3 = new S3Buckets(new StackIndex([b, ...companions]));
    return { s3, b };
}

describe("lib/aws-s3 bucket companions", () => {
    it("publicAccessBlockGaps lists flags off and unknown", () => {
        assert.deepEqual(publicAccessBlockGaps({ blockPublicAcls: true, blockPublicPolicy: "true", ignorePublicAcls: UNKNOWN }), { off: ["restrictPublicBuckets"], unknown: ["ignorePublicAcls"] });
    });

    it("publicAccessCoverage: own full block, account block, none, partial, unknown", () => {
        assert.equal(publicAccessCoverage(setup(res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", FULL, "b")).s3, setup().b).kind, "ok");
        const withAccount = setup(res("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "acct", FULL));
        assert.equal(publicAccessCoverage(withAccount.s3, withAccount.b).kind, "ok");
        const none = setup();
        const j = publicAccessCoverage(none.s3, none.b);
        assert.equal(j.kind, "fail");
        const partial = setup(res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { ...FULL, blockPublicPolicy: false }, "b"));
        const p = publicAccessCoverage(partial.s3, partial.b);
        assert.ok(p.kind === "fail" && /blockPublicPolicy/.test(p.findings[0].problem));
        const unk = setup(res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { ...FULL, blockPublicAcls: UNKNOWN }, "b"));
        assert.deepEqual(publicAccessCoverage(unk.s3, unk.b), { kind: "unknown", at: "blockPublicAcls", urn: urn("pab") });
    });

    it("versioningState reads inline v7, v6 and standalone forms", () => {
        const { s3 } = setup();
        assert.equal(versioningState(s3, res(BUCKET, "x", { versioning: { enabled: true } })).kind, "ok");
        assert.equal(versioningState(s3, res(BUCKET, "x", { versionings: [{ enabled: false }, { enabled: "true" }] })).kind, "ok");
        assert.equal(versioningState(s3, res(BUCKET, "x", { versioning: UNKNOWN })).kind, "unknown");
        const standalone = setup(res("aws:s3/bucketVersioningV2:BucketVersioningV2", "v", { versioningConfiguration: { status: "Enabled" } }, "b"));
        assert.equal(versioningState(standalone.s3, standalone.b).kind, "ok");
        const suspended = setup(res("aws:s3/bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status: "Suspended" } }, "b"));
        const j = versioningState(suspended.s3, suspended.b);
        assert.ok(j.kind === "fail" && j.findings[0].urn === urn("v"));
    });

    it("loggingState accepts inline, v6 and standalone logging, and an unknown target", () => {
        const { s3, b } = setup();
        assert.equal(loggingState(s3, b).kind, "fail");
        assert.equal(loggingState(s3, res(BUCKET, "x", { logging: { targetBucket: "logs" } })).kind, "ok");
        assert.equal(loggingState(s3, res(BUCKET, "x", { loggings: [{ targetBucket: UNKNOWN }] })).kind, "ok");
        const standalone = setup(res("aws:s3/bucketLoggingV2:BucketLoggingV2", "l", { targetBucket: "logs" }, "b"));
        assert.equal(loggingState(standalone.s3, standalone.b).kind, "ok");
    });

    it("objectLock collects enablement and default retentions from the bucket and standalone configurations", () => {
        const withLock = setup(res("aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2", "lock", { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } }, "b"));
        const l = objectLock(withLock.s3, withLock.b);
        assert.equal(l.enabled, true);
        assert.deepEqual(l.retentions, [{ at: "rule.defaultRetention", urn: urn("lock"), mode: "COMPLIANCE", days: undefined, years: 6 }]);
        const { s3 } = setup();
        const v6 = objectLock(s3, res(BUCKET, "x", { objectLockConfiguration: { objectLockEnabled: "Enabled", rules: [{ defaultRetentions: [{ mode: "GOVERNANCE", days: 1 }] }] } }));
        assert.equal(v6.enabled, true);
        assert.equal((v6.retentions as unknown[]).length, 1);
        assert.equal(objectLock(s3, res(BUCKET, "x", { objectLockConfiguration: UNKNOWN })).retentions, UNKNOWN);
        assert.equal(objectLock(s3, res(BUCKET, "x", {})).enabled, false);
    });
});
