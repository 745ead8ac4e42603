import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { prowler } from "../../lib/hipaa";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { asBool, asNumber, at, isUnknown } from "../../lib/values";

interface Config {
    minRetentionDays: number;
    requireCoverage: boolean;
}

const FLOW_LOGS = types("azure-native:network:FlowLog");
const NSGS = types("azure-native:network:NetworkSecurityGroup");
const VNETS = types("azure-native:network:VirtualNetwork");
const SUBNETS = types("azure-native:network:Subnet");

function checkFlowLog(log: ResourceInput, ctx: CheckContext<Config>): void {
    const enabled = asBool(log.props.enabled);
    if (isUnknown(enabled)) ctx.unverified("enabled", log.urn);
    else if (enabled !== true) ctx.fail({ problem: "the flow log is not enabled", at: "enabled", fix: "set enabled: true", urn: log.urn });

    const retention = asBool(at(log.props, "retentionPolicy.enabled"));
    if (isUnknown(retention)) return ctx.unverified("retentionPolicy.enabled", log.urn);
    if (retention !== true) {
        ctx.fail({
            problem: "the flow log has no enabled retention policy",
            at: "retentionPolicy.enabled",
            fix: `set retentionPolicy: { enabled: true, days: 0 } (keep forever) or days of at least ${ctx.config.minRetentionDays}`,
            urn: log.urn,
        });
        return;
    }
    const days = asNumber(at(log.props, "retentionPolicy.days"));
    if (isUnknown(days)) return ctx.unverified("retentionPolicy.days", log.urn);
    // Azure reads an absent or zero day count as "keep forever".
    if (days === undefined || days === 0 || days >= ctx.config.minRetentionDays) return;
    ctx.fail({
        problem: `flow logs are kept ${days} days, less than ${ctx.config.minRetentionDays}`,
        at: "retentionPolicy.days",
        fix: `set retentionPolicy.days to 0 (keep forever) or at least ${ctx.config.minRetentionDays}`,
        urn: log.urn,
    });
}

/** NSGs and VNets that a flow log covers: targeted directly, or (an NSG) on a subnet of a covered VNet. */
function covered(stack: StackIndex, logs: StackResource[], nsgs: StackResource[], vnets: StackResource[]): Set<string> {
    const out = new Set(companionsOf(stack, logs, "targetResourceId", [...nsgs, ...vnets]).keys());
    const coveredVnets = vnets.filter((v) => out.has(v.urn));
    for (const vnet of coveredVnets) {
        for (const urn of vnet.propertyDependencies.subnets ?? []) out.add(urn);
    }
    const subnets = stack.ofType(SUBNETS);
    const subnetsOfNsg = companionsOf(stack, subnets, "networkSecurityGroup", nsgs, "id");
    const subnetsOfCoveredVnet = new Set([...companionsOf(stack, subnets, "virtualNetworkName", coveredVnets).values()].flat());
    for (const [nsgUrn, list] of subnetsOfNsg) {
        if (list.some((s) => subnetsOfCoveredVnet.has(s))) out.add(nsgUrn);
    }
    return out;
}

export const azFlowLogs: ResourceControl<Config> = {
    id: "az-flow-logs",
    title: "NSG and virtual network flow logs are enabled and retained",
    cloud: "azure",
    judges: unionOf(FLOW_LOGS, NSGS, VNETS),
    category: "audit-logging",
    severity: "medium",
    hipaa: [prowler("164.312(b)")],
    description:
        "Flow logs record which hosts talked to which, the only network trail left when an insider or a compromised workload copies PHI out. Every network security group and virtual network needs an enabled flow log whose retention keeps the records for the investigation window.",
    remediation:
        "Add an azure-native network.FlowLog with targetResourceId set to the virtual network's (or NSG's) id, enabled: true and retentionPolicy { enabled: true, days: 0 } (keep forever; enforce the 6-year window with an immutable storage container) or days of at least minRetentionDays.",
    unknowns: "Joins use propertyDependencies, known at preview. Unknown enabled or retention values are reported as unverified (advisory).",
    config: {
        minRetentionDays: {
            type: "integer",
            minimum: 1,
            default: 365,
            description:
                "Fewest days a flow log may keep records; 0 (keep forever) always passes. Azure accepts at most 365 days here, so the 6-year HIPAA window is met with days 0 plus an immutability policy on the storage container (az-immutable-audit-logs).",
        },
        requireCoverage: {
            type: "boolean",
            default: true,
            description: "Require every NetworkSecurityGroup and VirtualNetwork in the stack to have a flow log (directly, or for an NSG through a subnet of a virtual network that has one).",
        },
    },
    acrossResources: "Coverage (with requireCoverage): a flow log must target each network security group and virtual network, or, for an NSG, a virtual network one of whose subnets uses it.",
    types: FLOW_LOGS,
    checkResource(log, ctx) {
        checkFlowLog(log, ctx);
    },
    checkStack(stack, ctx) {
        if (!ctx.config.requireCoverage) return;
        const logs = stack.ofType(FLOW_LOGS);
        const nsgs = stack.ofType(NSGS);
        const vnets = stack.ofType(VNETS);
        const done = covered(stack, logs, nsgs, vnets);
        for (const r of [...nsgs, ...vnets]) {
            if (done.has(r.urn)) continue;
            const kind = NSGS.has(r.type) ? "network security group" : "virtual network";
            ctx.fail({
                problem: `no flow log targets this ${kind} (no FlowLog references it in targetResourceId)`,
                at: "flowLogs",
                fix: `add a network.FlowLog with targetResourceId: <${kind}>.id, enabled: true and a retention policy`,
                urn: r.urn,
            });
        }
    },
};
