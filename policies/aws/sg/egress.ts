import type { ResourceControl } from "../../control";
import { SECURITY_GROUPS, allPorts, describeTraffic, internetCidrs, ruleCidrs, ruleTraffic, sgRules, sgRuleTypes } from "../../lib/aws-sg-rule";
import { inferred } from "../../lib/hipaa";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedDestinations: string[];
}

export const awsSgEgress: ResourceControl<Config> = {
    id: "aws-sg-egress",
    title: "Security groups allow no unrestricted egress to the internet",
    cloud: "aws",
    category: "network-egress",
    severity: "high",
    hipaa: [inferred("164.312(e)(1)")],
    description:
        "An egress rule to 0.0.0.0/0 or ::/0 (or a split as wide, such as 0.0.0.0/1) for all protocols or all ports lets anyone with a foothold on a PHI workload copy data to a host they control, on any port. PHI workloads should reach AWS services through VPC endpoints and other destinations through named ranges or prefix lists on the ports they need.",
    remediation:
        "Replace the rule with egress to the VPC endpoints' security groups or prefix lists (e.g. the S3 gateway prefix list) on the ports the workload needs, or to a specific CIDR; list an approved egress proxy range in allowedDestinations.",
    unknowns:
        "An unknown rule list, rule type or CIDR is reported as unverified (advisory); so are unknown protocol or ports on a rule that reaches the internet. Prefix lists and security-group references are specific peers and are not judged.",
    config: {
        allowedDestinations: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "CIDRs (written exactly as in the rule, e.g. \"0.0.0.0/0\") that egress rules may open to all ports, e.g. an approved egress proxy range.",
        },
    },
    types: sgRuleTypes("egress"),
    checkResource(resource, ctx) {
        const rules = sgRules(resource.type, resource.props, "egress");
        if (isUnknown(rules)) return ctx.unverified(SECURITY_GROUPS.has(resource.type) ? "egress" : "type");
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
            if (!allPorts(traffic)) continue;
            ctx.fail({
                problem: `egress rule allows ${describeTraffic(traffic)} to the internet (${open.map((c) => c.cidr).join(", ")})`,
                at: open[0].at,
            });
        }
    },
};
