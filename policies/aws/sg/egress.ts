import type { ResourceControl } from "../../control";
import { SECURITY_GROUPS, coveredPorts, inlineRulesProp, describeTraffic, internetCidrs, ruleCidrs, ruleTraffic, sgRules, sgRuleTypes, RuleTraffic } from "../../lib/aws-sg-rule";
import { inferred } from "../../lib/hipaa";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedDestinations: string[];
    allowedPorts: number[];
}

/** Whether every port a rule admits is one the config lets reach the internet (never for all protocols or ICMP). */
function onlyAllowedPorts(t: RuleTraffic, allowed: readonly number[]): boolean {
    if (t.protocol === "all" || t.protocol === "other") return false;
    return new Set(coveredPorts(t, allowed)).size === t.to - t.from + 1;
}

export const awsSgEgress: ResourceControl<Config> = {
    id: "aws-sg-egress",
    title: "Security groups of PHI workloads send nothing to the internet",
    cloud: "aws",
    category: "network-egress",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(e)(1)")],
    description:
        "An egress rule to 0.0.0.0/0 or ::/0 (or a split as wide, such as 0.0.0.0/1) lets anyone with a foothold on a PHI workload copy data to a host they control; HTTPS to anywhere is the usual way, since it looks like ordinary traffic. PHI workloads should reach AWS services through VPC endpoints and other destinations through named ranges, prefix lists or an egress proxy, as az-nsg-egress requires of Azure networks.",
    remediation:
        "Replace the rule's destination with the VPC endpoints' security groups or prefix lists (e.g. the S3 gateway prefix list), a specific CIDR or an egress proxy's range; list an approved range in allowedDestinations, or a port that may reach anywhere (e.g. 123 for NTP) in allowedPorts.",
    unknowns:
        "An unknown rule list, rule type or CIDR is reported as unverified (advisory); so are unknown protocol or ports on a rule that reaches the internet. Prefix lists and security-group references are specific peers and are not judged. A standalone rule is judged whatever the classification of its group, which it does not carry.",
    config: {
        allowedDestinations: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "CIDRs (written exactly as in the rule, e.g. \"0.0.0.0/0\") that egress rules may open to, e.g. an approved egress proxy range.",
        },
        allowedPorts: {
            type: "array",
            items: { type: "integer", minimum: 0, maximum: 65535 },
            default: [],
            description: "TCP/UDP ports that may reach the internet from PHI workloads (e.g. 123 for NTP). A rule passes only when every port it admits is listed; HTTPS (443) is flagged unless listed here.",
        },
    },
    types: sgRuleTypes("egress"),
    checkResource(resource, ctx) {
        const group = SECURITY_GROUPS.has(resource.type);
        if (group && !ctx.isPhi(resource)) return;
        const rules = sgRules(resource.type, resource.props, "egress");
        if (isUnknown(rules)) return ctx.unverified(group ? inlineRulesProp(resource.type, "egress") : "type");
        for (const rule of rules) {
            const cidrs = ruleCidrs(rule);
            if (isUnknown(cidrs)) {
                ctx.unverified(`${rule.at}cidrBlocks`);
                continue;
            }
            const open = internetCidrs(cidrs, ctx.config.allowedDestinations);
            if (open.length === 0) continue;
            const traffic = ruleTraffic(rule);
            if (isUnknown(traffic)) {
                ctx.unverified(`${rule.at}protocol`);
                continue;
            }
            if (onlyAllowedPorts(traffic, ctx.config.allowedPorts)) continue;
            ctx.fail({
                problem: `${rule.implicit ?? "egress rule"} allows ${describeTraffic(traffic)} to the internet (${open.map((c) => c.cidr).join(", ")})`,
                at: open[0].at,
            });
        }
    },
};
