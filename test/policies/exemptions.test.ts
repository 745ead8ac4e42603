import { strict as assert } from "assert";
import { awsIamNoAdminStatements } from "../../policies/aws/iam/no-admin-statements";
import { awsS3EncryptionCmk } from "../../policies/aws/s3/encryption-cmk";
import { runResource, runStack, urnOf } from "../harness";

const admin = (tags?: Record<string, string>) => ({
    type: "aws:iam/policy:Policy",
    name: "ops-admin",
    props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }), ...(tags ? { tags } : {}) },
});
const TAG = "phi-guard:exempt:aws-iam-no-admin-statements";

describe("exemptions", () => {
    const saved = process.env.PHI_GUARD_TODAY;
    before(() => (process.env.PHI_GUARD_TODAY = "2026-11-29"));
    after(() => (saved === undefined ? delete process.env.PHI_GUARD_TODAY : (process.env.PHI_GUARD_TODAY = saved)));

    it("exempts a resource named in config and reports the exemption as not applicable", async () => {
        const exemptions = [{ resource: "ops-*", reason: "migration to SSO roles", expires: "2027-01-31", approvedBy: "ciso" }];
        const r = await runResource(awsIamNoAdminStatements, admin(), { config: { exemptions } });
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.exempt, ["exempt: ops-admin: migration to SSO roles (until 2027-01-31, approved by ciso; policy config)"]);
    });

    it("exempts by exact URN", async () => {
        const exemptions = [{ resource: urnOf(admin()), reason: "break-glass", expires: "2026-11-29" }];
        const r = await runResource(awsIamNoAdminStatements, admin(), { config: { exemptions } });
        assert.deepEqual(r.violations, []);
        assert.equal(r.exempt?.length, 1);
    });

    it("keeps the finding and says when a config exemption expired", async () => {
        const exemptions = [{ resource: "ops-admin", reason: "temporary", expires: "2026-11-28" }];
        const r = await runResource(awsIamNoAdminStatements, admin(), { config: { exemptions } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /exemption \(policy config\) expired on 2026-11-28/);
        assert.equal(r.exempt, undefined);
    });

    it("exempts by a resource tag holding the reason and expiry", async () => {
        const r = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "break-glass role for incident response; expires=2027-03-01; approvedBy=security" }));
        assert.deepEqual(r.violations, []);
        assert.match(r.exempt![0], /break-glass role for incident response \(until 2027-03-01, approved by security; tag/);
    });

    it("treats a tag without expiry or reason as invalid and keeps the finding", async () => {
        const noExpiry = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "because" }));
        const noReason = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "expires=2027-01-01" }));
        const badDate = await runResource(awsIamNoAdminStatements, admin({ [TAG]: "x; expires=2027-02-30" }));
        assert.match(noExpiry.violations[0], /tag is invalid: it needs expires=YYYY-MM-DD/);
        assert.match(noReason.violations[0], /tag is invalid: it gives no reason/);
        assert.match(badDate.violations[0], /needs expires/);
    });

    it("does not exempt other resources or other controls", async () => {
        const exemptions = [{ resource: "someone-else", reason: "r", expires: "2027-01-01" }];
        const r = await runResource(awsIamNoAdminStatements, admin({ "phi-guard:exempt:aws-s3-encryption-cmk": "r; expires=2027-01-01" }), { config: { exemptions } });
        assert.equal(r.violations.length, 1);
    });

    it("exempts one resource of a stack control and still reports the others", async () => {
        const a = { type: "aws:s3/bucket:Bucket", name: "legacy-export", props: { tags: { "phi-guard:exempt:aws-s3-encryption-cmk": "decommission in Q1; expires=2027-03-31" } } };
        const b = { type: "aws:s3/bucket:Bucket", name: "records", props: {} };
        const r = await runStack(awsS3EncryptionCmk, [a, b]);
        assert.deepEqual(r.urns, [urnOf(b)]);
        assert.match(r.exempt![0], /^exempt: legacy-export: decommission in Q1 \(until 2027-03-31; tag/);
    });
});
