import { strict as assert } from "assert";
import { azDefenderPurview as control } from "../../../../policies/azure/defender/purview";
import { runStack, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const pricing = (plan: string, tier = "Standard"): TestResource => ({ type: "azure-native:security:Pricing", name: `defender-${plan}`, props: { pricingName: plan, pricingTier: tier, scopeId: SUB } });
const plans = (tier = "Standard") => ["StorageAccounts", "KeyVaults", "SqlServers", "Arm"].map((p) => pricing(p, tier));
const purview: TestResource = { type: "azure-native:purview:Account", name: "purview", props: { resourceGroupName: "rg", publicNetworkAccess: "Disabled" } };
const storage: TestResource = { type: "azure-native:storage:StorageAccount", name: "phi", props: { resourceGroupName: "rg" } };
const vault: TestResource = { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg" } };

describe("az-defender-purview", () => {
    it("passes PHI stores with all Defender plans Standard and a Purview account", async () => {
        const r = await runStack(control, [storage, vault, ...plans(), purview]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags a required plan at the Free tier, on the Pricing", async () => {
        const free = pricing("KeyVaults", "Free");
        const r = await runStack(control, [storage, ...plans().filter((p) => p.name !== free.name), free, purview]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /plan KeyVaults is not at the Standard tier at pricingTier:/);
        assert.deepEqual(r.urns, [urnOf(free)]);
    });

    it("flags a missing store plan on each PHI store of that kind", async () => {
        const other: TestResource = { ...storage, name: "phi2" };
        const r = await runStack(control, [storage, other, vault, ...plans().filter((p) => p.props.pricingName !== "StorageAccounts"), purview]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /no Defender for Cloud plan StorageAccounts/);
        assert.deepEqual(r.urns, [urnOf(storage), urnOf(other)]);
    });

    it("does not require a store plan when the stack holds no store of that kind", async () => {
        const r = await runStack(control, [storage, ...plans().filter((p) => p.props.pricingName !== "SqlServers"), purview]);
        assertFindings(r, []);
    });

    it("flags a missing Arm plan on the first PHI store", async () => {
        const r = await runStack(control, [vault, storage, ...plans().filter((p) => p.props.pricingName !== "Arm"), purview]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /plan Arm/);
        assert.deepEqual(r.urns, [urnOf(vault)]);
    });

    it("flags a missing Purview account on the first PHI store", async () => {
        const r = await runStack(control, [storage, ...plans()]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no Microsoft Purview account .* at \(purview\.Account\):/);
        assert.deepEqual(r.urns, [urnOf(storage)]);
    });

    it("matches plan names in any case and versioned tokens", async () => {
        const r = await runStack(control, [storage, ...plans().map((p) => ({ ...p, type: "azure-native:security/v20240101:Pricing", props: { ...p.props, pricingName: String(p.props.pricingName).toLowerCase(), pricingTier: "standard" } })), purview]);
        assertFindings(r, []);
    });

    it("requires nothing when Defender and Purview are managed centrally", async () => {
        const r = await runStack(control, [storage, vault], { config: { defenderManagedCentrally: true, purviewManagedCentrally: true } });
        assertFindings(r, []);
    });

    it("still flags a Free plan declared in a centrally managed stack", async () => {
        const r = await runStack(control, [storage, pricing("StorageAccounts", "Free")], { config: { defenderManagedCentrally: true, purviewManagedCentrally: true } });
        assertFindings(r, [{ at: "pricingTier", urn: "urn:pulumi:test::test::azure-native:security:Pricing::defender-StorageAccounts" }]);
    });

    it("requires nothing of a stack without PHI stores", async () => {
        const r = await runStack(control, [{ type: "azure-native:resources:ResourceGroup", name: "rg", props: {} }]);
        assertFindings(r, []);
    });

    it("honours a configured plan list", async () => {
        const r = await runStack(control, [storage, pricing("StorageAccounts"), purview], { config: { requiredPlans: ["StorageAccounts"] } });
        assertFindings(r, []);
    });

    it("reports unknown pricing values as unverified", async () => {
        const r = await runStack(control, [storage, ...plans().slice(1), { ...pricing("StorageAccounts"), props: { pricingName: "StorageAccounts", pricingTier: unknown } }, purview]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /pricingTier/);
    });
});
