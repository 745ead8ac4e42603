import type { StackControl } from "../../control";
import { FLOW_LOGS, VPCS } from "../../lib/aws-vpc";
import { prowler } from "../../lib/hipaa";
import { isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

export const awsVpcFlowLogs: StackControl = {
    id: "aws-vpc-flow-logs",
    title: "Every VPC has a flow log capturing all traffic",
    cloud: "aws",
    judges: unionOf(VPCS, FLOW_LOGS),
    category: "audit-logging",
    severity: "medium",
    hipaa: [prowler("164.312(b)")],
    description:
        "VPC flow logs are the only network-level record of which hosts talked to which, and how much data left; without them an exfiltration from a PHI workload leaves no trace. Logs of accepted or rejected traffic alone miss half the picture, so the log must capture ALL traffic.",
    remediation:
        "Add an aws.ec2.FlowLog with vpcId set to the VPC and trafficType \"ALL\", delivering to a CMK-encrypted CloudWatch log group kept six years (or an Object Lock S3 bucket).",
    unknowns: "An unknown trafficType is reported as unverified (advisory). Flow logs are joined to their VPC through vpcId's propertyDependencies, known at preview.",
    acrossResources: "Every judgement is coverage: the flow logs of the stack that name each VPC.",
    checkStack(stack, ctx) {
        const byVpc = stack.companionsByTarget(stack.ofType(FLOW_LOGS), "vpcId");
        for (const vpc of stack.ofType(VPCS)) {
            const logs = byVpc.get(vpc.urn) ?? [];
            if (logs.length === 0) {
                ctx.fail({ problem: "the VPC has no flow log (no aws.ec2.FlowLog refers to it)", at: "FlowLog.vpcId", urn: vpc.urn });
                continue;
            }
            const kinds = logs.map((l) => l.props.trafficType);
            if (kinds.some((k) => typeof k === "string" && k.trim().toUpperCase() === "ALL")) continue;
            const unknown = logs.filter((l) => isUnknown(l.props.trafficType));
            if (unknown.length > 0) {
                for (const l of unknown) ctx.unverified("trafficType", l.urn);
                continue;
            }
            for (const l of logs) {
                const kind = typeof l.props.trafficType === "string" ? l.props.trafficType.trim().toUpperCase() : undefined;
                // Only the provider's enum values are echoed: anything else is described, not quoted.
                const what = kind === "ACCEPT" || kind === "REJECT" ? `only ${kind} traffic` : kind === undefined ? "no declared traffic type" : "an unsupported traffic type";
                ctx.fail({ problem: `the VPC's flow log captures ${what}`, at: "trafficType", fix: 'set trafficType to "ALL"', urn: l.urn });
            }
        }
    },
};
