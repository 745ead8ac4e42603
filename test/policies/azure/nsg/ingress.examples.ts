import { azNsgIngress as control } from "../../../../policies/azure/nsg/ingress";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const rule = (over: Record<string, unknown>) => ({ name: "in", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "10.0.0.0/8", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "22", ...over });
const nsg = (...securityRules: object[]) => resource("azure-native:network:NetworkSecurityGroup", "phi-nsg", { resourceGroupName: "rg-phi", securityRules });
const ssh = nsg(rule({ sourceAddressPrefix: "*" }));
const rdp = nsg(rule({ sourceAddressPrefix: "Internet", destinationPortRange: "3389" }));
const range = nsg(rule({ sourceAddressPrefix: "0.0.0.0/0", destinationPortRange: "20-30" }));
const unknownSource = nsg(rule({ sourceAddressPrefix: unknown }));

export default defineExamples({
    control,
    passing: {
        baseline: { says: "SSH from the private network only", resources: [nsg(rule({}))] },
        https: { says: "HTTPS from the internet", resources: [nsg(rule({ sourceAddressPrefix: "*", destinationPortRange: "443" }))] },
    },
    failing: {
        "ssh-from-anywhere": { says: "SSH from any address", resources: [ssh], findings: [fails(ssh, "securityRules[0].sourceAddressPrefix")] },
        "rdp-from-internet": { says: "RDP from the Internet service tag", resources: [rdp], findings: [fails(rdp, "securityRules[0].sourceAddressPrefix")] },
        "range-covers-ssh": { says: "ports 20-30 from anywhere, which include SSH", resources: [range], findings: [fails(range, "securityRules[0].sourceAddressPrefix")] },
        "unknown-source": { says: "SSH from a source unknown until the update", resources: [unknownSource], findings: [unverifiedAt(unknownSource, "securityRules[0].sourceAddressPrefix")] },
    },
});
