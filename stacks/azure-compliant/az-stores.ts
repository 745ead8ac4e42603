import * as compute from "@pulumi/azure-native/compute";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import * as eventhub from "@pulumi/azure-native/eventhub";
import * as redis from "@pulumi/azure-native/redis";
import * as synapse from "@pulumi/azure-native/synapse";
import { rg } from "./foundation";

// Data stores beyond storage, Key Vault and SQL: each encrypted with a Key Vault key of the
// organisation, and reachable only from the networks that need it.
const subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
const keyVaultUri = "https://phi-keys-7f3a2c.vault.azure.net";
const storesKey = `${keyVaultUri}/keys/stores-cmk`;
const storesIdentity = `${subscription}/resourceGroups/phi/providers/Microsoft.ManagedIdentity/userAssignedIdentities/stores-cmk`;
const diskEncryptionSet = `${subscription}/resourceGroups/phi/providers/Microsoft.Compute/diskEncryptionSets/phi-des`;
const tags = { "data-classification": "phi" };

const analytics = new synapse.Workspace("phi-analytics", {
    resourceGroupName: rg.name,
    defaultDataLakeStorage: { accountUrl: "https://phianalyticslake.dfs.core.windows.net", filesystem: "records" },
    identity: { type: "SystemAssigned" },
    encryption: { cmk: { key: { name: "stores-cmk", keyVaultUrl: storesKey } } },
    tags,
});
new synapse.IpFirewallRule("analysts-office", {
    resourceGroupName: rg.name,
    workspaceName: analytics.name,
    startIpAddress: "203.0.113.0",
    endIpAddress: "203.0.113.255",
});

const records = new dbforpostgresql.Server("phi-records-pg", {
    resourceGroupName: rg.name,
    version: "16",
    sku: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
    storage: { storageSizeGB: 128 },
    identity: { type: "UserAssigned", userAssignedIdentities: { [storesIdentity]: {} } },
    dataEncryption: { type: "AzureKeyVault", primaryKeyURI: storesKey, primaryUserAssignedIdentityId: storesIdentity },
    network: { publicNetworkAccess: "Enabled" },
    tags,
});
new dbforpostgresql.FirewallRule("etl-host", {
    resourceGroupName: rg.name,
    serverName: records.name,
    startIpAddress: "198.51.100.7",
    endIpAddress: "198.51.100.7",
});

new eventhub.Namespace("phi-events", {
    resourceGroupName: rg.name,
    sku: { name: "Premium", tier: "Premium" },
    identity: { type: "UserAssigned", userAssignedIdentities: [storesIdentity] },
    encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "stores-cmk", keyVaultUri, identity: { userAssignedIdentity: storesIdentity } }] },
    publicNetworkAccess: "Disabled",
    tags,
});

new compute.Disk("phi-scratch-disk", {
    resourceGroupName: rg.name,
    creationData: { createOption: "Empty" },
    diskSizeGB: 128,
    networkAccessPolicy: "DenyAll",
    publicNetworkAccess: "Disabled",
    encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: diskEncryptionSet },
    tags,
});

new redis.Redis("phi-sessions", {
    resourceGroupName: rg.name,
    sku: { name: "Premium", family: "P", capacity: 1 },
    minimumTlsVersion: "1.2",
    enableNonSslPort: false,
    publicNetworkAccess: "Disabled",
    tags,
});
