import { strict as assert } from "assert";
import { azPrivateLink as control } from "../../../../policies/azure/private/link";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const PE = "azure-native:network:PrivateEndpoint";
const STORES: [string, string][] = [
    ["azure-native:storage:StorageAccount", "blob"],
    ["azure-native:keyvault:Vault", "vault"],
    ["azure-native:sql:Server", "sqlServer"],
    ["azure-native:cosmosdb:DatabaseAccount", "Sql"],
    ["azure-native:documentdb:DatabaseAccount", "Sql"],
    ["azure-native:storage/v20230101:StorageAccount", "blob"],
];

// Key Vault keeps its settings under `properties`; the other stores at the top level.
const store = (type: string, props: Record<string, unknown> = {}, name = "store"): TestResource => ({
    type,
    name,
    props: type.includes(":keyvault:") ? { resourceGroupName: "rg", properties: { publicNetworkAccess: "Disabled", ...props } } : { resourceGroupName: "rg", publicNetworkAccess: "Disabled", ...props },
});
const endpoint = (target: TestResource, group: string, prop = "privateLinkServiceConnections"): TestResource => ({
    type: PE,
    name: `pe-${target.name}`,
    props: { resourceGroupName: "rg", [prop]: [{ name: "c", privateLinkServiceId: unknown, groupIds: [group] }] },
    propertyDependencies: { [prop]: [urnOf(target)] },
});

describe("az-private-link", () => {
    for (const [type, group] of STORES) {
        it(`flags a ${type.split(":").slice(1).join(":")} without a private endpoint`, async () => {
            const s = store(type);
            const r = await runStack(control, [s]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /no private endpoint connects .* at privateEndpointConnections:/);
            assert.deepEqual(r.urns, [urnOf(s)]);
        });

        it(`passes a ${type.split(":").slice(1).join(":")} with a private endpoint and public access disabled`, async () => {
            const s = store(type);
            const r = await runStack(control, [s, endpoint(s, group)]);
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });
    }

    it("flags a Key Vault whose properties.publicNetworkAccess is enabled", async () => {
        const s = store("azure-native:keyvault:Vault", { publicNetworkAccess: "Enabled" });
        const r = await runStack(control, [s, endpoint(s, "vault")]);
        assert.match(r.violations[0], /at properties\.publicNetworkAccess:/);
    });

    it("flags public network access left enabled even with a private endpoint", async () => {
        const s = store("azure-native:storage:StorageAccount", { publicNetworkAccess: "Enabled" });
        const r = await runStack(control, [s, endpoint(s, "blob")]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /public endpoint is enabled .* at publicNetworkAccess:/);
    });

    it("flags a store that leaves publicNetworkAccess at its default", async () => {
        const s: TestResource = { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg" } };
        const r = await runStack(control, [s, endpoint(s, "vault")]);
        assert.match(r.violations[0], /publicNetworkAccess/);
    });

    it("accepts a manual private link connection", async () => {
        const s = store("azure-native:sql:Server");
        const r = await runStack(control, [s, endpoint(s, "sqlServer", "manualPrivateLinkServiceConnections")]);
        assertFindings(r, []);
    });

    it("joins by a literal privateLinkServiceId when there are no propertyDependencies", async () => {
        const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/phi-sql";
        const s = store("azure-native:sql:Server", { id });
        const pe: TestResource = { type: PE, name: "pe", props: { privateLinkServiceConnections: [{ privateLinkServiceId: id.toUpperCase(), groupIds: ["sqlServer"] }] } };
        const r = await runStack(control, [s, pe]);
        assertFindings(r, []);
    });

    it("does not count an endpoint to another store", async () => {
        const a = store("azure-native:storage:StorageAccount", {}, "a");
        const b = store("azure-native:storage:StorageAccount", {}, "b");
        const r = await runStack(control, [a, b, endpoint(a, "blob")]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("skips stores outside the PHI scope when scoped by tag", async () => {
        const s = store("azure-native:storage:StorageAccount", { tags: { "data-classification": "public" } });
        const r = await runStack(control, [s], { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
    });

    it("checks stores tagged as PHI when scoped by tag", async () => {
        const s = store("azure-native:storage:StorageAccount", { tags: { "data-classification": "PHI" } });
        const r = await runStack(control, [s], { settings: { phiScope: "tagged" } });
        assertFindings(r, [{ at: "privateEndpointConnections", urn: "urn:pulumi:test::test::azure-native:storage:StorageAccount::store" }]);
    });

    it("reports an unknown publicNetworkAccess as unverified", async () => {
        const s = store("azure-native:storage:StorageAccount", { publicNetworkAccess: unknown });
        const r = await runStack(control, [s, endpoint(s, "blob")]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /publicNetworkAccess/);
    });

    it("does not echo secret values of the store", async () => {
        const s = store("azure-native:storage:StorageAccount", { publicNetworkAccess: secret("Enabled"), tags: { note: secret("s3cr3t") } });
        const r = await runStack(control, [s]);
        assertFindings(r, [{ at: "privateEndpointConnections", urn: "urn:pulumi:test::test::azure-native:storage:StorageAccount::store" }, { at: "publicNetworkAccess", urn: "urn:pulumi:test::test::azure-native:storage:StorageAccount::store" }]);
        for (const v of r.violations) assert.doesNotMatch(v, /s3cr3t/);
    });
});
