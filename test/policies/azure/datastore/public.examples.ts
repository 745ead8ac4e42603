import { azDatastorePublic as control } from "../../../../policies/azure/datastore/public";
import { change, defineExamples, fails, linked, resource } from "../../../examples";

const sqlServer = resource("azure-native:sql:Server", "records-sql", { resourceGroupName: "rg-phi", publicNetworkAccess: "Enabled", minimalTlsVersion: "1.2" });
const sqlRule = linked("azure-native:sql:FirewallRule", "clinic-office", "serverName", sqlServer, {
    resourceGroupName: "rg-phi",
    startIpAddress: "203.0.113.0",
    endIpAddress: "203.0.113.255",
});
const synapse = resource("azure-native:synapse:Workspace", "records-synapse", { resourceGroupName: "rg-phi", publicNetworkAccess: "Enabled" });
const synapseRule = linked("azure-native:synapse:IpFirewallRule", "analysts", "workspaceName", synapse, {
    resourceGroupName: "rg-phi",
    startIpAddress: "198.51.100.10",
    endIpAddress: "198.51.100.20",
});
const postgres = resource("azure-native:dbforpostgresql:Server", "records-pg", { resourceGroupName: "rg-phi", network: { publicNetworkAccess: "Enabled" } });
const postgresRule = linked("azure-native:dbforpostgresql:FirewallRule", "etl-host", "serverName", postgres, {
    resourceGroupName: "rg-phi",
    startIpAddress: "198.51.100.7",
    endIpAddress: "198.51.100.7",
});
const cosmos = resource("azure-native:cosmosdb:DatabaseAccount", "records-cosmos", {
    resourceGroupName: "rg-phi",
    databaseAccountOfferType: "Standard",
    locations: [{ locationName: "westeurope" }],
    publicNetworkAccess: "Enabled",
    ipRules: [{ ipAddressOrRange: "203.0.113.0/24" }],
});
const redis = resource("azure-native:redis:Redis", "records-cache", { resourceGroupName: "rg-phi", sku: { name: "Premium", family: "P", capacity: 1 }, publicNetworkAccess: "Disabled" });
const baseline = [sqlServer, sqlRule, synapse, synapseRule, postgres, postgresRule, cosmos, redis];

export default defineExamples({
    control,
    passing: {
        baseline: { says: "every firewall rule admits one office or host range, and the cache has no public endpoint", resources: baseline },
        "redis-firewalled": {
            says: "a cache with public access that a firewall rule limits",
            resources: [
                ...change(baseline, "records-cache", { publicNetworkAccess: "Enabled" }),
                linked("azure-native:redis:FirewallRule", "cache-office", "cacheName", redis, { resourceGroupName: "rg-phi", startIP: "203.0.113.0", endIP: "203.0.113.255" }),
            ],
        },
    },
    failing: {
        "sql-whole-internet": {
            says: "0.0.0.0-255.255.255.255 opens the SQL server to everyone",
            resources: change(baseline, "clinic-office", { startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" }),
            findings: [fails(sqlRule, "startIpAddress")],
        },
        "synapse-allow-azure": {
            says: "the 0.0.0.0-0.0.0.0 rule admits every Azure tenant",
            resources: change(baseline, "analysts", { startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0" }),
            findings: [fails(synapseRule, "startIpAddress")],
        },
        "postgres-internet-in-pieces": {
            says: "a range as wide as 1.0.0.0-223.255.255.255 is the internet",
            resources: change(baseline, "etl-host", { startIpAddress: "1.0.0.0", endIpAddress: "223.255.255.255" }),
            findings: [fails(postgresRule, "startIpAddress")],
        },
        "cosmos-every-network": {
            says: "public access with no ipRules and no virtual network filter",
            resources: change(baseline, "records-cosmos", { ipRules: undefined }),
            findings: [fails(cosmos, "publicNetworkAccess")],
        },
        "cosmos-any-address": {
            says: "an ipRules entry of 0.0.0.0/0",
            resources: change(baseline, "records-cosmos", { ipRules: [{ ipAddressOrRange: "0.0.0.0/0" }] }),
            findings: [fails(cosmos, "ipRules[0].ipAddressOrRange")],
        },
        "redis-open": {
            says: "a cache with public access, outside a subnet, that no firewall rule limits",
            resources: change(baseline, "records-cache", { publicNetworkAccess: "Enabled" }),
            findings: [fails(redis, "publicNetworkAccess")],
        },
    },
});
