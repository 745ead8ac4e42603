import { strict as assert } from "assert";
import { awsS3PublicAccess as control } from "../../../../policies/aws/s3/public-access";
import { runResource, runStack, runStackPart, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { block, bucket, companion, FULL_BLOCK } from "./fixtures";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const policyOn = (b: ReturnType<typeof bucket>, policy: unknown) => companion("aws:s3/bucketPolicy:BucketPolicy", `${b.name}-policy`, b, { policy });

describe("aws-s3-public-access", () => {
    it("flags a bucket with no public access block, on the bucket", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not covered by a public access block .* at publicAccessBlock:/);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("flags a v6 BucketV2 with no public access block", async () => {
        const r = await runStack(control, [bucket("records", {}, "aws:s3/bucketV2:BucketV2")]);
        assert.equal(r.violations.length, 1);
    });

    it("passes a bucket with a full BucketPublicAccessBlock", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, block(b)]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a bucket covered by a full AccountPublicAccessBlock", async () => {
        const r = await runStack(control, [bucket("records"), { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "account", props: FULL_BLOCK }]);
        assert.deepEqual(r.violations, []);
    });

    it("joins a block to its bucket by a known name when there are no propertyDependencies", async () => {
        const b = bucket("records", { bucket: "acme-records" });
        const r = await runStack(control, [b, { type: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name: "pab", props: { bucket: "acme-records", ...FULL_BLOCK } }]);
        assert.deepEqual(r.violations, []);
    });

    it("flags a block that leaves a flag off (false or \"false\"), on the block", async () => {
        const b = bucket("records");
        const pab = block(b, { ...FULL_BLOCK, restrictPublicBuckets: "false", ignorePublicAcls: false });
        const r = await runStack(control, [b, pab]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /leaves ignorePublicAcls, restrictPublicBuckets off/);
        assert.deepEqual(r.urns, [urnOf(pab)]);
    });

    it("flags an account block with a flag missing and the bucket it leaves uncovered", async () => {
        const b = bucket("records");
        const acct = { type: "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", name: "account", props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true } };
        const r = await runStack(control, [b, acct]);
        assert.equal(r.violations.length, 2);
        assert.deepEqual(r.urns, [urnOf(acct), urnOf(b)]);
    });

    it("says it could not verify a block whose flags are unknown", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, block(b, { ...FULL_BLOCK, blockPublicPolicy: unknown })]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /could not verify blockPublicPolicy/);
    });

    for (const [type, acl] of [
        ["aws:s3/bucketAcl:BucketAcl", "public-read"],
        ["aws:s3/bucketAclV2:BucketAclV2", "public-read-write"],
        ["aws:s3/bucketAcl:BucketAcl", "Authenticated-Read"],
    ]) {
        it(`flags a ${type.split(":")[2]} with the canned ACL ${acl}`, async () => {
            const b = bucket("records");
            const r = await runStack(control, [b, block(b), companion(type, "acl", b, { acl })]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /canned ACL .* at acl/);
        });
    }

    it("passes a private BucketAcl", async () => {
        const b = bucket("records");
        const r = await runStack(control, [b, block(b), companion("aws:s3/bucketAclV2:BucketAclV2", "acl", b, { acl: "private" })]);
        assert.deepEqual(r.violations, []);
    });

    it("flags an ACL grant to the AllUsers group", async () => {
        const b = bucket("records");
        const grants = [
            { grantee: { type: "CanonicalUser", id: "abc" }, permission: "FULL_CONTROL" },
            { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" },
        ];
        const r = await runStack(control, [b, block(b), companion("aws:s3/bucketAclV2:BucketAclV2", "acl", b, { accessControlPolicy: { owner: { id: "abc" }, grants } })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at accessControlPolicy\.grants\[1\]\.grantee\.uri/);
    });

    it("flags an inline public-read acl and an inline AuthenticatedUsers grant on the bucket", async () => {
        const b = bucket("records", { acl: "public-read", grants: [{ type: "Group", permissions: ["READ"], uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }] });
        const r = await runStack(control, [b, block(b)]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations.join("\n"), /at grants\[0\]\.uri/);
    });

    it('flags a bucket policy allowing Principal "*" (JSON string document)', async () => {
        const b = bucket("records");
        const p = policyOn(b, JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })));
        const r = await runStack(control, [b, block(b), p]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /Principal "\*" .* at policy\.Statement\[0\]/);
        assert.deepEqual(r.urns, [urnOf(p)]);
    });

    it('flags {"AWS": ["*"]} in an object document and Allow with NotPrincipal', async () => {
        const b = bucket("records");
        const p = policyOn(b, doc({ Effect: "allow", Principal: { AWS: ["*"] }, Action: "s3:*", Resource: "*" }, { Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: "*" }));
        const r = await runStack(control, [b, block(b), p]);
        assert.equal(r.violations.length, 2);
    });

    it("flags a public inline bucket policy", async () => {
        const b = bucket("records", { policy: JSON.stringify(doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" })) });
        const r = await runStack(control, [b, block(b)]);
        assert.equal(r.violations.length, 1);
    });

    it('passes Principal "*" restricted by aws:PrincipalOrgID, and named principals', async () => {
        const b = bucket("records");
        const p = policyOn(
            b,
            doc(
                { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } },
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/reader" }, Action: "s3:GetObject", Resource: "*" },
                { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" },
            ),
        );
        const r = await runStack(control, [b, block(b), p]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it('flags Principal "*" whose only condition is a wildcard SourceAccount', async () => {
        const b = bucket("records");
        const p = policyOn(b, doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:SourceAccount": "*" } } }));
        assert.equal((await runStack(control, [b, block(b), p])).violations.length, 1);
    });

    it("says it could not verify an unknown policy or an unknown Principal", async () => {
        const b = bucket("records");
        const p1 = policyOn(b, unknown);
        const p2 = { ...policyOn(b, doc({ Effect: "Allow", Principal: { AWS: unknown }, Action: "s3:GetObject", Resource: "*" })), name: "p2" };
        const r = await runStack(control, [b, block(b), p1, p2]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
    });

    it("reports a policy that is not valid JSON without quoting it, and a secret policy without echoing it", async () => {
        const b = bucket("records");
        const bad = policyOn(b, "{ AKIAIOSFODNN7EXAMPLE");
        const hidden = { ...policyOn(b, secret(JSON.stringify(doc({ Sid: "s3cr3tSid", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" })))), name: "hidden" };
        const r = await runStack(control, [b, block(b), bad, hidden]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /not valid JSON/);
        assert.doesNotMatch(r.violations.join("\n"), /AKIA|s3cr3t/);
    });

    it("skips buckets outside PHI scope when configured as tagged", async () => {
        const phi = bucket("records", { tags: { "data-classification": "PHI" } });
        const other = bucket("assets", { tags: { "data-classification": "public" } });
        const r = await runStack(control, [phi, other], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(phi)]);
    });

    describe("when each part runs", () => {
        it("flags a bucket's public canned ACL and a standalone block's gap in Analyze, and not again in AnalyzeStack", async () => {
            const b = bucket("records", { acl: "public-read" });
            const gap = block(b, { ...FULL_BLOCK, restrictPublicBuckets: false });
            assert.equal((await runResource(control, b)).violations.length, 1);
            assert.equal((await runResource(control, gap)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [b, gap]), { violations: [], unverified: [], urns: [] });
        });

        it("leaves a companion to the stack under tagged PHI scope, where its bucket's tags decide", async () => {
            const site = bucket("site", { tags: { purpose: "website" } });
            const acl = companion("aws:s3/bucketAclV2:BucketAclV2", "site-acl", site, { acl: "public-read" });
            const settings = { phiScope: "tagged" };
            assert.deepEqual(await runResource(control, acl, { settings }), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runStack(control, [site, acl], { settings }), { violations: [], unverified: [], urns: [] });
            const phi = bucket("phi", { tags: { "data-classification": "phi" } });
            const r = await runStack(control, [phi, block(phi), companion("aws:s3/bucketAclV2:BucketAclV2", "phi-acl", phi, { acl: "public-read" })], { settings });
            assert.equal(r.violations.length, 1);
        });

        it("judges coverage by a block only in AnalyzeStack", async () => {
            assert.deepEqual(await runResource(control, bucket("records")), { violations: [], unverified: [], urns: [] });
        });
    });
    describe("objects uploaded into a bucket", () => {
        const OBJECT_TYPES = ["aws:s3/bucketObjectv2:BucketObjectv2", "aws:s3/bucketObject:BucketObject"];
        const object = (type: string, b: ReturnType<typeof bucket>, props: Record<string, unknown>) => companion(type, `${b.name}-export`, b, { key: "export.csv", source: "./export.csv", ...props });

        for (const type of OBJECT_TYPES) {
            it(`flags a ${type.split(":").pop()} uploaded public-read, public-read-write or authenticated-read (any case), in Analyze`, async () => {
                const b = bucket("records");
                for (const acl of ["public-read", "public-read-write", " Authenticated-Read "]) {
                    const o = object(type, b, { acl });
                    const r = await runResource(control, o);
                    assertFindings(r, [{ at: "acl", urn: urnOf(o) }]);
                    assert.match(r.violations[0], /makes the object public/);
                }
            });

            it(`passes a ${type.split(":").pop()} with a private, bucket-owner or no ACL`, async () => {
                const b = bucket("records");
                for (const acl of [{ acl: "private" }, { acl: "bucket-owner-full-control" }, {}]) assertFindings(await runResource(control, object(type, b, acl)), []);
            });
        }

        it("says it could not verify an object ACL unknown at preview, and does not echo a secret one", async () => {
            const b = bucket("records");
            const later = object("aws:s3/bucketObjectv2:BucketObjectv2", b, { acl: unknown });
            assertFindings(await runResource(control, later), [{ at: "acl", outcome: "unverified", urn: urnOf(later) }]);
            const hidden = object("aws:s3/bucketObjectv2:BucketObjectv2", b, { acl: secret("public-read"), key: secret("s3cr3t/key.csv") });
            const r = await runResource(control, hidden);
            assertFindings(r, [{ at: "acl", urn: urnOf(hidden) }]);
            assert.doesNotMatch(r.violations[0], /s3cr3t/);
        });

        it("judges an object by its bucket's PHI scope under tagged scope, in AnalyzeStack, and not again", async () => {
            const settings = { phiScope: "tagged" };
            const site = bucket("site", { tags: { "data-classification": "public" } });
            const asset = object("aws:s3/bucketObjectv2:BucketObjectv2", site, { acl: "public-read" });
            assertFindings(await runResource(control, asset, { settings }), []);
            assertFindings(await runStack(control, [site, asset], { settings }), []);
            const phi = bucket("phi", { tags: { "data-classification": "phi" } });
            const leaked = object("aws:s3/bucketObjectv2:BucketObjectv2", phi, { acl: "public-read" });
            assertFindings(await runStack(control, [phi, block(phi), leaked], { settings }), [{ at: "acl", urn: urnOf(leaked) }]);
            assertFindings(await runStackPart(control, [phi, block(phi), object("aws:s3/bucketObjectv2:BucketObjectv2", phi, { acl: "public-read" })]), []);
        });
    });
});
