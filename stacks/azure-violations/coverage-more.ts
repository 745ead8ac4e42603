import * as compute from "@pulumi/azure-native/compute";
import * as network from "@pulumi/azure-native/network";
import { rg } from "./az-data";

// Resource types an insider could pick because the pack once did not read them: each is judged
// as its better-known sibling is.

// A subnet with no NSG of its own, for the scale set below.
const batchSubnet = new network.Subnet("batch-subnet", {
    resourceGroupName: rg.name,
    virtualNetworkName: "legacy-vnet",
    addressPrefix: "10.40.2.0/24",
    defaultOutboundAccess: false,
});

// A scale set is judged by its VM profile, as a VM is (3 findings): az-vm-exposure (its Linux VMs
// take SSH passwords; each gets a public IP with no NSG on its interface or subnet) and
// az-datastore-cmk (its VMs' OS disks use a platform-managed key).
new compute.VirtualMachineScaleSet("claims-batch-vmss", {
    resourceGroupName: rg.name,
    sku: { name: "Standard_D2s_v5", capacity: 2 },
    orchestrationMode: "Uniform",
    upgradePolicy: { mode: "Manual" },
    virtualMachineProfile: {
        osProfile: { computerNamePrefix: "batch", adminUsername: "azureuser", adminPassword: "Correct-Horse-8", linuxConfiguration: { disablePasswordAuthentication: false } },
        storageProfile: {
            imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" },
            osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } },
        },
        networkProfile: {
            networkInterfaceConfigurations: [
                { name: "batch-nic", primary: true, ipConfigurations: [{ name: "ipconfig1", subnet: { id: batchSubnet.id }, publicIPAddressConfiguration: { name: "batch-pip" } }] },
            ],
        },
    },
});
