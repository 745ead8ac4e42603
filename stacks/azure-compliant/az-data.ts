import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as storage from "@pulumi/azure-native/storage";
import { rg } from "./foundation";

const tenantId = "33333333-3333-3333-3333-333333333333";
/** The platform's private-endpoint subnet in the hub network (managed by the network team). */
const privateEndpointSubnetId =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/hub-network/providers/Microsoft.Network/virtualNetworks/hub/subnets/private-endpoints";
const SIX_YEARS = 2190;
/**
 * Literal key and vault names keep the storage encryption block readable at preview: azure-native
 * resolves that block as a whole, so one output of a resource not yet created hides all of it.
 */
const vaultName = "phi-keys-7f3a2c";
const storageKeyName = "storage-cmk";
/** The platform team's identity for storage encryption (a user-assigned identity it manages centrally). */
const storageIdentity = {
    id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/platform-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage-cmk",
    principalId: "44444444-4444-4444-4444-444444444444",
};

/** Audit logs land here: 90 days interactive, archived to six years on every table they use. */
const workspace = new operationalinsights.Workspace("phi-audit", {
    resourceGroupName: rg.name,
    sku: { name: "PerGB2018" },
    retentionInDays: 90,
    publicNetworkAccessForQuery: "Disabled",
});
for (const tableName of ["AzureActivity", "AzureDiagnostics", "StorageBlobLogs", "AZKVAuditLogs"]) {
    new operationalinsights.Table(`phi-audit-${tableName}`, {
        resourceGroupName: rg.name,
        workspaceName: workspace.name,
        tableName,
        retentionInDays: 90,
        totalRetentionInDays: SIX_YEARS,
    });
}

function privateEndpoint(name: string, target: pulumi.Input<string>, groupId: string): void {
    new network.PrivateEndpoint(name, {
        resourceGroupName: rg.name,
        subnet: { id: privateEndpointSubnetId },
        privateLinkServiceConnections: [{ name, privateLinkServiceId: target, groupIds: [groupId] }],
    });
}

function auditTo(name: string, resourceUri: pulumi.Input<string>): void {
    new monitor.DiagnosticSetting(name, {
        resourceUri,
        workspaceId: workspace.id,
        logs: [{ categoryGroup: "audit", enabled: true }],
    });
}

/** Key Vault for customer-managed keys: purge protection, RBAC, reachable only privately. */
const vault = new keyvault.Vault("phi-keys", {
    resourceGroupName: rg.name,
    vaultName,
    properties: {
        tenantId,
        sku: { family: "A", name: "premium" },
        enablePurgeProtection: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enableRbacAuthorization: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    },
});
privateEndpoint("phi-keys-pe", vault.id, "vault");
auditTo("phi-keys-audit", vault.id);

const storageKey = new keyvault.Key("storage-cmk", {
    resourceGroupName: rg.name,
    vaultName: vault.name,
    keyName: storageKeyName,
    properties: {
        kty: "RSA-HSM",
        keySize: 3072,
        rotationPolicy: {
            attributes: { expiryTime: "P1Y" },
            lifetimeActions: [
                { action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } },
                { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } },
            ],
        },
    },
});

/** The storage identity may unwrap keys on this vault and nothing else. */
const cryptoUser = new authorization.RoleAssignment("storage-cmk-crypto-user", {
    principalId: storageIdentity.principalId,
    principalType: "ServicePrincipal",
    roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6",
    scope: vault.id,
    description: "Storage encryption with the customer-managed key; ticket SEC-1101; owner data-platform",
});

/** A PHI storage account: CMK with infrastructure encryption, Entra ID only, private, TLS 1.2. */
function phiAccount(name: string, extra: Partial<storage.StorageAccountArgs> = {}): storage.StorageAccount {
    const account = new storage.StorageAccount(
        name,
        {
            resourceGroupName: rg.name,
            kind: "StorageV2",
            sku: { name: "Standard_ZRS" },
            identity: { type: "UserAssigned", userAssignedIdentities: [storageIdentity.id] },
            allowBlobPublicAccess: false,
            allowSharedKeyAccess: false,
            defaultToOAuthAuthentication: true,
            publicNetworkAccess: "Disabled",
            networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
            enableHttpsTrafficOnly: true,
            minimumTlsVersion: "TLS1_2",
            encryption: {
                keySource: "Microsoft.Keyvault",
                keyVaultProperties: { keyName: storageKeyName, keyVaultUri: `https://${vaultName}.vault.azure.net/` },
                encryptionIdentity: { encryptionUserAssignedIdentity: storageIdentity.id },
                requireInfrastructureEncryption: true,
                services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
            },
            ...extra,
        },
        { dependsOn: [storageKey, cryptoUser] },
    );
    privateEndpoint(`${name}-blob-pe`, account.id, "blob");
    auditTo(`${name}-blob-audit`, pulumi.interpolate`${account.id}/blobServices/default`);
    return account;
}

const records = phiAccount("phirecords");
new storage.BlobContainer("patient-documents", { resourceGroupName: rg.name, accountName: records.name, publicAccess: "None" });
new storage.EncryptionScope("claims-scope", {
    resourceGroupName: rg.name,
    accountName: records.name,
    source: "Microsoft.KeyVault",
    keyVaultProperties: { keyUri: storageKey.keyUri },
});

/**
 * Disaster recovery: the records' blobs replicate, by object replication, to a second account in the
 * same subscription and tenant (cross-tenant replication is off by default at the SDK's API version).
 */
const recordsReplica = phiAccount("phirecordsdr");
new storage.ObjectReplicationPolicy("records-to-dr", {
    resourceGroupName: rg.name,
    accountName: recordsReplica.name,
    sourceAccount: records.id,
    destinationAccount: recordsReplica.id,
    rules: [{ sourceContainer: "patient-documents", destinationContainer: "patient-documents" }],
});

/**
 * The audit archive: every container is write-once for six years. Azure creates the account policy
 * Unlocked; it is switched to Locked in the program once the first deployment has succeeded.
 */
const auditArchive = phiAccount("phiauditarchive", {
    immutableStorageWithVersioning: {
        enabled: true,
        immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: SIX_YEARS, state: "Locked", allowProtectedAppendWrites: true },
    },
});
new storage.BlobContainer("insights-activity-logs", {
    resourceGroupName: rg.name,
    accountName: auditArchive.name,
    containerName: "insights-activity-logs",
});

/** The subscription activity log, kept in the workspace and the immutable archive. */
new monitor.SubscriptionDiagnosticSetting("activity-log", {
    workspaceId: workspace.id,
    storageAccountId: auditArchive.id,
    logs: ["Administrative", "Security", "Policy", "ServiceHealth", "Alert"].map((category) => ({ category, enabled: true })),
});
