import { strict as assert } from "assert";
import { azPrivateLink as control } from "../../../../policies/azure/private/link";
import { controls } from "../../../../policies/registry";
import { runResource, runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings, findingsOf } from "../../../findings";

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

    // The owners of each store's network report an open or unknown endpoint; this control adds one that a firewall only limits.
    const LIMITED: [string, Record<string, unknown>, string, string][] = [
        ["azure-native:storage:StorageAccount", { publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Deny" } }, "publicNetworkAccess", "blob"],
        ["azure-native:keyvault:Vault", { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny" } }, "properties.publicNetworkAccess", "vault"],
        ["azure-native:cosmosdb:DatabaseAccount", { publicNetworkAccess: "Enabled", ipRules: [{ ipAddressOrRange: "203.0.113.0/24" }] }, "publicNetworkAccess", "Sql"],
        ["azure-native:documentdb:DatabaseAccount", { publicNetworkAccess: "Enabled", isVirtualNetworkFilterEnabled: true }, "publicNetworkAccess", "Sql"],
    ];
    for (const [type, props, path, group] of LIMITED) {
        it(`flags a ${type.split(":").slice(1).join(":")} whose public endpoint is on behind a firewall, even with a private endpoint`, async () => {
            const s = store(type, props);
            const r = await runStack(control, [s, endpoint(s, group)]);
            assertFindings(r, [{ at: path, urn: urnOf(s) }]);
            assert.match(r.violations[0], /limited only by its firewall/);
        });
    }

    const OWNED: [string, Record<string, unknown>, string, string][] = [
        ["azure-native:storage:StorageAccount", { publicNetworkAccess: "Enabled" }, "az-storage-public", "publicNetworkAccess"],
        ["azure-native:keyvault:Vault", { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" } }, "az-keyvault-hardening", "properties.publicNetworkAccess"],
        ["azure-native:sql:Server", { publicNetworkAccess: "Enabled" }, "az-sql-hardening", "publicNetworkAccess"],
        ["azure-native:cosmosdb:DatabaseAccount", { publicNetworkAccess: "Enabled" }, "az-datastore-public", "publicNetworkAccess"],
        ["azure-native:cosmosdb:DatabaseAccount", { publicNetworkAccess: "Enabled", ipRules: [{ ipAddressOrRange: "0.0.0.0/0" }] }, "az-datastore-public", "ipRules[0].ipAddressOrRange"],
        ["azure-native:storage:StorageAccount", { publicNetworkAccess: unknown }, "az-storage-public", "publicNetworkAccess"],
        ["azure-native:keyvault:Vault", { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: unknown } }, "az-keyvault-hardening", "properties.networkAcls.defaultAction"],
    ];
    for (const [type, props, owner, path] of OWNED) {
        it(`leaves a ${type.split(":").slice(1).join(":")} endpoint open to any network (or unknown) to ${owner}: ${JSON.stringify(props)}`, async () => {
            const s = store(type, props);
            assertFindings(await runStack(control, [s, endpoint(s, "blob")]), []);
            const owned = await runResource(controls.find((c) => c.id === owner)!, s);
            assert.ok(findingsOf(owned, urnOf(s)).some((f) => f.at === path), `${owner} reports it at ${path}`);
        });
    }

    it("leaves a store whose publicNetworkAccess is at its default to the owner of its network", async () => {
        const s: TestResource = { type: "azure-native:keyvault:Vault", name: "kv", props: { resourceGroupName: "rg" } };
        const r = await runStack(control, [s, endpoint(s, "vault")]);
        assertFindings(r, []);
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

    it("does not echo secret values of the store", async () => {
        const s = store("azure-native:storage:StorageAccount", { publicNetworkAccess: secret("Enabled"), networkRuleSet: { defaultAction: "Deny" }, tags: { note: secret("s3cr3t") } });
        const r = await runStack(control, [s]);
        assertFindings(r, [{ at: "privateEndpointConnections", urn: urnOf(s) }, { at: "publicNetworkAccess", urn: urnOf(s) }]);
        for (const v of r.violations) assert.doesNotMatch(v, /s3cr3t/);
    });
});
