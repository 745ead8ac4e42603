import { strict as assert } from "assert";
import { azKeyvaultKeyRotation as control, durationDays } from "../../../../policies/azure/keyvault/key-rotation";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const KEY = "azure-native:keyvault:Key";
const SECRET = "azure-native:keyvault:Secret";
const rotate = (trigger: Record<string, unknown> = { timeAfterCreate: "P90D" }) => ({ action: { type: "rotate" }, trigger });
const key = (rotationPolicy: unknown, attributes?: Record<string, unknown>, type = KEY) => ({
    type,
    props: { vaultName: "kv", resourceGroupName: "rg", properties: { kty: "RSA", ...(rotationPolicy === undefined ? {} : { rotationPolicy }), ...(attributes ? { attributes } : {}) } },
});
const policy = (actions: unknown[], expiryTime: unknown = "P1Y") => ({ lifetimeActions: actions, attributes: { expiryTime } });

describe("az-keyvault-key-rotation", () => {
    it("passes a key that rotates every 90 days and expires after a year", async () => {
        const r = await runResource(control, key(policy([rotate(), { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }])));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("accepts attributes.expires instead of a policy expiry", async () => {
        const r = await runResource(control, key({ lifetimeActions: [rotate()] }, { expires: 1893456000 }));
        assert.deepEqual(r.violations, []);
    });

    it("flags a key without a rotation policy", async () => {
        const r = await runResource(control, key(undefined, { expires: 1893456000 }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no rotation policy with a Rotate action at properties\.rotationPolicy\.lifetimeActions/);
    });

    it("flags a policy that only notifies", async () => {
        const r = await runResource(control, key(policy([{ action: { type: "Notify" }, trigger: { timeBeforeExpiry: "P30D" } }])));
        assertFindings(r, [{ at: "properties.rotationPolicy.lifetimeActions" }]);
    });

    it("flags a key that never expires", async () => {
        const r = await runResource(control, key({ lifetimeActions: [rotate()] }));
        assert.match(r.violations[0], /the key never expires at properties\.rotationPolicy\.attributes\.expiryTime/);
    });

    it("flags rotation intervals longer than maxRotationDays", async () => {
        const r = await runResource(control, key(policy([rotate({ timeAfterCreate: "P2Y" })], "P3Y")));
        assert.match(r.violations[0], /rotates every 730 days, more than 365 at properties\.rotationPolicy\.lifetimeActions\[0\]\.trigger/);
        const beforeExpiry = await runResource(control, key(policy([rotate({ timeBeforeExpiry: "P30D" })], "P2Y")));
        assert.match(beforeExpiry.violations[0], /rotates every 700 days/);
        const configured = await runResource(control, key(policy([rotate({ timeAfterCreate: "P2Y" })], "P3Y")), { config: { maxRotationDays: 800 } });
        assert.deepEqual(configured.violations, []);
    });

    it("matches versioned tokens", async () => {
        const r = await runResource(control, key(undefined, undefined, "azure-native:keyvault/v20230701:Key"));
        assertFindings(r, [{ at: "properties.rotationPolicy.attributes.expiryTime" }, { at: "properties.rotationPolicy.lifetimeActions" }]);
    });

    it("flags a secret without an expiry and never echoes its value", async () => {
        const r = await runResource(control, { type: SECRET, props: { vaultName: "kv", properties: { value: secret("Sup3rS3cretPassw0rd!") } } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the secret never expires at properties\.attributes\.expires/);
        assert.doesNotMatch(r.violations[0], /Sup3r/);
    });

    it("passes a secret with an expiry, known or computed", async () => {
        for (const attributes of [{ expires: 1893456000 }, { expires: unknown }, { exp: 1893456000 }]) {
            const r = await runResource(control, { type: SECRET, props: { properties: { value: secret("x"), attributes } } });
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        }
    });

    it("reports unknown policies and actions as unverified", async () => {
        const r = await runResource(control, key(unknown, { expires: 1 }));
        assert.match(r.unverified[0], /could not verify properties\.rotationPolicy/);
        const a = await runResource(control, key(policy([{ action: { type: unknown } }])));
        assert.deepEqual(a.violations, []);
        assert.match(a.unverified[0], /lifetimeActions/);
    });

    it("reads ISO 8601 durations", () => {
        assert.equal(durationDays("P90D"), 90);
        assert.equal(durationDays("P1Y2M"), 425);
        assert.equal(durationDays("P2W"), 14);
        assert.equal(durationDays("PT12H"), 0);
        assert.equal(durationDays("P"), undefined);
        assert.equal(durationDays("90 days"), undefined);
    });
});
