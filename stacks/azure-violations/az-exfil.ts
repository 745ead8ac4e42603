import * as compute from "@pulumi/azure-native/compute";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as sql from "@pulumi/azure-native/sql";
import * as storage from "@pulumi/azure-native/storage";
import { account, rg, vault, workspace } from "./az-data";

// Exfiltration paths: PHI copied or shipped out of the organisation. policy-config.json names the
// organisation's subscriptions (this stack's and the platform team's) and tenant; these are someone else's.
const outside = "/subscriptions/f0f0f0f0-1111-4222-8333-944445555666/resourceGroups/partner";
const outsideTenant = "e1e1e1e1-2222-4333-8444-955556666777";

// az-exfil-replication: a PHI account that accepts object replication across tenants.
const claims = account("phiclaimsreplicated", { allowCrossTenantReplication: true });

// az-exfil-replication: its blobs replicated to an account in another subscription.
new storage.ObjectReplicationPolicy("claims-to-partner", {
    resourceGroupName: rg.name,
    accountName: claims.name,
    sourceAccount: claims.id,
    destinationAccount: `${outside}/providers/Microsoft.Storage/storageAccounts/partnerdrop`,
    rules: [{ sourceContainer: "claims", destinationContainer: "claims" }],
});

// az-exfil-replication (could not verify): a destination named without its subscription, whose owner cannot be told.
new storage.ObjectReplicationPolicy("claims-to-named-account", {
    resourceGroupName: rg.name,
    accountName: claims.name,
    sourceAccount: claims.id,
    destinationAccount: "partnerdrop",
    rules: [{ sourceContainer: "claims", destinationContainer: "claims" }],
});

// az-exfil-replication: a failover group that geo-replicates to a server in another subscription.
new sql.FailoverGroup("claims-geo", {
    resourceGroupName: rg.name,
    serverName: "phi-sql-viol",
    partnerServers: [{ id: `${outside}/providers/Microsoft.Sql/servers/partner-sql` }],
    readWriteEndpoint: { failoverPolicy: "Manual" },
});

// az-exfil-access-tokens: a principal of another tenant may unwrap the PHI keys.
new keyvault.AccessPolicy("partner-unwrap", {
    resourceGroupName: rg.name,
    vaultName: vault.name,
    policy: { tenantId: outsideTenant, objectId: "5b0f3c9e-8d21-4f6a-b7c4-2e9d1a0c3f58", permissions: { keys: ["get", "unwrapKey"] } },
});

// az-exfil-disk-export: a PHI data disk left at the defaults: a SAS download URL works from any network.
new compute.Disk("claims-export-disk", {
    resourceGroupName: rg.name,
    creationData: { createOption: "Empty" },
    diskSizeGB: 128,
    encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi/providers/Microsoft.Compute/diskEncryptionSets/phi-des" },
});

// az-exfil-log-shipping: the key vault's audit logs also archived to a storage account in another subscription.
new monitor.DiagnosticSetting("phi-keys-offsite", {
    resourceUri: vault.id,
    workspaceId: workspace.id,
    storageAccountId: `${outside}/providers/Microsoft.Storage/storageAccounts/partnerlogs`,
    logs: [{ categoryGroup: "audit", enabled: true }],
});

// az-exfil-log-shipping: the subscription activity log shipped to another subscription;
// az-diagnostic-settings: and without its Security and Policy categories.
new monitor.SubscriptionDiagnosticSetting("activity-log-offsite", {
    storageAccountId: `${outside}/providers/Microsoft.Storage/storageAccounts/partnerlogs`,
    logs: [{ category: "Administrative", enabled: true }],
});

// az-exfil-log-shipping: the workspace continuously exports the blob access logs to an event hub in another subscription.
new operationalinsights.DataExport("audit-export-partner", {
    resourceGroupName: rg.name,
    workspaceName: workspace.name,
    resourceId: `${outside}/providers/Microsoft.EventHub/namespaces/partner-hub`,
    tableNames: ["StorageBlobLogs"],
    enable: true,
});
