import { strict as assert } from "assert";
import { azVmExposure as control } from "../../../../policies/azure/vm/exposure";
import { runResource, runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { sdkHasInput, sdkHasType } from "../../lib/sdk-types";

const VM = "azure-native:compute:VirtualMachine";
const NIC = "azure-native:network:NetworkInterface";
const PIP = "azure-native:network:PublicIPAddress";
const NSG = "azure-native:network:NetworkSecurityGroup";
const SUBNET = "azure-native:network:Subnet";
const VNET = "azure-native:network:VirtualNetwork";
const RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network";

const nsg: TestResource = { type: NSG, name: "nsg", props: { resourceGroupName: "rg" } };
const pip: TestResource = { type: PIP, name: "pip", props: { resourceGroupName: "rg", sku: { name: "Standard" } } };
const subnet = (props: Record<string, unknown> = {}, deps: Record<string, string[]> = {}): TestResource => ({
    type: SUBNET,
    name: "subnet",
    props: { resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefix: "10.0.1.0/24", ...props },
    propertyDependencies: deps,
});
const nic = (props: Record<string, unknown> = {}, deps: Record<string, string[]> = {}, name = "nic"): TestResource => ({
    type: NIC,
    name,
    props: { resourceGroupName: "rg", ipConfigurations: [{ name: "ip1", subnet: { id: unknown }, publicIPAddress: { id: unknown } }], ...props },
    propertyDependencies: { ipConfigurations: [urnOf(subnet()), urnOf(pip)], ...deps },
});
const linux = { computerName: "vm", adminUsername: "azureuser", linuxConfiguration: { disablePasswordAuthentication: true } };
const vm = (props: Record<string, unknown> = {}, nics: TestResource[] = [nic()]): TestResource => ({
    type: VM,
    name: "vm",
    props: { resourceGroupName: "rg", osProfile: linux, networkProfile: { networkInterfaces: nics.map(() => ({ id: unknown })) }, ...props },
    propertyDependencies: { networkProfile: nics.map(urnOf) },
});
const at0 = "networkProfile.networkInterfaces[0].id";
const vmUrn = urnOf(vm());

describe("az-vm-exposure", () => {
    describe("password authentication (Analyze)", () => {
        it("passes a Linux VM with password authentication disabled", async () => {
            assertFindings(await runResource(control, vm()), []);
        });

        it("flags a Linux VM with disablePasswordAuthentication false", async () => {
            const r = await runResource(control, vm({ osProfile: { ...linux, adminPassword: secret("pw"), linuxConfiguration: { disablePasswordAuthentication: false } } }));
            assertFindings(r, [{ at: "osProfile.linuxConfiguration.disablePasswordAuthentication" }]);
        });

        it("flags a Linux VM by osDisk.osType that leaves the flag unset, whose password arrives as a secret, without echoing it", async () => {
            const r = await runResource(
                control,
                vm({ osProfile: { computerName: "vm", adminUsername: "u", adminPassword: secret("Hunter2-very-secret") }, storageProfile: { osDisk: { createOption: "FromImage", osType: "Linux" } } }),
            );
            assertFindings(r, [{ at: "osProfile.linuxConfiguration.disablePasswordAuthentication" }]);
            if (r.violations.join("").includes("Hunter2")) throw new Error("the message echoes the password");
        });

        it("flags a Canonical image whose OS profile names no configuration", async () => {
            const r = await runResource(control, vm({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { publisher: "Canonical", offer: "ubuntu" } } }));
            assertFindings(r, [{ at: "osProfile.linuxConfiguration.disablePasswordAuthentication" }]);
        });

        it("passes a Windows VM with an admin password", async () => {
            const r = await runResource(control, vm({ osProfile: { adminUsername: "u", adminPassword: "pw", windowsConfiguration: { provisionVMAgent: true } } }));
            assertFindings(r, []);
        });

        it("passes a VM that boots an attached disk (no OS profile)", async () => {
            const { osProfile, ...attached } = vm({ storageProfile: { osDisk: { createOption: "Attach", osType: "Linux" } } }).props;
            void osProfile;
            assertFindings(await runResource(control, { ...vm(), props: attached }), []);
        });

        it("cannot tell a VM with a password whose OS it cannot tell", async () => {
            const r = await runResource(control, vm({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { id: "/subscriptions/s/images/custom" } } }));
            assertFindings(r, [{ at: "osProfile.linuxConfiguration.disablePasswordAuthentication", outcome: "unverified" }]);
        });

        it("reports an unknown flag or OS profile as unverified", async () => {
            assertFindings(await runResource(control, vm({ osProfile: { ...linux, linuxConfiguration: { disablePasswordAuthentication: unknown } } })), [
                { at: "osProfile.linuxConfiguration.disablePasswordAuthentication", outcome: "unverified" },
            ]);
            assertFindings(await runResource(control, vm({ osProfile: unknown })), [{ at: "osProfile", outcome: "unverified" }]);
        });

        it("judges the API-versioned VirtualMachine token", async () => {
            const r = await runResource(control, { ...vm({ osProfile: { ...linux, linuxConfiguration: { disablePasswordAuthentication: "false" } } }), type: "azure-native:compute/v20240701:VirtualMachine" });
            assertFindings(r, [{ at: "osProfile.linuxConfiguration.disablePasswordAuthentication" }]);
        });
    });

    describe("public IP without an NSG (AnalyzeStack)", () => {
        it("passes a public NIC with its own NSG, wired through propertyDependencies at preview", async () => {
            const n = nic({ networkSecurityGroup: { id: unknown } }, { networkSecurityGroup: [urnOf(nsg)] });
            assertFindings(await runStack(control, [nsg, pip, subnet(), n, vm({}, [n])]), []);
        });

        it("flags a public NIC with no NSG on it or its subnet, on the VM", async () => {
            assertFindings(await runStack(control, [pip, subnet(), nic(), vm()]), [{ at: at0, urn: vmUrn }]);
        });

        it("passes a public NIC whose standalone subnet has an NSG", async () => {
            const s = subnet({ networkSecurityGroup: { id: unknown } }, { networkSecurityGroup: [urnOf(nsg)] });
            assertFindings(await runStack(control, [nsg, pip, s, nic(), vm()]), []);
        });

        it("passes a NIC without a public IP", async () => {
            const n = nic({ ipConfigurations: [{ name: "ip1", subnet: { id: unknown } }] });
            assertFindings(await runStack(control, [subnet(), n, vm({}, [n])]), []);
        });

        it("follows known ids in a saved state (no propertyDependencies), case-insensitively", async () => {
            const s: TestResource = { ...subnet(), props: { ...subnet().props, id: `${RG}/virtualNetworks/vnet/subnets/subnet` } };
            const n: TestResource = {
                type: NIC,
                name: "nic",
                props: { id: `${RG}/networkInterfaces/nic`, ipConfigurations: [{ subnet: { id: `${RG}/virtualNetworks/vnet/subnets/subnet` }, publicIPAddress: { id: `${RG}/publicIPAddresses/pip` } }] },
            };
            const v: TestResource = { type: VM, name: "vm", props: { osProfile: linux, networkProfile: { networkInterfaces: [{ id: `${RG.toUpperCase()}/networkInterfaces/nic` }] } } };
            assertFindings(await runStack(control, [s, n, v]), [{ at: at0, urn: vmUrn }]);
            const guarded: TestResource = { ...n, props: { ...n.props, networkSecurityGroup: { id: `${RG}/networkSecurityGroups/nsg` } } };
            const knownNsg: TestResource = { ...nsg, props: { id: `${RG}/networkSecurityGroups/nsg` } };
            assertFindings(await runStack(control, [knownNsg, s, guarded, v]), []);
        });

        it("follows a subnet written inline in a virtual network", async () => {
            const vnet = (subnets: unknown[]): TestResource => ({ type: VNET, name: "vnet", props: { id: `${RG}/virtualNetworks/vnet`, subnets }, propertyDependencies: { subnets: [urnOf(nsg)] } });
            const n: TestResource = { ...nic(), propertyDependencies: { ipConfigurations: [urnOf({ type: VNET, name: "vnet" })] } };
            assertFindings(await runStack(control, [nsg, vnet([{ name: "app", networkSecurityGroup: { id: unknown } }]), n, vm()]), []);
            assertFindings(await runStack(control, [vnet([{ name: "app" }]), n, vm()]), [{ at: at0, urn: vmUrn }]);
            // Two inline subnets, one guarded, and an id unknown at preview: which one the NIC uses cannot be told.
            assertFindings(await runStack(control, [nsg, vnet([{ name: "app", networkSecurityGroup: { id: unknown } }, { name: "dmz" }]), n, vm()]), [
                { at: at0, urn: vmUrn, outcome: "unverified" },
            ]);
            const byId: TestResource = { ...n, props: { ipConfigurations: [{ subnet: { id: `${RG}/virtualNetworks/vnet/subnets/app` }, publicIPAddress: { id: unknown } }] }, propertyDependencies: {} };
            assertFindings(await runStack(control, [nsg, vnet([{ name: "app", networkSecurityGroup: { id: unknown } }, { name: "dmz" }]), byId, vm()]), []);
        });

        it("cannot tell a NIC outside the stack, or one whose id is unknown with no dependency", async () => {
            const outside: TestResource = { type: VM, name: "vm", props: { osProfile: linux, networkProfile: { networkInterfaces: [{ id: `${RG}/networkInterfaces/elsewhere` }] } } };
            assertFindings(await runStack(control, [outside]), [{ at: at0, urn: vmUrn, outcome: "unverified" }]);
            const orphan: TestResource = { ...vm(), propertyDependencies: {} };
            assertFindings(await runStack(control, [orphan]), [{ at: at0, urn: vmUrn, outcome: "unverified" }]);
        });

        it("cannot tell an NSG outside the stack when the subnet has none", async () => {
            const n = nic({ networkSecurityGroup: { id: `${RG}/networkSecurityGroups/central` } });
            assertFindings(await runStack(control, [pip, subnet(), n, vm()]), [{ at: at0, urn: vmUrn, outcome: "unverified" }]);
        });

        it("cannot tell a subnet that is not in the stack", async () => {
            const n = nic({ ipConfigurations: [{ subnet: { id: `${RG}/virtualNetworks/hub/subnets/shared` }, publicIPAddress: { id: unknown } }] }, { ipConfigurations: [urnOf(pip)] });
            assertFindings(await runStack(control, [pip, n, vm()]), [{ at: at0, urn: vmUrn, outcome: "unverified" }]);
        });

        it("reports unknown interface lists and IP configurations as unverified", async () => {
            assertFindings(await runStack(control, [vm({ networkProfile: { networkInterfaces: unknown } })]), [{ at: "networkProfile.networkInterfaces", urn: vmUrn, outcome: "unverified" }]);
            const n = nic({ ipConfigurations: unknown });
            assertFindings(await runStack(control, [n, vm({}, [n])]), [{ at: at0, urn: vmUrn, outcome: "unverified" }]);
        });

        it("flags an inline network interface configuration with a public IP and no NSG, and passes it with one", async () => {
            const inline = (extra: Record<string, unknown>) => ({
                networkProfile: {
                    networkApiVersion: "2020-11-01",
                    networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", subnet: { id: unknown }, publicIPAddressConfiguration: { name: "pip" } }], ...extra }],
                },
            });
            const v = (extra: Record<string, unknown>, deps: string[]): TestResource => ({ ...vm(inline(extra)), propertyDependencies: { networkProfile: deps } });
            assertFindings(await runStack(control, [subnet(), v({}, [urnOf(subnet())])]), [{ at: "networkProfile.networkInterfaceConfigurations[0].networkSecurityGroup", urn: vmUrn }]);
            assertFindings(await runStack(control, [nsg, subnet(), v({ networkSecurityGroup: { id: unknown } }, [urnOf(subnet()), urnOf(nsg)])]), []);
        });

        it("judges every NIC of a VM and names the unguarded one", async () => {
            const guarded = nic({ networkSecurityGroup: { id: unknown } }, { networkSecurityGroup: [urnOf(nsg)] }, "nic-a");
            const open = nic({}, {}, "nic-b");
            const r = await runStack(control, [nsg, pip, subnet(), guarded, open, { ...vm({}, [guarded, open]) }]);
            assertFindings(r, [{ at: "networkProfile.networkInterfaces", urn: vmUrn }]);
            if (!/network interface nic-b has a public IP/.test(r.violations[0])) throw new Error(r.violations[0]);
        });
    });

    describe("virtual machine scale sets (their VM profile)", () => {
        const VMSS = "azure-native:compute:VirtualMachineScaleSet";
        const P = "virtualMachineProfile";
        const netConfig = (extra: Record<string, unknown> = {}) => ({
            networkInterfaceConfigurations: [{ name: "nic", primary: true, ipConfigurations: [{ name: "ip", subnet: { id: unknown }, publicIPAddressConfiguration: { name: "pip" } }], ...extra }],
        });
        const vmss = (profile: Record<string, unknown> = {}, deps: string[] = [urnOf(subnet())], type = VMSS): TestResource => ({
            type,
            name: "vmss",
            props: { resourceGroupName: "rg", sku: { name: "Standard_B2s", capacity: 2 }, virtualMachineProfile: { osProfile: { computerNamePrefix: "app", ...linux }, networkProfile: netConfig(), ...profile } },
            propertyDependencies: { virtualMachineProfile: deps },
        });
        const ssUrn = urnOf(vmss());

        it("reads the scale set's properties where the SDK declares them", () => {
            assert.ok(sdkHasType(VMSS));
            assert.ok(sdkHasInput(VMSS, "virtualMachineProfile"));
        });

        it("passes a Linux scale set with password authentication disabled and an NSG on its interface configuration", async () => {
            const guarded = vmss({ networkProfile: netConfig({ networkSecurityGroup: { id: unknown } }) }, [urnOf(subnet()), urnOf(nsg)]);
            assertFindings(await runStack(control, [nsg, subnet(), guarded]), []);
        });

        it("flags a Linux scale set whose VMs accept SSH passwords, at its VM profile's flag, without echoing the password", async () => {
            const r = await runResource(control, vmss({ osProfile: { computerNamePrefix: "app", adminUsername: "u", adminPassword: secret("Hunter2-very-secret"), linuxConfiguration: { disablePasswordAuthentication: false } } }));
            assertFindings(r, [{ at: `${P}.osProfile.linuxConfiguration.disablePasswordAuthentication` }]);
            assert.match(r.violations[0], /the scale set's Linux VMs accept password authentication over SSH/);
            assert.doesNotMatch(r.violations.join(""), /Hunter2/);
        });

        it("tells a scale set's OS by its VM profile's osDisk.osType or image publisher", async () => {
            const byOsType = vmss({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { osDisk: { createOption: "FromImage", osType: "Linux" } } });
            assertFindings(await runResource(control, byOsType), [{ at: `${P}.osProfile.linuxConfiguration.disablePasswordAuthentication` }]);
            const windows = vmss({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { publisher: "MicrosoftWindowsServer" } } });
            assertFindings(await runResource(control, windows), []);
            const custom = vmss({ osProfile: { adminUsername: "u", adminPassword: "pw" }, storageProfile: { imageReference: { id: "/subscriptions/s/images/custom" } } });
            assertFindings(await runResource(control, custom), [{ at: `${P}.osProfile.linuxConfiguration.disablePasswordAuthentication`, outcome: "unverified" }]);
        });

        it("judges the API-versioned scale set token", async () => {
            const r = await runResource(control, vmss({ osProfile: { ...linux, linuxConfiguration: { disablePasswordAuthentication: "false" } } }, [], "azure-native:compute/v20240701:VirtualMachineScaleSet"));
            assertFindings(r, [{ at: `${P}.osProfile.linuxConfiguration.disablePasswordAuthentication` }]);
        });

        it("reports an unknown VM profile once, and an unknown OS profile or interface list, as could not verify", async () => {
            const unknownProfile: TestResource = { ...vmss(), props: { resourceGroupName: "rg", virtualMachineProfile: unknown } };
            assertFindings(await runStack(control, [unknownProfile]), [{ at: P, urn: ssUrn, outcome: "unverified" }]);
            assertFindings(await runResource(control, vmss({ osProfile: unknown })), [{ at: `${P}.osProfile`, outcome: "unverified" }]);
            assertFindings(await runStack(control, [subnet(), vmss({ networkProfile: { networkInterfaceConfigurations: unknown } })]), [
                { at: `${P}.networkProfile.networkInterfaceConfigurations`, urn: ssUrn, outcome: "unverified" },
            ]);
        });

        it("passes a scale set without a VM profile (its VMs are created, and judged, on their own)", async () => {
            const flexible: TestResource = { type: VMSS, name: "vmss", props: { resourceGroupName: "rg", orchestrationMode: "Flexible", platformFaultDomainCount: 1 } };
            assertFindings(await runStack(control, [flexible]), []);
        });

        it("flags a public IP on the scale set's interface configuration with no NSG on it or its subnet, on the scale set", async () => {
            const r = await runStack(control, [subnet(), vmss()]);
            assertFindings(r, [{ at: `${P}.networkProfile.networkInterfaceConfigurations[0].networkSecurityGroup`, urn: ssUrn }]);
            const viaSubnet = subnet({ networkSecurityGroup: { id: unknown } }, { networkSecurityGroup: [urnOf(nsg)] });
            assertFindings(await runStack(control, [nsg, viaSubnet, vmss()]), []);
        });

        it("cannot tell a scale set whose subnet is not in the stack", async () => {
            const outside = vmss({ networkProfile: { networkInterfaceConfigurations: [{ name: "nic", ipConfigurations: [{ name: "ip", subnet: { id: `${RG}/virtualNetworks/hub/subnets/shared` }, publicIPAddressConfiguration: { name: "pip" } }] }] } }, []);
            const r = await runStack(control, [outside]);
            assertFindings(r, [{ at: `${P}.networkProfile.networkInterfaceConfigurations[0].networkSecurityGroup`, urn: ssUrn, outcome: "unverified" }]);
            assert.match(r.unverified[0], /scale set's public IP address/);
        });
    });
});
