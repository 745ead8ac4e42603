import { awsEc2InstanceIdentity as control } from "../../../../policies/aws/ec2/instance-identity";
import { change, defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const INSTANCE = "aws:ec2/instance:Instance";
const worker = resource(INSTANCE, "records-worker", { ami: "ami-0a1b2c3d4e5f60718", instanceType: "t3.medium", subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: false, metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } });
const template = resource("aws:ec2/launchTemplate:LaunchTemplate", "records-workers", { imageId: "ami-0a1b2c3d4e5f60718", metadataOptions: { httpTokens: "required" }, networkInterfaces: [{ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: "false" }] });
const imdsV1 = change([worker], "records-worker", { metadataOptions: { httpTokens: "optional" } });
const publicIp = change([worker], "records-worker", { associatePublicIpAddress: true });
const defaultVpc = change([worker], "records-worker", { subnetId: undefined, associatePublicIpAddress: undefined });
const publicTemplate = change([template], "records-workers", { networkInterfaces: [{ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: "true" }] });
const later = change([worker], "records-worker", { metadataOptions: { httpTokens: unknown } });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a PHI worker in a private subnet that requires IMDSv2", resources: [worker] },
        "launch-template": { says: "a launch template that requires IMDSv2 and gives its instances no public address", resources: [template] },
    },
    failing: {
        "imds-v1": { says: "the metadata service answers IMDSv1 requests", resources: imdsV1, findings: [fails(imdsV1[0], "metadataOptions.httpTokens")] },
        "public-ip": { says: "the PHI worker gets a public IP address", resources: publicIp, findings: [fails(publicIp[0], "associatePublicIpAddress")] },
        "default-vpc": { says: "no subnet: the worker launches into the default VPC, which gives it a public address", resources: defaultVpc, findings: [fails(defaultVpc[0], "subnetId")] },
        "public-template": { says: "the launch template's network interface gives every instance a public address", resources: publicTemplate, findings: [fails(publicTemplate[0], "networkInterfaces[0].associatePublicIpAddress")], from: "launch-template" },
        "unknown-tokens": { says: "httpTokens unknown until the update", resources: later, findings: [unverifiedAt(later[0], "metadataOptions.httpTokens")] },
    },
});
