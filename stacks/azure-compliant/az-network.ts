// Network, SQL, App Service and monitoring controls on a hardened PHI workload: an NSG that admits
// administrators only from the Bastion subnet, a virtual network whose flow log covers the NSG on
// its subnet, a SQL server reachable only through a private endpoint, an authenticated TLS-only app,
// Defender plans at Standard and a Purview account.
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as purview from "@pulumi/azure-native/purview";
import * as security from "@pulumi/azure-native/security";
import * as sql from "@pulumi/azure-native/sql";
import * as web from "@pulumi/azure-native/web";
import { nsg, rg } from "./foundation";

const subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
// Shared security services run by the platform team in a separate subscription.
const platform = "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/security";
const flowLogStorage = `${platform}/providers/Microsoft.Storage/storageAccounts/secflowlogs`;
const auditWorkspace = `${platform}/providers/Microsoft.OperationalInsights/workspaces/sec-audit`;
const tdeKeyUri = "https://sec-keys.vault.azure.net/keys/phi-sql-tde/0123456789abcdef0123456789abcdef";
const sqlIdentity = `${platform}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/phi-sql-tde`;
const tenantId = "33333333-3333-3333-3333-333333333333";

// az-nsg-ingress: SSH only from the Azure Bastion subnet.
new network.SecurityRule("allow-bastion-ssh", {
    resourceGroupName: rg.name,
    networkSecurityGroupName: nsg.name,
    priority: 200,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: "10.20.250.0/26",
    sourcePortRange: "*",
    destinationAddressPrefix: "VirtualNetwork",
    destinationPortRange: "22",
});

const vnet = new network.VirtualNetwork("phi-vnet", {
    resourceGroupName: rg.name,
    addressSpace: { addressPrefixes: ["10.20.0.0/16"] },
    subnets: [
        {
            name: "private-endpoints",
            addressPrefix: "10.20.1.0/24",
            networkSecurityGroup: { id: nsg.id },
            privateEndpointNetworkPolicies: "Enabled",
            defaultOutboundAccess: false,
        },
    ],
});

// az-flow-logs: a virtual network flow log (it covers the NSG on the subnet), kept forever in an
// immutable container of the platform's storage account.
new network.FlowLog("phi-vnet-flowlog", {
    resourceGroupName: "NetworkWatcherRG",
    networkWatcherName: "NetworkWatcher_eastus",
    targetResourceId: vnet.id,
    storageId: flowLogStorage,
    enabled: true,
    format: { type: "JSON", version: 2 },
    retentionPolicy: { enabled: true, days: 0 },
});

// az-sql-hardening: Entra-only auth, TLS 1.2, no public endpoint, a Key Vault TDE protector.
const server = new sql.Server("phi-sql", {
    resourceGroupName: rg.name,
    minimalTlsVersion: "1.2",
    publicNetworkAccess: "Disabled",
    restrictOutboundNetworkAccess: "Enabled",
    administrators: {
        administratorType: "ActiveDirectory",
        azureADOnlyAuthentication: true,
        login: "phi-sql-admins",
        principalType: "Group",
        sid: "55555555-5555-5555-5555-555555555555",
        tenantId,
    },
    identity: { type: "UserAssigned", userAssignedIdentities: [sqlIdentity] },
    primaryUserAssignedIdentityId: sqlIdentity,
    keyId: tdeKeyUri,
    tags: { "data-classification": "phi" },
});

const tdeKey = new sql.ServerKey("phi-sql-tde-key", {
    resourceGroupName: rg.name,
    serverName: server.name,
    serverKeyType: "AzureKeyVault",
    keyName: "sec-keys_phi-sql-tde_0123456789abcdef0123456789abcdef",
    uri: tdeKeyUri,
});

new sql.EncryptionProtector("phi-sql-tde", {
    resourceGroupName: rg.name,
    serverName: server.name,
    encryptionProtectorName: "current",
    serverKeyType: "AzureKeyVault",
    serverKeyName: tdeKey.name,
    autoRotationEnabled: true,
});

new sql.ExtendedServerBlobAuditingPolicy("phi-sql-audit", {
    resourceGroupName: rg.name,
    serverName: server.name,
    blobAuditingPolicyName: "default",
    state: "Enabled",
    isAzureMonitorTargetEnabled: true,
    isDevopsAuditEnabled: true,
    auditActionsAndGroups: ["SUCCESSFUL_DATABASE_AUTHENTICATION_GROUP", "FAILED_DATABASE_AUTHENTICATION_GROUP", "BATCH_COMPLETED_GROUP"],
});

// az-diagnostic-settings: SQL audit events (from the master database) to the audit workspace;
// az-exfil-log-shipping: in the platform subscription, which policy-config.json names as trusted.
new monitor.DiagnosticSetting("phi-sql-diagnostics", {
    resourceUri: pulumi.interpolate`${server.id}/databases/master`,
    workspaceId: auditWorkspace,
    logs: [{ categoryGroup: "audit", enabled: true }],
});

// az-private-link: the server is reachable only through this endpoint.
new network.PrivateEndpoint("phi-sql-pe", {
    resourceGroupName: rg.name,
    subnet: { id: pulumi.interpolate`${vnet.id}/subnets/private-endpoints` },
    privateLinkServiceConnections: [{ name: "phi-sql", privateLinkServiceId: server.id, groupIds: ["sqlServer"] }],
});

// az-app-tls and az-app-auth: an HTTPS-only app behind Microsoft Entra sign-in.
const plan = new web.AppServicePlan("phi-plan", {
    resourceGroupName: rg.name,
    kind: "linux",
    reserved: true,
    sku: { name: "P1v3", tier: "PremiumV3" },
});

const app = new web.WebApp("phi-portal", {
    resourceGroupName: rg.name,
    serverFarmId: plan.id,
    httpsOnly: true,
    identity: { type: "SystemAssigned" },
    siteConfig: { minTlsVersion: "1.2", scmMinTlsVersion: "1.2", ftpsState: "Disabled", http20Enabled: true, linuxFxVersion: "NODE|20-lts" },
});

new web.WebAppAuthSettingsV2("phi-portal-auth", {
    resourceGroupName: rg.name,
    name: app.name,
    platform: { enabled: true },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "RedirectToLoginPage", redirectToProvider: "azureactivedirectory" },
    identityProviders: {
        azureActiveDirectory: {
            enabled: true,
            registration: {
                clientId: "66666666-6666-6666-6666-666666666666",
                clientSecretSettingName: "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET",
                openIdIssuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
            },
        },
    },
    login: { tokenStore: { enabled: true } },
});

// az-defender-purview: Defender plans at Standard and a Purview account for classification.
for (const plan of ["StorageAccounts", "KeyVaults", "SqlServers", "Arm"]) {
    new security.Pricing(`defender-${plan.toLowerCase()}`, { pricingName: plan, pricingTier: "Standard", scopeId: subscription });
}

new purview.Account("phi-purview", {
    resourceGroupName: rg.name,
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
    managedResourcesPublicNetworkAccess: "Disabled",
});
