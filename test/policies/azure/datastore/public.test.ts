import { strict as assert } from "assert";
import { azDatastorePublic as control } from "../../../../policies/azure/datastore/public";
import { runResource, runStack, runStackPart, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { sdkHasInput } from "../../lib/sdk-types";

const clean = { violations: [], unverified: [], urns: [] };
const COSMOS = "azure-native:cosmosdb:DatabaseAccount";
const REDIS = "azure-native:redis:Redis";
const RULE_TYPES = [
    "azure-native:sql:FirewallRule",
    "azure-native:sql/v20230801:FirewallRule",
    "azure-native:dbforpostgresql:FirewallRule",
    "azure-native:dbformysql:FirewallRule",
    "azure-native:dbformysql/v20231230:FirewallRule",
    "azure-native:synapse:IpFirewallRule",
    "azure-native:dbformariadb:FirewallRule",
    "azure-native:dbformariadb/v20180601:FirewallRule",
];
/** A finding on the resource runResource analyzes. */
const on = (type: string, at: string, outcome?: "unverified") => ({ at, urn: urnOf({ type, name: "res" }), ...(outcome ? { outcome } : {}) });
const rule = (type: string, start: unknown, end: unknown) => ({ type, props: { serverName: "srv", workspaceName: "ws", startIpAddress: start, endIpAddress: end } });

describe("az-datastore-public", () => {
    it("flags a firewall rule open to the whole internet on SQL, PostgreSQL, MySQL, Synapse and MariaDB, versioned tokens included", async () => {
        for (const type of RULE_TYPES) {
            const r = await runResource(control, rule(type, "0.0.0.0", "255.255.255.255"));
            assertFindings(r, [on(type, "startIpAddress")]);
            assert.match(r.violations[0], /opens the PHI store to the whole internet at startIpAddress/, type);
        }
    });

    it("flags ranges as wide as a /7, and passes narrower ones", async () => {
        const SQL = RULE_TYPES[0];
        assertFindings(await runResource(control, rule(SQL, "1.0.0.0", "223.255.255.255")), [on(SQL, "startIpAddress")]);
        assertFindings(await runResource(control, rule(SQL, " 0.0.0.0 ", "1.255.255.255")), [on(SQL, "startIpAddress")]);
        assert.deepEqual(await runResource(control, rule(SQL, "10.0.0.0", "10.255.255.255")), clean);
        assert.deepEqual(await runResource(control, rule(SQL, "203.0.113.4", "203.0.113.4")), clean);
    });

    it('flags the 0.0.0.0-0.0.0.0 "allow Azure services" rule unless allowAzureServices is set', async () => {
        const r = await runResource(control, rule(RULE_TYPES[5], "0.0.0.0", "0.0.0.0"));
        assertFindings(r, [on(RULE_TYPES[5], "startIpAddress")]);
        assert.match(r.violations[0], /every VM or function of any Azure tenant/);
        assert.deepEqual(await runResource(control, rule(RULE_TYPES[5], "0.0.0.0", "0.0.0.0"), { config: { allowAzureServices: true } }), clean);
    });

    it("flags a secret whole-internet range without echoing it", async () => {
        const r = await runResource(control, rule(RULE_TYPES[2], secret("0.0.0.0"), secret("255.255.255.255")));
        assertFindings(r, [on(RULE_TYPES[2], "startIpAddress")]);
        assert.doesNotMatch(r.violations[0], /255\.255/);
    });

    it("reports an unknown address as unverified, at the unknown side", async () => {
        assertFindings(await runResource(control, rule(RULE_TYPES[0], unknown, "255.255.255.255")), [on(RULE_TYPES[0], "startIpAddress", "unverified")]);
        assertFindings(await runResource(control, rule(RULE_TYPES[0], "0.0.0.0", unknown)), [on(RULE_TYPES[0], "endIpAddress", "unverified")]);
    });

    it("reports a rule that is not an address range as not verifiable", async () => {
        for (const [start, end] of [["::", "1.1.1.1"], ["10.0.0.9", "10.0.0.1"], [7, "1.1.1.1"]]) {
            assertFindings(await runResource(control, rule(RULE_TYPES[0], start, end)), [on(RULE_TYPES[0], "startIpAddress", "unverified")]);
        }
    });

    it("flags IPv6 SQL rules as wide as a /15, single-server rules, and Mongo cluster rules in both shapes", async () => {
        const V6 = "azure-native:sql:IPv6FirewallRule";
        assertFindings(await runResource(control, { type: V6, props: { serverName: "s", startIPv6Address: "::", endIPv6Address: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" } }), [on(V6, "startIPv6Address")]);
        assert.deepEqual(await runResource(control, { type: V6, props: { serverName: "s", startIPv6Address: "2001:db8::", endIPv6Address: "2001:db8::ffff" } }), clean);
        for (const type of ["azure-native:dbforpostgresql:SingleServerFirewallRule", "azure-native:dbformysql:SingleServerFirewallRule", "azure-native:cosmosdb:MongoClusterFirewallRule"]) {
            assertFindings(await runResource(control, { type, props: { serverName: "s", mongoClusterName: "m", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" } }), [on(type, "startIpAddress")]);
        }
        const MONGO = "azure-native:mongocluster:FirewallRule";
        assertFindings(await runResource(control, { type: MONGO, props: { mongoClusterName: "m", properties: { startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" } } }), [on(MONGO, "properties.startIpAddress")]);
        assertFindings(await runResource(control, { type: MONGO, props: { mongoClusterName: "m", properties: { startIpAddress: unknown, endIpAddress: "1.1.1.1" } } }), [on(MONGO, "properties.startIpAddress", "unverified")]);
    });

    it("flags rules of one store that split the internet into pieces, once, on its first rule; overlapping or separate stores' rules are not added up", async () => {
        const SQL = "azure-native:sql:FirewallRule";
        const server = { type: "azure-native:sql:Server", name: "srv", props: { name: "srv" } };
        const half = (name: string, start: string, end: string, serverName: unknown = unknown) => ({
            type: SQL,
            name,
            props: { serverName, startIpAddress: start, endIpAddress: end },
            ...(serverName === unknown ? { propertyDependencies: { serverName: [urnOf(server)] } } : {}),
        });
        // Two /8s: each narrower than the /7 a single rule may not reach, together as wide.
        const low = half("low", "1.0.0.0", "1.255.255.255");
        assertFindings(await runStackPart(control, [server, low, half("high", "2.0.0.0", "2.255.255.255")]), [{ at: "startIpAddress", urn: urnOf(low) }]);
        // The same split, naming a server outside the stack by its literal name.
        const outside = half("low", "1.0.0.0", "1.255.255.255", "PHI-SQL");
        assertFindings(await runStackPart(control, [outside, half("high", "2.0.0.0", "2.255.255.255", "phi-sql")]), [{ at: "startIpAddress", urn: urnOf(outside) }]);
        assert.deepEqual(await runStackPart(control, [half("a", "10.0.0.0", "10.255.255.255"), half("b", "10.0.0.0", "10.255.255.255"), server]), clean);
        assert.deepEqual(await runStackPart(control, [half("low", "1.0.0.0", "1.255.255.255", "one"), half("high", "2.0.0.0", "2.255.255.255", "two")]), clean);
    });

    it("reads Redis firewall rules as startIP / endIP under every token", async () => {
        for (const type of ["azure-native:redis:FirewallRule", "azure-native:redis:RedisFirewallRule", "azure-native:cache:FirewallRule"]) {
            assertFindings(await runResource(control, { type, props: { cacheName: "c", startIP: "0.0.0.0", endIP: "255.255.255.255" } }), [on(type, "startIP")]);
            assert.deepEqual(await runResource(control, { type, props: { cacheName: "c", startIP: "203.0.113.1", endIP: "203.0.113.9" } }), clean);
        }
    });

    it("passes a Cosmos DB account with public access disabled, ipRules, or a virtual network filter", async () => {
        for (const type of [COSMOS, "azure-native:documentdb:DatabaseAccount", "azure-native:documentdb/v20240515:DatabaseAccount"]) {
            assert.deepEqual(await runResource(control, { type, props: { publicNetworkAccess: "disabled" } }), clean, type);
        }
        assert.deepEqual(await runResource(control, { type: COSMOS, props: { ipRules: [{ ipAddressOrRange: "203.0.113.0/24" }, { ipAddressOrRange: "198.51.100.7" }] } }), clean);
        assert.deepEqual(await runResource(control, { type: COSMOS, props: { publicNetworkAccess: "Enabled", isVirtualNetworkFilterEnabled: true, virtualNetworkRules: [{ id: "subnet" }] } }), clean);
    });

    it("flags a Cosmos DB account open to every network, and ipRules entries that open it to the internet or every Azure tenant", async () => {
        assertFindings(await runResource(control, { type: COSMOS, props: {} }), [on(COSMOS, "publicNetworkAccess")]);
        assertFindings(await runResource(control, { type: COSMOS, props: { publicNetworkAccess: "Enabled", isVirtualNetworkFilterEnabled: false, ipRules: [] } }), [on(COSMOS, "publicNetworkAccess")]);
        assertFindings(await runResource(control, { type: COSMOS, props: { ipRules: [{ ipAddressOrRange: "10.1.0.0/16" }, { ipAddressOrRange: "0.0.0.0/0" }, { ipAddressOrRange: "0.0.0.0" }] } }), [
            on(COSMOS, "ipRules[1].ipAddressOrRange"),
            on(COSMOS, "ipRules[2].ipAddressOrRange"),
        ]);
        assert.deepEqual(await runResource(control, { type: COSMOS, props: { ipRules: [{ ipAddressOrRange: "0.0.0.0" }] } }, { config: { allowAzureServices: true } }), clean);
        assertFindings(await runResource(control, { type: COSMOS, props: { ipRules: [{ ipAddressOrRange: "0.0.0.0/1" }, { ipAddressOrRange: "128.0.0.0/1" }] } }), [
            on(COSMOS, "ipRules[0].ipAddressOrRange"),
            on(COSMOS, "ipRules[1].ipAddressOrRange"),
        ]);
        assertFindings(await runResource(control, { type: COSMOS, props: { ipRules: ["1.0.0.0/8", "2.0.0.0/8"].map((ipAddressOrRange) => ({ ipAddressOrRange })) } }), [on(COSMOS, "ipRules")]);
    });

    it("reports unknown Cosmos DB settings as unverified", async () => {
        assertFindings(await runResource(control, { type: COSMOS, props: { publicNetworkAccess: unknown } }), [on(COSMOS, "publicNetworkAccess", "unverified")]);
        assertFindings(await runResource(control, { type: COSMOS, props: { ipRules: unknown } }), [on(COSMOS, "ipRules", "unverified")]);
        assertFindings(await runResource(control, { type: COSMOS, props: { ipRules: [unknown, { ipAddressOrRange: unknown }] } }), [
            on(COSMOS, "ipRules[0].ipAddressOrRange", "unverified"),
            on(COSMOS, "ipRules[1].ipAddressOrRange", "unverified"),
        ]);
        assertFindings(await runResource(control, { type: COSMOS, props: { isVirtualNetworkFilterEnabled: unknown } }), [on(COSMOS, "isVirtualNetworkFilterEnabled", "unverified")]);
    });

    it("flags a Redis cache with public access that no firewall rule of the stack limits, under both module names", async () => {
        for (const type of [REDIS, "azure-native:cache:Redis", "azure-native:redis/v20240301:Redis"]) {
            const cache = { type, name: "cache", props: { name: "records-cache" } };
            const r = await runStackPart(control, [cache]);
            assertFindings(r, [{ at: "publicNetworkAccess", urn: urnOf(cache) }]);
        }
    });

    it("passes a Redis cache with public access disabled, in a subnet, or limited by a rule joined by output or by literal name", async () => {
        const cache = (props: Record<string, unknown>) => ({ type: REDIS, name: "cache", props: { name: "records-cache", ...props } });
        assert.deepEqual(await runStack(control, [cache({ publicNetworkAccess: "Disabled" })]), clean);
        assert.deepEqual(await runStack(control, [cache({ subnetId: unknown })]), clean);
        const byOutput = { type: "azure-native:redis:FirewallRule", name: "office", props: { cacheName: unknown, startIP: "203.0.113.1", endIP: "203.0.113.1" }, propertyDependencies: { cacheName: [urnOf(cache({}))] } };
        assert.deepEqual(await runStack(control, [cache({}), byOutput]), clean);
        const byName = { type: "azure-native:redis:FirewallRule", name: "office", props: { cacheName: "records-cache", startIP: "203.0.113.1", endIP: "203.0.113.1" } };
        assert.deepEqual(await runStack(control, [cache({}), byName]), clean);
        assertFindings(await runStack(control, [cache({ publicNetworkAccess: unknown })]), [{ at: "publicNetworkAccess", outcome: "unverified", urn: urnOf(cache({})) }]);
    });

    it("flags a wide rule of a flexible server whose network.publicNetworkAccess is Disabled, under every server and rule token, before the rule's own step", async () => {
        for (const [serverType, ruleType] of [
            ["azure-native:dbforpostgresql:Server", "azure-native:dbforpostgresql:FirewallRule"],
            ["azure-native:dbforpostgresql/v20240801:Server", "azure-native:dbforpostgresql/v20240801:FirewallRule"],
            ["azure-native:dbformysql:Server", "azure-native:dbformysql:FirewallRule"],
            ["azure-native:dbformysql/v20231230:Server", "azure-native:dbformysql/v20231230:FirewallRule"],
        ]) {
            const server = { type: serverType, name: "flex", props: { network: { publicNetworkAccess: "Disabled" } } };
            const open = { type: ruleType, name: "any", props: { serverName: unknown, startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }, propertyDependencies: { serverName: [urnOf(server)] } };
            assertFindings(await runStack(control, [server, open]), [{ at: "startIpAddress", urn: urnOf(open) }]);
            assert.deepEqual(await runStackPart(control, [server, open]), clean, `${ruleType}: reported in Analyze, not after every step`);
        }
    });

    const ENTERPRISE = "azure-native:redisenterprise:RedisEnterprise";
    const ENTERPRISE_TYPES = [ENTERPRISE, "azure-native:cache:RedisEnterprise", "azure-native:cache/v20240201:RedisEnterprise", "azure-native:redisenterprise/v20250401:RedisEnterprise"];

    it("flags a Redis Enterprise cluster with public access on, which no firewall rule can limit, under both module names and versioned tokens", async () => {
        for (const type of ENTERPRISE_TYPES) {
            const r = await runResource(control, { type, props: { sku: { name: "Balanced_B1" }, publicNetworkAccess: "Enabled" } });
            assertFindings(r, [on(type, "publicNetworkAccess")]);
            assert.match(r.violations[0], /the cluster accepts connections from every network/);
            assert.deepEqual(await runResource(control, { type, props: { publicNetworkAccess: "disabled" } }), clean, type);
        }
    });

    it("reports a Redis Enterprise cluster's unknown publicNetworkAccess as unverified, and one an older API version leaves unset as not verifiable", async () => {
        assertFindings(await runResource(control, { type: ENTERPRISE, props: { publicNetworkAccess: unknown } }), [on(ENTERPRISE, "publicNetworkAccess", "unverified")]);
        const old = "azure-native:cache/v20230701:RedisEnterprise";
        const r = await runResource(control, { type: old, props: { sku: { name: "Enterprise_E10" }, minimumTlsVersion: "1.2" } });
        assertFindings(r, [on(old, "publicNetworkAccess", "unverified")]);
        assert.match(r.unverified[0], /older API versions have none/);
    });

    it("passes a MariaDB firewall rule narrower than the internet, and judges one by its server's PHI scope, known only in the stack", async () => {
        const MARIA = "azure-native:dbformariadb:FirewallRule";
        assert.deepEqual(await runResource(control, rule(MARIA, "203.0.113.0", "203.0.113.255")), clean);
        const server = (tags: Record<string, string>) => ({ type: "azure-native:dbformariadb:Server", name: "maria", props: { tags, properties: { createMode: "Default" } } });
        const open = { type: MARIA, name: "any", props: { serverName: unknown, startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }, propertyDependencies: { serverName: [urnOf(server({}))] } };
        const settings = { phiScope: "tagged" };
        assert.deepEqual(await runStack(control, [server({ "data-classification": "public" }), open], { settings }), clean);
        assertFindings(await runStack(control, [server({ "data-classification": "phi" }), open], { settings }), [{ at: "startIpAddress", urn: urnOf(open) }]);
    });

    it("judges a Cosmos DB for PostgreSQL cluster's firewall rules, which take the cluster's PHI scope by clusterName", async () => {
        const CLUSTER_RULE = "azure-native:dbforpostgresql:ServerGroupFirewallRule";
        const open = (clusterName: unknown) => ({ type: CLUSTER_RULE, name: "res", props: { clusterName, startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" } });
        assertFindings(await runResource(control, open("citus")), [on(CLUSTER_RULE, "startIpAddress")]);
        assertFindings(await runResource(control, { ...open("citus"), type: "azure-native:dbforpostgresql/v20230302preview:ServerGroupFirewallRule" }), [
            on("azure-native:dbforpostgresql/v20230302preview:ServerGroupFirewallRule", "startIpAddress"),
        ]);
        const cluster = (tags: Record<string, string>) => ({ type: "azure-native:dbforpostgresql:ServerGroupCluster", name: "citus", props: { tags } });
        const joined = { ...open(unknown), propertyDependencies: { clusterName: [urnOf(cluster({}))] } };
        const settings = { phiScope: "tagged" };
        assert.deepEqual(await runStack(control, [cluster({ "data-classification": "public" }), joined], { settings }), clean);
        assertFindings(await runStack(control, [cluster({ "data-classification": "phi" }), joined], { settings }), [{ at: "startIpAddress", urn: urnOf(joined) }]);
    });

    it("reads inputs that @pulumi/azure-native 3.28 declares", () => {
        const inputs: [string, string][] = [
            ...["azure-native:sql:FirewallRule", "azure-native:dbforpostgresql:FirewallRule", "azure-native:dbformysql:FirewallRule", "azure-native:synapse:IpFirewallRule", "azure-native:cosmosdb:MongoClusterFirewallRule"].flatMap(
                (t): [string, string][] => [[t, "startIpAddress"], [t, "endIpAddress"]],
            ),
            ["azure-native:mongocluster:FirewallRule", "properties"],
            ["azure-native:dbformariadb:FirewallRule", "startIpAddress"],
            ["azure-native:dbformariadb:FirewallRule", "serverName"],
            ["azure-native:dbforpostgresql:ServerGroupFirewallRule", "clusterName"],
            ["azure-native:dbforpostgresql:ServerGroupFirewallRule", "startIpAddress"],
            [ENTERPRISE, "publicNetworkAccess"],
            ["azure-native:redis:FirewallRule", "startIP"],
            ["azure-native:redis:FirewallRule", "cacheName"],
            ["azure-native:redis:Redis", "publicNetworkAccess"],
            ["azure-native:redis:Redis", "subnetId"],
            ["azure-native:cosmosdb:DatabaseAccount", "ipRules"],
            ["azure-native:cosmosdb:DatabaseAccount", "isVirtualNetworkFilterEnabled"],
        ];
        for (const [token, prop] of inputs) assert.ok(sdkHasInput(token, prop), `${token} ${prop}`);
    });

    it("honours the PHI scope: a rule takes its store's scope, known only in the stack", async () => {
        const settings = { phiScope: "tagged" };
        const server = (tags: Record<string, string>) => ({ type: "azure-native:sql:Server", name: "srv", props: { tags } });
        const open = { type: "azure-native:sql:FirewallRule", name: "any", props: { serverName: unknown, startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }, propertyDependencies: { serverName: [urnOf(server({}))] } };
        assert.deepEqual(await runStack(control, [server({ "data-classification": "public" }), open], { settings }), clean);
        assertFindings(await runStack(control, [server({ "data-classification": "phi" }), open], { settings }), [{ at: "startIpAddress", urn: urnOf(open) }]);
        assert.deepEqual(await runStack(control, [{ type: COSMOS, name: "c", props: {} }, { type: REDIS, name: "r", props: {} }, { type: ENTERPRISE, name: "e", props: {} }], { settings }), clean);
    });
});
