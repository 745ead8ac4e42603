import { awsVpcFlowLogs as control } from "../../../../policies/aws/vpc/flow-logs";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const vpc = resource("aws:ec2/vpc:Vpc", "phi", { cidrBlock: "10.0.0.0/16" });
const flow = linked("aws:ec2/flowLog:FlowLog", "phi-flow", "vpcId", vpc, { trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: "arn:aws:logs:us-east-1:111122223333:log-group:flow", iamRoleArn: "arn:aws:iam::111122223333:role/flow" });
const baseline = [vpc, flow];
const rejectOnly = change(baseline, "phi-flow", { trafficType: "REJECT" });

export default defineExamples({
    control,
    passing: { baseline: { says: "a VPC with a flow log of all traffic", resources: baseline } },
    failing: {
        "no-flow-log": { says: "a VPC without a flow log", resources: without(baseline, "phi-flow"), findings: [fails(vpc, "FlowLog.vpcId")] },
        "reject-only": { says: "the flow log records rejected traffic only", resources: rejectOnly, findings: [fails(rejectOnly[1], "trafficType")] },
    },
});
