// Network, SQL, App Service and monitoring paths to PHI that phi-guard must catch. Each resource is
// otherwise compliant, so it demonstrates only the finding named above it.
import * as pulumi from "@pulumi/pulumi";
import * as cosmosdb from "@pulumi/azure-native/cosmosdb";
import * as monitor from "@pulumi/azure-native/monitor";
import * as network from "@pulumi/azure-native/network";
import * as purview from "@pulumi/azure-native/purview";
import * as resources from "@pulumi/azure-native/resources";
import * as security from "@pulumi/azure-native/security";
import * as sql from "@pulumi/azure-native/sql";
import * as web from "@pulumi/azure-native/web";

const rg = new resources.ResourceGroup("phi-network-violations");
const subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
const platform = "/subscriptions/99999999-9999-9999-9999-999999999999/resourceGroups/security";
const flowLogStorage = `${platform}/providers/Microsoft.Storage/storageAccounts/secflowlogs`;
const auditWorkspace = `${platform}/providers/Microsoft.OperationalInsights/workspaces/sec-audit`;
const peSubnet = `${subscription}/resourceGroups/hub/providers/Microsoft.Network/virtualNetworks/hub/subnets/private-endpoints`;

// az-nsg-ingress: SSH from the Internet service tag, inline.
const jumpNsg = new network.NetworkSecurityGroup("jump-nsg", {
    resourceGroupName: rg.name,
    securityRules: [
        {
            name: "allow-ssh-internet",
            priority: 100,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "Internet",
            sourcePortRange: "*",
            destinationAddressPrefix: "VirtualNetwork",
            destinationPortRange: "22",
        },
    ],
});

// az-nsg-ingress: a standalone rule whose port range 3380-3390 includes RDP, from anywhere.
new network.SecurityRule("rdp-range-from-any", {
    resourceGroupName: rg.name,
    networkSecurityGroupName: jumpNsg.name,
    priority: 110,
    direction: "Inbound",
    access: "Allow",
    protocol: "*",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "3380-3390",
});

// az-flow-logs: the jump NSG's flow log keeps records for 30 days only.
new network.FlowLog("jump-nsg-flowlog-30d", {
    resourceGroupName: "NetworkWatcherRG",
    networkWatcherName: "NetworkWatcher_eastus",
    targetResourceId: jumpNsg.id,
    storageId: flowLogStorage,
    enabled: true,
    retentionPolicy: { enabled: true, days: 30 },
});

// az-flow-logs: a virtual network that no flow log targets.
new network.VirtualNetwork("unlogged-vnet", {
    resourceGroupName: rg.name,
    addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
});

// az-private-link: a Cosmos DB account with its public endpoint off but no private endpoint.
const cosmos = new cosmosdb.DatabaseAccount("cosmos-no-endpoint", {
    resourceGroupName: rg.name,
    databaseAccountOfferType: "Standard",
    locations: [{ locationName: "eastus", failoverPriority: 0 }],
    publicNetworkAccess: "Disabled",
    disableLocalAuth: true,
    keyVaultKeyUri: "https://phi-keys.vault.azure.net/keys/cosmos-cmk",
});
new monitor.DiagnosticSetting("cosmos-no-endpoint-diagnostics", {
    resourceUri: cosmos.id,
    workspaceId: auditWorkspace,
    logs: [{ categoryGroup: "audit", enabled: true }],
});

// az-sql-hardening: TLS 1.1 and SQL password logins on the server, auditing switched off and a
// service-managed TDE protector.
const legacySql = new sql.Server("sql-legacy", {
    resourceGroupName: rg.name,
    minimalTlsVersion: "1.1",
    publicNetworkAccess: "Disabled",
    administratorLogin: "sqladmin",
    administratorLoginPassword: pulumi.secret("example-only-not-a-real-password"),
});
new sql.ExtendedServerBlobAuditingPolicy("sql-legacy-audit-off", {
    resourceGroupName: rg.name,
    serverName: legacySql.name,
    state: "Disabled",
});
new sql.EncryptionProtector("sql-legacy-service-key", {
    resourceGroupName: rg.name,
    serverName: legacySql.name,
    encryptionProtectorName: "current",
    serverKeyType: "ServiceManaged",
    serverKeyName: "ServiceManaged",
});
new monitor.DiagnosticSetting("sql-legacy-diagnostics", {
    resourceUri: pulumi.interpolate`${legacySql.id}/databases/master`,
    workspaceId: auditWorkspace,
    logs: [{ categoryGroup: "audit", enabled: true }],
});
new network.PrivateEndpoint("sql-legacy-pe", {
    resourceGroupName: rg.name,
    subnet: { id: peSubnet },
    privateLinkServiceConnections: [{ name: "sql-legacy", privateLinkServiceId: legacySql.id, groupIds: ["sqlServer"] }],
});

const plan = new web.AppServicePlan("apps-plan", {
    resourceGroupName: rg.name,
    kind: "linux",
    reserved: true,
    sku: { name: "P1v3", tier: "PremiumV3" },
});
const tlsSiteConfig = { minTlsVersion: "1.2", ftpsState: "Disabled" };
const entraLogin = {
    azureActiveDirectory: {
        enabled: true,
        registration: { clientId: "77777777-7777-7777-7777-777777777777", clientSecretSettingName: "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET" },
    },
};

// az-app-auth: a function app with no authentication settings at all.
new web.WebApp("api-no-auth", {
    resourceGroupName: rg.name,
    kind: "functionapp,linux",
    serverFarmId: plan.id,
    httpsOnly: true,
    siteConfig: tlsSiteConfig,
});

// az-app-auth: authentication configured but anonymous requests let through.
const portal = new web.WebApp("portal-anonymous", {
    resourceGroupName: rg.name,
    serverFarmId: plan.id,
    httpsOnly: true,
    siteConfig: tlsSiteConfig,
});
new web.WebAppAuthSettingsV2("portal-anonymous-auth", {
    resourceGroupName: rg.name,
    name: portal.name,
    platform: { enabled: true },
    globalValidation: { requireAuthentication: false, unauthenticatedClientAction: "AllowAnonymous" },
    identityProviders: entraLogin,
});

// az-app-tls: plain HTTP, TLS 1.0 and plain FTP deployment.
const legacyApp = new web.WebApp("legacy-tls-app", {
    resourceGroupName: rg.name,
    serverFarmId: plan.id,
    httpsOnly: false,
    siteConfig: { minTlsVersion: "1.0", ftpsState: "AllAllowed" },
});
new web.WebAppAuthSettingsV2("legacy-tls-app-auth", {
    resourceGroupName: rg.name,
    name: legacyApp.name,
    platform: { enabled: true },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "Return401" },
    identityProviders: entraLogin,
});

// az-defender-purview: Defender for Key Vault left at the Free tier (the other plans and a Purview
// account are in place).
for (const [plan, tier] of [["StorageAccounts", "Standard"], ["KeyVaults", "Free"], ["SqlServers", "Standard"], ["Arm", "Standard"]]) {
    new security.Pricing(`defender-${plan.toLowerCase()}`, { pricingName: plan, pricingTier: tier, scopeId: subscription });
}
new purview.Account("violations-purview", {
    resourceGroupName: rg.name,
    identity: { type: "SystemAssigned" },
    publicNetworkAccess: "Disabled",
});
