import * as compute from "@pulumi/azure-native/compute";
import * as cosmosdb from "@pulumi/azure-native/cosmosdb";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as monitor from "@pulumi/azure-native/monitor";
import * as redis from "@pulumi/azure-native/redis";
import * as sql from "@pulumi/azure-native/sql";
import * as synapse from "@pulumi/azure-native/synapse";
import { rg } from "./az-data";

// Data stores beyond storage, Key Vault and SQL: encrypted only with Azure's platform keys, and
// opened to the internet by their firewalls.

// az-datastore-cmk: a Synapse workspace without encryption.cmk.
const analytics = new synapse.Workspace("phi-analytics", {
    resourceGroupName: rg.name,
    defaultDataLakeStorage: { accountUrl: "https://phianalyticslake.dfs.core.windows.net", filesystem: "records" },
    identity: { type: "SystemAssigned" },
});

// az-datastore-public: the firewall rule found in public example programs, 0.0.0.0-255.255.255.255.
new synapse.IpFirewallRule("allow-all", {
    resourceGroupName: rg.name,
    workspaceName: analytics.name,
    startIpAddress: "0.0.0.0",
    endIpAddress: "255.255.255.255",
});

// az-datastore-cmk: a PostgreSQL flexible server encrypted with the platform key (SystemAssigned).
const records = new dbforpostgresql.Server("phi-records-pg", {
    resourceGroupName: rg.name,
    version: "16",
    sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
    storage: { storageSizeGB: 128 },
    dataEncryption: { type: "SystemAssigned" },
    network: { publicNetworkAccess: "Enabled" },
});

// az-datastore-public: "allow Azure services", which admits every Azure tenant's VMs and functions.
new dbforpostgresql.FirewallRule("allow-azure-services", {
    resourceGroupName: rg.name,
    serverName: records.name,
    startIpAddress: "0.0.0.0",
    endIpAddress: "0.0.0.0",
});

// az-datastore-public: a rule on a SQL server outside this stack (so taken as PHI), open to the internet in two halves.
new sql.FirewallRule("internet-low-half", {
    resourceGroupName: rg.name,
    serverName: "phi-sql-viol",
    startIpAddress: "0.0.0.0",
    endIpAddress: "127.255.255.255",
});

// az-datastore-cmk, az-datastore-public, az-private-link: a Cosmos DB account with the platform key,
// open to every network (no ipRules, no virtual network filter) and without a private endpoint.
const encounters = new cosmosdb.DatabaseAccount("phi-encounters", {
    resourceGroupName: rg.name,
    databaseAccountOfferType: "Standard",
    locations: [{ locationName: "westeurope", failoverPriority: 0 }],
    publicNetworkAccess: "Enabled",
    disableLocalAuth: true,
    minimalTlsVersion: "Tls12",
});
new monitor.DiagnosticSetting("phi-encounters-diagnostics", {
    resourceUri: encounters.id,
    workspaceId: "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/security/providers/Microsoft.OperationalInsights/workspaces/sec-audit",
    logs: [{ categoryGroup: "audit", enabled: true }],
});

// az-datastore-cmk: an Event Hubs namespace that streams PHI events under the platform key.
new eventhub.Namespace("phi-events", {
    resourceGroupName: rg.name,
    sku: { name: "Premium", tier: "Premium" },
    publicNetworkAccess: "Disabled",
});

// az-datastore-cmk: a data disk that cannot be exported (so az-exfil-disk-export passes) but uses the platform key.
new compute.Disk("phi-scratch-disk", {
    resourceGroupName: rg.name,
    creationData: { createOption: "Empty" },
    diskSizeGB: 128,
    networkAccessPolicy: "DenyAll",
    publicNetworkAccess: "Disabled",
    encryption: { type: "EncryptionAtRestWithPlatformKey" },
});

// az-datastore-public: a Redis cache with public access, outside any subnet, and no firewall rule.
new redis.Redis("phi-sessions", {
    resourceGroupName: rg.name,
    sku: { name: "Standard", family: "C", capacity: 1 },
    minimumTlsVersion: "1.2",
    enableNonSslPort: false,
});
