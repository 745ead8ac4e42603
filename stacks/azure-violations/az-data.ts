import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";

// Each resource below is hardened except for the one setting its comment names, so that it
// demonstrates one control.

export const rg = new resources.ResourceGroup("phi-data-violations");
const tenantId = "33333333-3333-3333-3333-333333333333";
const privateEndpointSubnetId =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub-network/providers/Microsoft.Network/virtualNetworks/hub/subnets/private-endpoints";
const identityId =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/platform-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage-cmk";
const vaultName = "phi-keys-viol-91c4";
const SIX_YEARS = 2190;

export const workspace = new operationalinsights.Workspace("phi-audit-archived", {
    resourceGroupName: rg.name,
    sku: { name: "PerGB2018" },
    retentionInDays: 90,
    publicNetworkAccessForQuery: "Disabled",
});
for (const tableName of ["AzureActivity", "AzureDiagnostics", "StorageBlobLogs"]) {
    new operationalinsights.Table(`archived-${tableName}`, { resourceGroupName: rg.name, workspaceName: workspace.name, tableName, totalRetentionInDays: SIX_YEARS });
}

// az-log-retention: a workspace left at the 30-day default, with no archived audit tables.
new operationalinsights.Workspace("phi-audit-30-days", { resourceGroupName: rg.name, sku: { name: "PerGB2018" }, publicNetworkAccessForQuery: "Disabled" });

// az-log-retention: Key Vault audit events archived for one year only.
new operationalinsights.Table("archived-AZKVAuditLogs", { resourceGroupName: rg.name, workspaceName: workspace.name, tableName: "AZKVAuditLogs", totalRetentionInDays: 365 });

function privateEndpoint(name: string, target: pulumi.Input<string>, groupId: string): void {
    new network.PrivateEndpoint(name, {
        resourceGroupName: rg.name,
        subnet: { id: privateEndpointSubnetId },
        privateLinkServiceConnections: [{ name, privateLinkServiceId: target, groupIds: [groupId] }],
    });
}

function auditTo(name: string, resourceUri: pulumi.Input<string>): void {
    new monitor.DiagnosticSetting(name, { resourceUri, workspaceId: workspace.id, logs: [{ categoryGroup: "audit", enabled: true }] });
}

const hardenedVault: keyvault.VaultArgs["properties"] = {
    tenantId,
    sku: { family: "A", name: "standard" },
    enablePurgeProtection: true,
    enableRbacAuthorization: true,
    publicNetworkAccess: "Disabled",
};

export const vault = new keyvault.Vault("phi-keys", { resourceGroupName: rg.name, vaultName, properties: hardenedVault });
privateEndpoint("phi-keys-pe", vault.id, "vault");
auditTo("phi-keys-audit", vault.id);

// az-keyvault-hardening: access policies instead of Azure RBAC.
const legacyVault = new keyvault.Vault("legacy-access-policies", {
    resourceGroupName: rg.name,
    properties: { ...hardenedVault, enableRbacAuthorization: false, accessPolicies: [] },
});
privateEndpoint("legacy-access-policies-pe", legacyVault.id, "vault");
auditTo("legacy-access-policies-audit", legacyVault.id);

const storageKey = new keyvault.Key("storage-cmk", {
    resourceGroupName: rg.name,
    vaultName: vault.name,
    keyName: "storage-cmk",
    properties: {
        kty: "RSA-HSM",
        rotationPolicy: { attributes: { expiryTime: "P1Y" }, lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }] },
    },
});

// az-keyvault-key-rotation: a key with no rotation policy.
new keyvault.Key("export-signing-never-rotates", { resourceGroupName: rg.name, vaultName: vault.name, properties: { kty: "RSA", attributes: { expires: 1893456000 } } });

// az-keyvault-key-rotation: a secret that never expires.
new keyvault.Secret("reporting-db-password", { resourceGroupName: rg.name, vaultName: vault.name, properties: { value: "not-a-real-password", contentType: "password" } });

export function account(name: string, overrides: Partial<storage.StorageAccountArgs> = {}, opts: { audit?: boolean } = {}): storage.StorageAccount {
    const a = new storage.StorageAccount(
        name,
        {
            resourceGroupName: rg.name,
            kind: "StorageV2",
            sku: { name: "Standard_ZRS" },
            identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            publicNetworkAccess: "Disabled",
            minimumTlsVersion: "TLS1_2",
            encryption: {
                keySource: "Microsoft.Keyvault",
                keyVaultProperties: { keyName: "storage-cmk", keyVaultUri: `https://${vaultName}.vault.azure.net/` },
                encryptionIdentity: { encryptionUserAssignedIdentity: identityId },
                requireInfrastructureEncryption: true,
            },
            ...overrides,
        },
        { dependsOn: [storageKey] },
    );
    privateEndpoint(`${name}-blob-pe`, a.id, "blob");
    if (opts.audit !== false) auditTo(`${name}-blob-audit`, pulumi.interpolate`${a.id}/blobServices/default`);
    return a;
}

// az-storage-public: anonymous blob access allowed on the account, and a public container.
const website = account("phipublicblobs", { allowBlobPublicAccess: true });
new storage.BlobContainer("patient-letters-public", { resourceGroupName: rg.name, accountName: website.name, publicAccess: "Blob" });

// az-storage-public: account keys still authorize requests; az-exfil-access-tokens: and the SAS they
// sign have no expiration policy, nor the keys an expiry.
account("phisharedkey", { allowSharedKeyAccess: true });

// az-storage-public: reachable from any network.
account("phiopennetwork", { publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } });

// az-storage-cmk: Microsoft-managed keys.
const msKeys = account("phimanagedkeys", { encryption: { keySource: "Microsoft.Storage", requireInfrastructureEncryption: true } });

// az-storage-cmk: an encryption scope that falls back to Microsoft-managed keys.
new storage.EncryptionScope("claims-msft-scope", { resourceGroupName: rg.name, accountName: website.name, source: "Microsoft.Storage" });

// az-storage-tls: TLS 1.0 still accepted.
account("phitls10", { minimumTlsVersion: "TLS1_0" });

// az-diagnostic-settings: nobody can tell who read these blobs.
account("phinoauditlogs", {}, { audit: false });

// az-immutable-audit-logs: an audit container whose retention policy is one year.
const logs = account("phiauditlogs", {
    immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: SIX_YEARS, state: "Locked" } },
});
const activity = new storage.BlobContainer("insights-activity-logs", { resourceGroupName: rg.name, accountName: logs.name, containerName: "insights-activity-logs" });
new storage.BlobContainerImmutabilityPolicy("activity-logs-one-year", {
    resourceGroupName: rg.name,
    accountName: logs.name,
    containerName: activity.name,
    immutabilityPeriodSinceCreationInDays: 365,
});

// az-immutable-audit-logs: an audit container on an account without any immutability.
new storage.BlobContainer("audit-exports", { resourceGroupName: rg.name, accountName: msKeys.name, containerName: "audit-exports" });
