import { awsExfilEgressPaths as control } from "../../../../policies/aws/exfil/egress-paths";
import { change, defineExamples, fails, iamDoc, resource } from "../../../examples";

const orgBuckets = iamDoc({ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": ["111122223333"] } } });
const endpoint = resource("aws:ec2/vpcEndpoint:VpcEndpoint", "s3-gateway", { vpcId: "vpc-0abc", serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway", policy: orgBuckets });
const fn = resource("aws:lambda/function:Function", "records-export", {
    role: "arn:aws:iam::111122223333:role/records-export",
    runtime: "nodejs20.x",
    handler: "index.handler",
    vpcConfig: { subnetIds: ["subnet-0private1"], securityGroupIds: ["sg-0export"] },
});
const sftp = resource("aws:transfer/server:Server", "partner-sftp", {
    protocols: ["SFTP"],
    endpointType: "VPC",
    endpointDetails: { vpcId: "vpc-0abc", subnetIds: ["subnet-0private1"] },
    structuredLogDestinations: ["arn:aws:logs:us-east-1:111122223333:log-group:/aws/transfer/partner-sftp:*"],
});
const baseline = [endpoint, fn, sftp];

export default defineExamples({
    control,
    passing: {
        baseline: { says: "an S3 endpoint limited to the organisation's buckets, a function in private subnets, a VPC-internal SFTP server that logs", resources: baseline },
    },
    failing: {
        "endpoint-any-bucket": {
            says: "an S3 gateway endpoint with no policy, which lets the VPC write to any bucket",
            resources: change(baseline, "s3-gateway", { policy: undefined }),
            findings: [fails(endpoint, "policy")],
        },
        "function-outside-vpc": { says: "a PHI function with no VPC configuration", resources: change(baseline, "records-export", { vpcConfig: undefined }), findings: [fails(fn, "vpcConfig")] },
        "public-sftp": { says: "an SFTP server with a public endpoint", resources: change(baseline, "partner-sftp", { endpointType: "PUBLIC", endpointDetails: undefined }), findings: [fails(sftp, "endpointType")] },
    },
});
