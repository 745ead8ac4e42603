import type { ResourceControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { addressPrefixes, coversAllPorts, coversPort, isInternetPrefix, isValue, nsgRules, portRanges, ruleField } from "../../lib/nsg-rule";
import { types } from "../../lib/type-tokens";
import { isUnknown } from "../../lib/values";

/** Protocols without ports: a rule for them opens no admin service, whatever its port fields say. */
const PORTLESS = ["icmp", "esp", "ah"];

interface Config {
    adminPorts: number[];
}

export const azNsgIngress: ResourceControl<Config> = {
    id: "az-nsg-ingress",
    title: "NSGs allow no inbound traffic from the internet to admin ports or all ports",
    cloud: "azure",
    category: "public-exposure",
    severity: "critical",
    hipaa: [prowler("164.312(a)(1)"), prowler("164.312(e)(1)")],
    description:
        "An inbound Allow rule from the internet (`*`, `Any`, `Internet`, `0.0.0.0/0`, `::/0` or wide ranges that add up to it) to SSH, RDP or every port puts the hosts of a PHI network one password or exploit away from anyone. Administration should go through Azure Bastion, a VPN or just-in-time access from known ranges.",
    remediation:
        "Restrict the rule's source to the ranges administrators connect from (a VPN or Bastion subnet, VirtualNetwork) or remove it and use Azure Bastion or Defender just-in-time VM access.",
    unknowns: "Unknown direction, access, source or port values are reported as unverified (advisory).",
    config: {
        adminPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [22, 3389],
            description: "Destination ports that must never be open to the internet (SSH and RDP by default; add e.g. 5985/5986 for WinRM).",
        },
    },
    types: types("azure-native:network:NetworkSecurityGroup", "azure-native:network:SecurityRule"),
    checkResource(resource, ctx) {
        const rules = nsgRules(resource.type, resource.props);
        if (isUnknown(rules)) return ctx.unverified("securityRules");
        for (const rule of rules) {
            const inbound = isValue(rule.props.direction, "Inbound");
            const allow = isValue(rule.props.access, "Allow");
            if (inbound === false || allow === false) continue;
            const protocol = rule.props.protocol;
            if (typeof protocol === "string" && PORTLESS.includes(protocol.trim().toLowerCase())) continue;
            const sources = addressPrefixes(rule, "source");
            const ports = portRanges(rule, "destination");
            if (isUnknown(inbound) || isUnknown(allow) || isUnknown(sources)) {
                ctx.unverified(ruleField(rule, "sourceAddressPrefix"));
                continue;
            }
            const open = sources.filter(isInternetPrefix);
            if (open.length === 0) continue;
            if (isUnknown(ports)) {
                ctx.unverified(ruleField(rule, "destinationPortRange"));
                continue;
            }
            const exposed = coversAllPorts(ports) ? "every port" : ctx.config.adminPorts.filter((p) => coversPort(ports, p)).map((p) => `port ${p}`).join(", ");
            if (exposed === "") continue;
            ctx.fail({
                problem: `inbound Allow rule opens ${exposed} to the internet (${open.join(", ")})`,
                at: ruleField(rule, open.includes(String(rule.props.sourceAddressPrefix).trim()) ? "sourceAddressPrefix" : "sourceAddressPrefixes"),
            });
        }
    },
};
