import { azNsgEgress as control } from "../../../../policies/azure/nsg/egress";
import { defineExamples, fails, resource } from "../../../examples";

const rule = (over: Record<string, unknown>) => ({ name: "out", priority: 100, direction: "Outbound", access: "Allow", protocol: "*", sourceAddressPrefix: "VirtualNetwork", sourcePortRange: "*", destinationPortRange: "*", ...over });
const nsg = (...securityRules: object[]) => resource("azure-native:network:NetworkSecurityGroup", "phi-nsg", { resourceGroupName: "rg-phi", securityRules });
const internet = nsg(rule({ destinationAddressPrefix: "Internet" }));
const anywhere = nsg(rule({ destinationAddressPrefix: "0.0.0.0/0" }));
const standalone = resource("azure-native:network:SecurityRule", "phi-out", { resourceGroupName: "rg-phi", networkSecurityGroupName: "phi-nsg", ...rule({ destinationAddressPrefix: "*" }) });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "outbound only to the virtual network and Azure Storage", resources: [nsg(rule({ destinationAddressPrefix: "VirtualNetwork" }), rule({ name: "storage", priority: 110, destinationAddressPrefix: "Storage", destinationPortRange: "443" }))] },
    },
    failing: {
        "to-internet": { says: "every port to the Internet service tag", resources: [internet], findings: [fails(internet, "securityRules[0].destinationAddressPrefix")] },
        "to-any-address": { says: "every port to 0.0.0.0/0", resources: [anywhere], findings: [fails(anywhere, "securityRules[0].destinationAddressPrefix")] },
        "standalone-rule": { says: "a standalone rule to any destination", resources: [standalone], findings: [fails(standalone, "destinationAddressPrefix")] },
    },
});
