import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { addressPrefixes, isInternetPrefix, isValue, nsgRules, ruleField } from "../../lib/nsg-rule";
import { types } from "../../lib/type-tokens";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedDestinations: string[];
}

export const azNsgEgress: ResourceControl<Config> = {
    id: "az-nsg-egress",
    title: "NSGs allow no outbound traffic to the internet",
    cloud: "azure",
    category: "network-egress",
    severity: "high",
    hipaa: [inferred("164.312(e)(1)")],
    description:
        "An outbound Allow rule to the internet (`*`, `Internet`, `0.0.0.0/0`, `::/0`) lets anyone with a foothold in the subnet copy PHI to a host they control. PHI networks should reach only named Azure services and private endpoints.",
    remediation:
        "Replace the rule's destination with the service tags or private ranges the workload needs (e.g. Storage.EastUS, AzureKeyVault, VirtualNetwork), or list an approved destination in allowedDestinations.",
    unknowns: "Unknown direction, access or destination values are reported as unverified (advisory).",
    config: {
        allowedDestinations: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Destination prefixes or service tags that outbound Allow rules may use even though they reach the internet.",
        },
    },
    types: types("azure-native:network:NetworkSecurityGroup", "azure-native:network:SecurityRule"),
    checkResource(resource, ctx) {
        const rules = nsgRules(resource.type, resource.props);
        if (isUnknown(rules)) return ctx.unverified("securityRules");
        const allowed = new Set(ctx.config.allowedDestinations.map((d) => d.trim().toLowerCase()));
        for (const rule of rules) {
            const outbound = isValue(rule.props.direction, "Outbound");
            const allow = isValue(rule.props.access, "Allow");
            if (outbound === false || allow === false) continue;
            const destinations = addressPrefixes(rule, "destination");
            if (isUnknown(outbound) || isUnknown(allow) || isUnknown(destinations)) {
                ctx.unverified(ruleField(rule, "destinationAddressPrefix"));
                continue;
            }
            const open = destinations.filter((d) => isInternetPrefix(d) && !allowed.has(d.toLowerCase()));
            if (open.length > 0) {
                ctx.fail({
                    problem: `outbound Allow rule sends traffic to the internet (${open.join(", ")})`,
                    at: ruleField(rule, open.includes(String(rule.props.destinationAddressPrefix).trim()) ? "destinationAddressPrefix" : "destinationAddressPrefixes"),
                });
            }
        }
    },
};
