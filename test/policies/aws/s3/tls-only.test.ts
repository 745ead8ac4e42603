import { strict as assert } from "assert";
import { awsS3TlsOnly as control } from "../../../../policies/aws/s3/tls-only";
import { runStack, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { bucket, companion, TLS_DENY } from "./fixtures";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const policyOn = (b: ReturnType<typeof bucket>, policy: unknown, name = `${b.name}-policy`) => ({ ...companion("aws:s3/bucketPolicy:BucketPolicy", name, b, { policy }), name });

describe("aws-s3-tls-only", () => {
    it("flags a PHI bucket with no bucket policy, on the bucket", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no bucket policy denies requests without TLS .* at policy:/);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("passes a standalone policy that denies aws:SecureTransport false (JSON string)", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, policyOn(b, JSON.stringify(doc(TLS_DENY)))]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes an object document with boolean false, AWS * principal, Action * and BoolIfExists", async () => {
        const b = bucket("records");
        const statement = { Effect: "deny", Principal: { AWS: "*" }, Action: ["*"], Resource: "*", Condition: { BoolIfExists: { "AWS:SecureTransport": false } } };
        const r = await runStack(control, [b, policyOn(b, doc(statement))]);
        assert.deepEqual(r.violations, []);
    });

    it("passes an inline bucket policy (v5/v6) that denies insecure transport", async () => {
        const r = await runStack(control, [bucket("records", { policy: JSON.stringify(doc(TLS_DENY)) })]);
        assert.deepEqual(r.violations, []);
    });

    it("passes a policy held as a secret", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, policyOn(b, secret(JSON.stringify(doc(TLS_DENY))))]);
        assert.deepEqual(r.violations, []);
    });

    for (const [label, change] of [
        ["an Allow instead of a Deny", { Effect: "Allow" }],
        ["a Deny to one role only", { Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }],
        ["a Deny of s3:GetObject only", { Action: "s3:GetObject" }],
        ["a Deny when SecureTransport is true", { Condition: { Bool: { "aws:SecureTransport": "true" } } }],
        ["a Deny without a condition key on transport", { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }],
    ] as const) {
        it(`flags ${label}`, async () => {
            const b = bucket("records");
            const r = await runStack(control, [b, policyOn(b, doc({ ...TLS_DENY, ...change }))]);
            assertFindings(r, [{ at: "policy", urn: "urn:pulumi:test::test::aws:s3/bucket:Bucket::records" }]);
        });
    }

    it("says it could not verify a bucket whose policy is unknown at preview", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, policyOn(b, unknown)]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("says it could not verify when the transport condition value is unknown", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, policyOn(b, doc({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": unknown } } }))]);
        assertFindings(r, [{ at: "policy", urn: "urn:pulumi:test::test::aws:s3/bucket:Bucket::records", outcome: "unverified" }]);
    });

    it("reports a policy that cannot be parsed without quoting it", async () => {
        const b = bucket("records");
        const p = policyOn(b, "{ password=hunter2");
        const r = await runStack(control, [b, p]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not valid JSON/);
        assert.doesNotMatch(r.violations[0], /hunter2/);
        assert.deepEqual(r.urns, [urnOf(p)]);
    });

    it("passes when one of two policies enforces TLS, and skips non-PHI buckets when tagged scope is set", async () => {
        const b = bucket("records", { tags: { "data-classification": "phi" } });
        const other = bucket("assets");
        const r = await runStack(control, [b, other, policyOn(b, doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:*", Resource: "*" }), "p1"), policyOn(b, doc(TLS_DENY), "p2")], {
            settings: { phiScope: "tagged" },
        });
        assert.deepEqual(r.violations, []);
    });
});
