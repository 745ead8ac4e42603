import { strict as assert } from "assert";
import { azExfilAccessTokens as control, periodSeconds } from "../../../../policies/azure/exfil/access-tokens";
import { assertLeftTo, runResource, runStack, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { AZ_BOUNDARY, azBoundarySettings } from "../../../examples";

const ACCOUNT = "azure-native:storage:StorageAccount";
const VAULT = "azure-native:keyvault:Vault";
const ACCESS_POLICY = "azure-native:keyvault:AccessPolicy";
const good = { sasPolicy: { sasExpirationPeriod: "0.08:00:00", expirationAction: "Block" }, keyPolicy: { keyExpirationPeriodInDays: 90 } };
const clean = { violations: [], unverified: [], urns: [] };
const vault = (accessPolicies: unknown, tenantId: unknown = AZ_BOUNDARY.tenant, type = VAULT) => ({ type, name: "kv", props: { properties: { tenantId, accessPolicies } } });
const entry = (tenantId: unknown) => ({ tenantId, objectId: "7c0d8a52-1f3e-4b6a-9d2c-5e4f3a2b1c0d", permissions: { secrets: ["get"] } });

describe("az-exfil-access-tokens", () => {
    it("reads DD.HH:MM:SS periods, days optional", () => {
        assert.equal(periodSeconds("1.00:00:00"), 86_400);
        assert.equal(periodSeconds("00:30:00"), 1_800);
        assert.equal(periodSeconds("365.00:00:00"), 365 * 86_400);
        assert.equal(periodSeconds("P1D"), undefined);
    });

    describe("storage accounts", () => {
        it("passes a short SAS period that is enforced and expiring keys, on a versioned token too", async () => {
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: good }), clean);
            assert.deepEqual(await runResource(control, { type: "azure-native:storage/v20230501:StorageAccount", props: { ...good, sasPolicy: { sasExpirationPeriod: "1.00:00:00", expirationAction: "block" } } }), clean);
        });

        it("passes an account without shared key access, whatever its policies", async () => {
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: { allowSharedKeyAccess: false } }), clean);
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: { allowSharedKeyAccess: "false" } }), clean);
        });

        it("flags a period above the configured one, and honours the config", async () => {
            const week = { ...good, sasPolicy: { sasExpirationPeriod: "7.00:00:00", expirationAction: "Block" } };
            assertFindings(await runResource(control, { type: ACCOUNT, props: week }), [{ at: "sasPolicy.sasExpirationPeriod" }]);
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: week }, { config: { maxSasExpirationPeriod: "7.00:00:00" } }), clean);
        });

        it("flags a period that is not DD.HH:MM:SS, and a Log action", async () => {
            const r = await runResource(control, { type: ACCOUNT, props: { ...good, sasPolicy: { sasExpirationPeriod: "P1D", expirationAction: "Log" } } });
            assertFindings(r, [{ at: "sasPolicy.sasExpirationPeriod" }, { at: "sasPolicy.expirationAction" }]);
        });

        it("flags missing SAS and key policies, and keys that expire later than the configured days", async () => {
            assertFindings(await runResource(control, { type: ACCOUNT, props: {} }), [{ at: "sasPolicy" }, { at: "keyPolicy.keyExpirationPeriodInDays" }]);
            assertFindings(await runResource(control, { type: ACCOUNT, props: { ...good, keyPolicy: { keyExpirationPeriodInDays: "365" } } }), [{ at: "keyPolicy.keyExpirationPeriodInDays" }]);
        });

        it("reports unknown policies as unverified, and policies that fall short under an unknown shared key setting as not verifiable at their own paths", async () => {
            assertFindings(await runResource(control, { type: ACCOUNT, props: { sasPolicy: unknown } }), [{ at: "sasPolicy", outcome: "unverified" }]);
            assertFindings(await runResource(control, { type: ACCOUNT, props: { allowSharedKeyAccess: unknown } }), [
                { at: "sasPolicy", outcome: "unverified" },
                { at: "keyPolicy.keyExpirationPeriodInDays", outcome: "unverified" },
            ]);
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: { ...good, allowSharedKeyAccess: unknown } }), clean);
        });

        // Shared keys allowed at all (az-storage-public) and how long what they sign stays valid (this control) are two problems.
        it("leaves allowSharedKeyAccess to az-storage-public, which reports it allowed or unknown", async () => {
            for (const [value, outcome] of [[true, "fail"], [unknown, "unverified"]] as const) {
                await assertLeftTo(control, "az-storage-public", { type: ACCOUNT, props: { ...good, allowSharedKeyAccess: value } }, "allowSharedKeyAccess", outcome);
            }
        });

        it("reads a secret period without echoing it", async () => {
            const r = await runResource(control, { type: ACCOUNT, props: { ...good, sasPolicy: { sasExpirationPeriod: secret("99.00:00:00"), expirationAction: "Block" } } });
            assert.equal(r.violations.length, 1);
            assert.doesNotMatch(r.violations[0], /99\./);
        });

        it("honours the PHI scope", async () => {
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: {} }, { settings: { phiScope: "tagged" } }), clean);
        });
    });

    describe("Key Vault access for other tenants", () => {
        it("passes access policies of a trusted tenant, in any case, and a vault without any", async () => {
            assert.deepEqual(await runStack(control, [vault([entry(AZ_BOUNDARY.tenant.toUpperCase())])], azBoundarySettings), clean);
            assert.deepEqual(await runStack(control, [{ type: VAULT, name: "kv", props: { properties: { tenantId: AZ_BOUNDARY.tenant, enableRbacAuthorization: true } } }], azBoundarySettings), clean);
        });

        it("flags an inline policy and a standalone AccessPolicy for another tenant, and a vault in another tenant", async () => {
            const r = await runStack(
                control,
                [
                    vault([entry(AZ_BOUNDARY.tenant), entry(AZ_BOUNDARY.foreignTenant)], AZ_BOUNDARY.tenant, "azure-native:keyvault/v20230701:Vault"),
                    { type: ACCESS_POLICY, name: "ap", props: { vaultName: "kv", policy: entry(secret(AZ_BOUNDARY.foreignTenant)) } },
                    { ...vault([], AZ_BOUNDARY.foreignTenant), name: "kv2" },
                ],
                azBoundarySettings,
            );
            assertFindings(r, [
                { at: "properties.accessPolicies[1].tenantId", urn: urnOf({ type: "azure-native:keyvault/v20230701:Vault", name: "kv" }) },
                { at: "policy.tenantId", urn: urnOf({ type: ACCESS_POLICY, name: "ap" }) },
                { at: "properties.tenantId", urn: urnOf({ type: VAULT, name: "kv2" }) },
            ]);
            assert.doesNotMatch(r.violations.join("\n"), new RegExp(AZ_BOUNDARY.foreignTenant));
        });

        it("reports unknown tenants as unverified, and an unknown policy list", async () => {
            const r = await runStack(control, [vault([entry(unknown)])], azBoundarySettings);
            assertFindings(r, [{ at: "properties.accessPolicies[0].tenantId", urn: urnOf({ type: VAULT, name: "kv" }), outcome: "unverified" }]);
            const list = await runStack(control, [vault(unknown)], azBoundarySettings);
            assertFindings(list, [{ at: "properties.accessPolicies", urn: urnOf({ type: VAULT, name: "kv" }), outcome: "unverified" }]);
        });

        it("counts the scan's placeholder tenant (getClientConfig) as own, and says once when the tenant cannot be told", async () => {
            assert.deepEqual(await runStack(control, [vault([entry("00000000-0000-0000-0000-0000000000a1")], "00000000-0000-0000-0000-0000000000a1")]), clean);
            const r = await runStack(control, [vault([entry(AZ_BOUNDARY.foreignTenant), entry(AZ_BOUNDARY.tenant)])]);
            assertFindings(r, [{ at: "the organisation boundary", outcome: "unverified" }]);
            assert.match(r.unverified[0], /3 destinations/);
        });

        it("takes the tenant from the stack's provider when none is configured", async () => {
            const provider = { type: "pulumi:providers:azure-native", name: "default_3_28_0", props: { tenantId: AZ_BOUNDARY.tenant } };
            const r = await runStack(control, [provider, vault([entry(AZ_BOUNDARY.foreignTenant)])]);
            assertFindings(r, [{ at: "properties.accessPolicies[0].tenantId", urn: urnOf({ type: VAULT, name: "kv" }) }]);
        });
    });
});
