import * as compute from "@pulumi/azure-native/compute";
import * as redisenterprise from "@pulumi/azure-native/redisenterprise";
import { nsg, rg } from "./foundation";

// The compliant forms of resource types the pack once did not read: each passes as its
// better-known sibling does. (No MariaDB server: it cannot use a customer-managed key, so a PHI
// workload keeps its data on a MySQL flexible server.)
const subscription = "/subscriptions/00000000-0000-0000-0000-000000000000";
const desKey = `${subscription}/resourceGroups/platform-keys/providers/Microsoft.Compute/diskEncryptionSets/phi-des`;
const hubSubnet = `${subscription}/resourceGroups/hub-network/providers/Microsoft.Network/virtualNetworks/hub/subnets/workloads`;

// A scale set judged by its VM profile: SSH keys only, the NSG on its interface configuration, its disks under the platform key set.
new compute.VirtualMachineScaleSet("ops-batch-vmss", {
    resourceGroupName: rg.name,
    sku: { name: "Standard_D2s_v5", capacity: 2 },
    orchestrationMode: "Uniform",
    upgradePolicy: { mode: "Manual" },
    virtualMachineProfile: {
        osProfile: {
            computerNamePrefix: "ops-batch",
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
        networkProfile: {
            networkInterfaceConfigurations: [
                {
                    name: "ops-batch-nic",
                    primary: true,
                    networkSecurityGroup: { id: nsg.id },
                    ipConfigurations: [{ name: "ipconfig1", subnet: { id: hubSubnet }, publicIPAddressConfiguration: { name: "ops-batch-pip" } }],
                },
            ],
        },
    },
});

// A Redis Enterprise (Azure Managed Redis) cluster reached only through private endpoints.
const sessionsCluster = new redisenterprise.RedisEnterprise("phi-sessions-amr", {
    resourceGroupName: rg.name,
    sku: { name: "Balanced_B1" },
    minimumTlsVersion: "1.2",
    publicNetworkAccess: "Disabled",
});
new redisenterprise.Database("phi-sessions-amr-db", {
    resourceGroupName: rg.name,
    clusterName: sessionsCluster.name,
    databaseName: "default",
    clientProtocol: "Encrypted",
    accessKeysAuthentication: "Disabled",
});
