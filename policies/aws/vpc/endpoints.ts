import type { StackControl } from "../../control";
import { endpointServes, VPC_ENDPOINTS, VPCS } from "../../lib/aws-vpc";
import { inferred } from "../../lib/hipaa";
import { isUnknown } from "../../lib/values";

interface Config {
    requiredServices: string[];
}

export const awsVpcEndpoints: StackControl<Config> = {
    id: "aws-vpc-endpoints",
    title: "PHI VPCs reach AWS services through VPC endpoints",
    cloud: "aws",
    judges: VPCS,
    category: "network-egress",
    severity: "medium",
    phiScoped: true,
    hipaa: [inferred("164.312(e)(1)")],
    description:
        "Without VPC endpoints, calls from a PHI workload to S3, KMS, Secrets Manager, CloudWatch Logs and STS leave through a NAT or internet gateway, so the network must allow internet egress and endpoint policies cannot pin traffic to your own buckets and keys. Endpoints keep that traffic private and let egress to the internet be closed.",
    remediation:
        "Add an aws.ec2.VpcEndpoint with vpcId set to the VPC for each required service: a Gateway endpoint for com.amazonaws.<region>.s3 (and dynamodb) and Interface endpoints with private DNS for kms, secretsmanager, logs and sts.",
    unknowns:
        "Endpoints are joined to their VPC through vpcId's propertyDependencies. When a required service is missing but one of the VPC's endpoints has an unknown serviceName, the gap is reported as unverified (advisory).",
    acrossResources: "Every judgement is coverage: the VPC endpoints of the stack that name each PHI VPC.",
    config: {
        requiredServices: {
            type: "array",
            items: { type: "string" },
            default: ["s3", "kms", "secretsmanager", "logs", "sts"],
            description: "Service suffixes (after com.amazonaws.<region>.) every PHI VPC needs an endpoint for, e.g. \"ecr.dkr\".",
        },
    },
    checkStack(stack, ctx) {
        const byVpc = stack.companionsByTarget(stack.ofType(VPC_ENDPOINTS), "vpcId");
        for (const vpc of stack.ofType(VPCS)) {
            if (!ctx.isPhi(vpc)) continue;
            const endpoints = byVpc.get(vpc.urn) ?? [];
            const names = endpoints.map((e) => e.props.serviceName);
            const missing = ctx.config.requiredServices.filter((s) => !names.some((n) => typeof n === "string" && endpointServes(n, s)));
            if (missing.length === 0) continue;
            const unknown = endpoints.filter((e) => isUnknown(e.props.serviceName));
            if (unknown.length > 0) {
                for (const e of unknown) ctx.unverified("serviceName", e.urn);
                continue;
            }
            ctx.fail({
                problem: `the VPC has no VPC endpoint for ${missing.join(", ")}, so that traffic leaves through the internet`,
                at: "VpcEndpoint.vpcId",
                urn: vpc.urn,
            });
        }
    },
};
