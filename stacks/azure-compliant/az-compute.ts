import * as app from "@pulumi/azure-native/app";
import * as compute from "@pulumi/azure-native/compute";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { nsg, rg } from "./foundation";

// Compute and application configuration on a hardened PHI workload: a key-only Linux VM whose public
// interface sits behind the NSG that admits SSH only from the Bastion subnet, a private AKS cluster
// signed in through Entra ID, and app settings that hold Key Vault references and secret refs.
const subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
const desKey = `${subscription}/resourceGroups/platform-keys/providers/Microsoft.Compute/diskEncryptionSets/phi-des`;
const hubSubnet = `${subscription}/resourceGroups/hub-network/providers/Microsoft.Network/virtualNetworks/hub/subnets/workloads`;
const tenantId = "33333333-3333-3333-3333-333333333333";

const opsIp = new network.PublicIPAddress("ops-ip", { resourceGroupName: rg.name, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });

// az-vm-exposure: the interface with a public IP carries the NSG (az-nsg-ingress judges its rules).
const opsNic = new network.NetworkInterface("ops-nic", {
    resourceGroupName: rg.name,
    networkSecurityGroup: { id: nsg.id },
    ipConfigurations: [{ name: "ipconfig1", subnet: { id: hubSubnet }, publicIPAddress: { id: opsIp.id } }],
});

// az-vm-exposure: SSH keys only.
new compute.VirtualMachine("ops-vm", {
    resourceGroupName: rg.name,
    hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: opsNic.id, primary: true }] },
    osProfile: {
        computerName: "ops",
        adminUsername: "azureuser",
        linuxConfiguration: {
            disablePasswordAuthentication: true,
            ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpsTeamSampleKeyOnlyForThisSample ops@example" }] },
        },
    },
    storageProfile: {
        imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: desKey } } },
    },
});

// az-aks-cluster: a private API server, no local accounts, Entra ID with Azure RBAC.
new containerservice.ManagedCluster("phi-aks", {
    resourceGroupName: rg.name,
    dnsPrefix: "phi-aks",
    identity: { type: "SystemAssigned" },
    agentPoolProfiles: [{ name: "system", mode: "System", count: 3, vmSize: "Standard_D4s_v5" }],
    apiServerAccessProfile: { enablePrivateCluster: true },
    disableLocalAccounts: true,
    aadProfile: { managed: true, enableAzureRBAC: true, tenantID: tenantId },
    diskEncryptionSetID: desKey,
});

// az-app-settings-secrets: a Key Vault reference, and a connection string that signs in with the app's identity.
new web.WebAppApplicationSettings("phi-portal-settings", {
    resourceGroupName: rg.name,
    name: "phi-portal",
    properties: { DB_PASSWORD: "@Microsoft.KeyVault(SecretUri=https://phi-keys-7f3a2c.vault.azure.net/secrets/db-password/)", WEBSITE_RUN_FROM_PACKAGE: "1" },
});
new web.WebAppConnectionStrings("phi-portal-connections", {
    resourceGroupName: rg.name,
    name: "phi-portal",
    properties: { Claims: { type: "SQLAzure", value: "Server=tcp:phi-sql.database.windows.net,1433;Database=claims;Authentication=Active Directory Managed Identity" } },
});

// az-app-settings-secrets: the API key reaches the container through a Key Vault-backed secret.
new app.ContainerApp("phi-worker", {
    resourceGroupName: rg.name,
    managedEnvironmentId: `${subscription}/resourceGroups/phi-apps/providers/Microsoft.App/managedEnvironments/phi-env`,
    identity: { type: "SystemAssigned" },
    configuration: { secrets: [{ name: "partner-api-key", keyVaultUrl: "https://phi-keys-7f3a2c.vault.azure.net/secrets/partner-api-key", identity: "system" }] },
    template: {
        containers: [{ name: "worker", image: "phiregistry.azurecr.io/claims-worker:1.4.2", env: [{ name: "PARTNER_API_KEY", secretRef: "partner-api-key" }, { name: "QUEUE", value: "claims" }] }],
    },
});
