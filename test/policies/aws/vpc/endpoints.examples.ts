import { awsVpcEndpoints as control } from "../../../../policies/aws/vpc/endpoints";
import { defineExamples, fails, linked, resource, without } from "../../../examples";

const vpc = resource("aws:ec2/vpc:Vpc", "phi", { cidrBlock: "10.0.0.0/16", tags: { "data-classification": "phi" } });
const endpoint = (service: string) => linked("aws:ec2/vpcEndpoint:VpcEndpoint", `phi-${service}`, "vpcId", vpc, { serviceName: `com.amazonaws.us-east-1.${service}`, vpcEndpointType: service === "s3" ? "Gateway" : "Interface" });
const baseline = [vpc, ...["s3", "kms", "secretsmanager", "logs", "sts"].map(endpoint)];

export default defineExamples({
    control,
    passing: { baseline: { says: "a PHI VPC with endpoints for S3, KMS, Secrets Manager, CloudWatch Logs and STS", resources: baseline } },
    failing: {
        "no-kms-endpoint": { says: "no KMS endpoint: key requests leave the VPC", resources: without(baseline, "phi-kms"), findings: [fails(vpc, "VpcEndpoint.vpcId")] },
    },
});
