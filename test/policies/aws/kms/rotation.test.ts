import { strict as assert } from "assert";
import { awsKmsRotation as control } from "../../../../policies/aws/kms/rotation";
import { runResource, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const key = (props: Record<string, unknown>) => ({ type: "aws:kms/key:Key", props: { description: "phi", ...props } });

describe("aws-kms-rotation", () => {
    it("flags a symmetric key without rotation", async () => {
        const r = await runResource(control, key({}));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /rotation is off at enableKeyRotation/);
    });

    it('flags enableKeyRotation false and "false" on SYMMETRIC_DEFAULT keys', async () => {
        for (const v of [false, "false"]) {
            const r = await runResource(control, key({ enableKeyRotation: v, customerMasterKeySpec: "SYMMETRIC_DEFAULT" }));
            assertFindings(r, [{ at: "enableKeyRotation" }]);
        }
    });

    it("passes a rotating key with the default deletion window", async () => {
        const r = await runResource(control, key({ enableKeyRotation: true }));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes asymmetric and HMAC keys without rotation (AWS cannot rotate them)", async () => {
        for (const props of [{ customerMasterKeySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" }, { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, { keySpec: "ECC_NIST_P256" }]) {
            assert.deepEqual((await runResource(control, key(props))).violations, []);
        }
    });

    it("flags a deletion window shorter than 30 days", async () => {
        const r = await runResource(control, key({ enableKeyRotation: true, deletionWindowInDays: 7 }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /deletion window is 7 days .* at deletionWindowInDays/);
    });

    it("takes the minimum deletion window from config", async () => {
        const r = await runResource(control, key({ enableKeyRotation: true, deletionWindowInDays: 20 }), { config: { minDeletionWindowInDays: 14 } });
        assert.deepEqual(r.violations, []);
    });

    it("flags a rotation period longer than the configured maximum", async () => {
        const r = await runResource(control, key({ enableKeyRotation: true, rotationPeriodInDays: 730 }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at rotationPeriodInDays/);
    });

    it("says it could not verify unknown rotation, window and key spec values", async () => {
        const r = await runResource(control, key({ enableKeyRotation: unknown, deletionWindowInDays: unknown }));
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
        const s = await runResource(control, key({ customerMasterKeySpec: unknown, enableKeyRotation: true }));
        assertFindings(s, [{ at: "customerMasterKeySpec", outcome: "unverified" }]);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await runResource(control, { type: "aws:kms/alias:Alias", props: {} })).violations, []);
    });
});
