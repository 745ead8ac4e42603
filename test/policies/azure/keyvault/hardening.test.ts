import { strict as assert } from "assert";
import { azKeyvaultHardening as control } from "../../../../policies/azure/keyvault/hardening";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const base = { tenantId: "t", sku: { family: "A", name: "premium" }, enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: "Disabled" };
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const vault = (props: Record<string, unknown> = {}, type = "azure-native:keyvault:Vault") => ({ type, props: { resourceGroupName: "rg", properties: defined({ ...base, ...props }) } });

describe("az-keyvault-hardening", () => {
    it("passes a vault with purge protection, RBAC and no public access", async () => {
        const r = await runResource(control, vault());
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a firewall that denies by default, and lower-case values", async () => {
        const r = await runResource(control, vault({ publicNetworkAccess: "enabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } }));
        assert.deepEqual(r.violations, []);
        const r2 = await runResource(control, vault({ publicNetworkAccess: "disabled" }));
        assert.deepEqual(r2.violations, []);
    });

    it("flags purge protection that is off or omitted", async () => {
        for (const v of [false, undefined]) {
            const r = await runResource(control, vault({ enablePurgeProtection: v }));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /purge protection is not enabled.* at properties\.enablePurgeProtection/);
        }
    });

    it("flags soft delete disabled, but not omitted", async () => {
        const r = await runResource(control, vault({ enableSoftDelete: false }));
        assert.match(r.violations[0], /soft delete is disabled at properties\.enableSoftDelete/);
        const r2 = await runResource(control, vault({ enableSoftDelete: "true" }));
        assert.deepEqual(r2.violations, []);
    });

    it("flags access policies instead of RBAC (explicit or default)", async () => {
        for (const v of [false, undefined]) {
            const r = await runResource(control, vault({ enableRbacAuthorization: v }));
            assert.match(r.violations[0], /access policies instead of Azure RBAC at properties\.enableRbacAuthorization/);
        }
    });

    it("flags a vault open to every network", async () => {
        for (const props of [{ publicNetworkAccess: undefined }, { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" } }]) {
            const r = await runResource(control, vault(props));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /any network at properties\.publicNetworkAccess/);
        }
    });

    it("matches versioned tokens", async () => {
        const r = await runResource(control, vault({ enablePurgeProtection: false }, "azure-native:keyvault/v20230701:Vault"));
        assertFindings(r, [{ at: "properties.enablePurgeProtection" }]);
    });

    it("does not echo property values", async () => {
        const r = await runResource(control, vault({ publicNetworkAccess: secret("s3cret-value"), enableRbacAuthorization: secret(false) }));
        assert.equal(r.violations.length, 2);
        assert.doesNotMatch(r.violations.join("\n"), /s3cret/);
    });

    it("reports unknown values as unverified", async () => {
        const r = await runResource(control, vault({ enablePurgeProtection: unknown, enableSoftDelete: unknown, enableRbacAuthorization: unknown, publicNetworkAccess: unknown }));
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 4);
        const all = await runResource(control, { type: "azure-native:keyvault:Vault", props: { properties: unknown } });
        assert.match(all.unverified[0], /could not verify properties during preview/);
    });
});
