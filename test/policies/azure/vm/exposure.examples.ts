import { azVmExposure as control } from "../../../../policies/azure/vm/exposure";
import { change, defineExamples, fails, resource, unverifiedAt, without } from "../../../examples";
import { UNKNOWN_WIRE_VALUE } from "../../../../engine/resource";
import { urnOf } from "../../../harness";

const nsg = resource("azure-native:network:NetworkSecurityGroup", "admin-nsg", { resourceGroupName: "rg-phi" });
const ip = resource("azure-native:network:PublicIPAddress", "jump-ip", { resourceGroupName: "rg-phi", sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
const subnet = resource("azure-native:network:Subnet", "app-subnet", { resourceGroupName: "rg-phi", virtualNetworkName: "phi-vnet", addressPrefix: "10.0.1.0/24" });
const nic = resource(
    "azure-native:network:NetworkInterface",
    "jump-nic",
    {
        resourceGroupName: "rg-phi",
        networkSecurityGroup: { id: UNKNOWN_WIRE_VALUE },
        ipConfigurations: [{ name: "ipconfig1", subnet: { id: UNKNOWN_WIRE_VALUE }, publicIPAddress: { id: UNKNOWN_WIRE_VALUE } }],
    },
    { propertyDependencies: { networkSecurityGroup: [urnOf(nsg)], ipConfigurations: [urnOf(subnet), urnOf(ip)] } },
);
const vm = resource(
    "azure-native:compute:VirtualMachine",
    "jump-vm",
    {
        resourceGroupName: "rg-phi",
        hardwareProfile: { vmSize: "Standard_B2s" },
        networkProfile: { networkInterfaces: [{ id: UNKNOWN_WIRE_VALUE, primary: true }] },
        osProfile: {
            computerName: "jump",
            adminUsername: "azureuser",
            linuxConfiguration: { disablePasswordAuthentication: true, ssh: { publicKeys: [{ path: "/home/azureuser/.ssh/authorized_keys", keyData: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample admin" }] } },
        },
        storageProfile: { imageReference: { publisher: "Canonical", offer: "ubuntu-24_04-lts", sku: "server", version: "latest" } },
    },
    { propertyDependencies: { networkProfile: [urnOf(nic)] } },
);
const baseline = [nsg, ip, subnet, nic, vm];
const noNsg = change(without(baseline, "admin-nsg"), "jump-nic", { networkSecurityGroup: undefined });
const password = change(baseline, "jump-vm", { osProfile: { computerName: "jump", adminUsername: "azureuser", adminPassword: "<from config>", linuxConfiguration: { disablePasswordAuthentication: false } } });
const outside = change(baseline, "jump-vm", {
    networkProfile: { networkInterfaces: [{ id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.Network/networkInterfaces/shared-nic" }] },
});
const guardedSubnet = resource(subnet.type, subnet.name, { ...subnet.props, networkSecurityGroup: { id: UNKNOWN_WIRE_VALUE } }, { propertyDependencies: { networkSecurityGroup: [urnOf(nsg)] } });
const subnetNsg = change(
    baseline.map((r) => (r === subnet ? guardedSubnet : r)),
    "jump-nic",
    { networkSecurityGroup: undefined },
);
const outsideVm = { ...outside[4], propertyDependencies: {} };

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a Linux VM with SSH keys only, whose public interface has an NSG", resources: baseline },
        "subnet-nsg": { says: "the NSG sits on the interface's subnet instead", resources: subnetNsg },
    },
    failing: {
        "no-nsg": { says: "a public IP with no NSG on the interface or its subnet", resources: noNsg, findings: [fails(vm, "networkProfile.networkInterfaces[0].id")] },
        "password-ssh": { says: "a Linux VM that accepts SSH passwords", resources: password, findings: [fails(vm, "osProfile.linuxConfiguration.disablePasswordAuthentication")] },
        "nic-outside-stack": {
            says: "an interface from outside the stack: the path cannot be followed",
            resources: [...outside.slice(0, 4), outsideVm],
            findings: [unverifiedAt(vm, "networkProfile.networkInterfaces[0].id")],
        },
    },
});
