import type { ResourceControl } from "../../control";
import { SECURITY_GROUPS, allPorts, inlineRulesProp, coveredPorts, describeTraffic, internetCidrs, ruleCidrs, ruleTraffic, sgRules, sgRuleTypes } from "../../lib/aws-sg-rule";
import { prowler } from "../../lib/hipaa";
import { isUnknown } from "../../lib/values";

interface Config {
    adminPorts: number[];
    databasePorts: number[];
    allowedSources: string[];
}

export const awsSgIngress: ResourceControl<Config> = {
    id: "aws-sg-ingress",
    title: "Security groups allow no ingress from the internet to admin or database ports",
    cloud: "aws",
    category: "public-exposure",
    severity: "critical",
    hipaa: [prowler("164.312(e)(1)")],
    description:
        "An ingress rule from 0.0.0.0/0 or ::/0 (or a split as wide) to SSH, RDP, a database port or every port exposes the hosts that process PHI to password guessing and exploits from anywhere. Administrative and data access should come through Session Manager, a bastion or VPN range, or private networking.",
    remediation:
        "Remove the rule, or restrict its source to a VPN/bastion CIDR or a security group; use AWS Systems Manager Session Manager instead of opening SSH or RDP.",
    unknowns:
        "An unknown rule list, rule type or CIDR is reported as unverified (advisory); so are unknown protocol or ports on a rule from the internet.",
    config: {
        adminPorts: {
            type: "array",
            items: { type: "integer" },
            default: [22, 3389],
            description: "Administrative ports that must not be reachable from the internet (a port range covering one counts).",
        },
        databasePorts: {
            type: "array",
            items: { type: "integer" },
            default: [1433, 1521, 3306, 5432, 5439, 6379, 9042, 9200, 11211, 27017],
            description: "Database and cache ports that must not be reachable from the internet.",
        },
        allowedSources: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Source CIDRs (written exactly as in the rule) that are exempt, e.g. a documented exception.",
        },
    },
    types: sgRuleTypes("ingress"),
    checkResource(resource, ctx) {
        const rules = sgRules(resource.type, resource.props, "ingress");
        if (isUnknown(rules)) return ctx.unverified(SECURITY_GROUPS.has(resource.type) ? inlineRulesProp(resource.type, "ingress") : "type");
        const sensitive = [...ctx.config.adminPorts, ...ctx.config.databasePorts];
        for (const rule of rules) {
            const cidrs = ruleCidrs(rule);
            if (isUnknown(cidrs)) {
                ctx.unverified(`${rule.at}cidrBlocks`);
                continue;
            }
            const open = internetCidrs(cidrs, ctx.config.allowedSources);
            if (open.length === 0) continue;
            const traffic = ruleTraffic(rule);
            if (isUnknown(traffic)) {
                ctx.unverified(`${rule.at}fromPort`);
                continue;
            }
            const sources = open.map((c) => c.cidr).join(", ");
            if (allPorts(traffic)) {
                ctx.fail({ problem: `ingress rule allows ${describeTraffic(traffic)} from the internet (${sources})`, at: open[0].at });
                continue;
            }
            const hit = coveredPorts(traffic, sensitive);
            if (hit.length > 0) {
                ctx.fail({
                    problem: `ingress rule opens ${describeTraffic(traffic)} (covering port ${hit.join(", ")}) to the internet (${sources})`,
                    at: open[0].at,
                });
            }
        }
    },
};
