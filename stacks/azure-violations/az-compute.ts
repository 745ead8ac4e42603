import * as app from "@pulumi/azure-native/app";
import * as compute from "@pulumi/azure-native/compute";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as network from "@pulumi/azure-native/network";
import * as web from "@pulumi/azure-native/web";
import { rg } from "./az-data";

// Compute and application configuration: VMs, Kubernetes and app settings that open a way to PHI.
const subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
const desKey = `${subscription}/resourceGroups/platform-keys/providers/Microsoft.Compute/diskEncryptionSets/phi-des`;

// A subnet of the legacy network with no NSG of its own.
const legacySubnet = new network.Subnet("legacy-vm-subnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: "legacy-vnet",
    addressPrefix: "10.40.1.0/24",
    defaultOutboundAccess: false,
});

const jumpIp = new network.PublicIPAddress("jump-ip", { resourceGroupName: rg.name, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });

// az-vm-exposure: a public IP on an interface with no NSG on it or its subnet.
const jumpNic = new network.NetworkInterface("jump-nic", {
    resourceGroupName: rg.name,
    ipConfigurations: [{ name: "ipconfig1", subnet: { id: legacySubnet.id }, publicIPAddress: { id: jumpIp.id } }],
});

// az-vm-exposure: a Linux VM that takes an SSH password.
new compute.VirtualMachine("jump-vm", {
    resourceGroupName: rg.name,
    hardwareProfile: { vmSize: "Standard_B2s" },
    networkProfile: { networkInterfaces: [{ id: jumpNic.id, primary: true }] },
    osProfile: { computerName: "jump", adminUsername: "azureuser", adminPassword: "Correct-Horse-7", linuxConfiguration: { disablePasswordAuthentication: false } },
    storageProfile: {
        imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
        osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS", diskEncryptionSet: { id: desKey } } },
    },
});

// az-aks-cluster: a public API server open to every address, the cluster-admin credential left on,
// and Kubernetes authorization outside Entra ID and Azure RBAC (3 findings).
new containerservice.ManagedCluster("claims-aks", {
    resourceGroupName: rg.name,
    dnsPrefix: "claims-aks",
    identity: { type: "SystemAssigned" },
    agentPoolProfiles: [{ name: "system", mode: "System", count: 3, vmSize: "Standard_D4s_v5" }],
    diskEncryptionSetID: desKey,
});

// az-app-settings-secrets: a database password and a storage account key in the app's settings (2 findings).
new web.WebAppApplicationSettings("claims-api-settings", {
    resourceGroupName: rg.name,
    name: "claims-api",
    properties: {
        DB_PASSWORD: "Winter2026!",
        AzureWebJobsStorage: "DefaultEndpointsProtocol=https;AccountName=phiclaims;AccountKey=c2FtcGxlLWtleS1ub3QtcmVhbC1zYW1wbGUta2V5LW5vdC1yZWFsLXNhbXBsZQ==;EndpointSuffix=core.windows.net",
        WEBSITE_RUN_FROM_PACKAGE: "1",
    },
});

// az-app-settings-secrets: a SQL connection string that carries its password.
new web.WebAppConnectionStrings("claims-api-connections", {
    resourceGroupName: rg.name,
    name: "claims-api",
    properties: { Claims: { type: "SQLAzure", value: "Server=tcp:phi-sql.database.windows.net,1433;Database=claims;User ID=claims_app;Password=Winter2026!" } },
});

// az-app-settings-secrets: a container reads its API key from a plain environment value, not a secretRef.
new app.ContainerApp("claims-worker", {
    resourceGroupName: rg.name,
    managedEnvironmentId: `${subscription}/resourceGroups/phi-apps/providers/Microsoft.App/managedEnvironments/phi-env`,
    template: {
        containers: [{ name: "worker", image: "phiregistry.azurecr.io/claims-worker:1.4.2", env: [{ name: "PARTNER_API_KEY", value: "pk-live-93f1c7a2e5b84d06" }, { name: "QUEUE", value: "claims" }] }],
    },
});
