import { awsSgEgress as control } from "../../../../policies/aws/sg/egress";
import { defineExamples, fails, resource } from "../../../examples";

const sg = (egress: object[]) => resource("aws:ec2/securityGroup:SecurityGroup", "app", { vpcId: "vpc-0abc", egress });
const anywhere = sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]);
const split = sg([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }]);
const https = sg([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]);
const rule = resource("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "app-out", { securityGroupId: "sg-0abc", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "egress to the VPC's own range only", resources: [sg([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }])] },
        "s3-prefix-list": { says: "HTTPS to the S3 gateway endpoint's prefix list", resources: [sg([{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-63a5400a"] }])] },
    },
    failing: {
        "all-traffic-anywhere": { says: "every protocol to 0.0.0.0/0", resources: [anywhere], findings: [fails(anywhere, "egress[0].cidrBlocks[0]")] },
        "split-internet": { says: "every protocol to 0.0.0.0/1 and 128.0.0.0/1, which together are the internet", resources: [split], findings: [fails(split, "egress[0].cidrBlocks[0]")] },
        "https-anywhere": { says: "HTTPS to 0.0.0.0/0, the usual way data leaves", resources: [https], findings: [fails(https, "egress[0].cidrBlocks[0]")] },
        "standalone-rule": { says: "a standalone egress rule to the internet", resources: [rule], findings: [fails(rule, "cidrIpv4")] },
    },
});
