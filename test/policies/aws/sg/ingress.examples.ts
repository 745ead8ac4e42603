import { awsSgIngress as control } from "../../../../policies/aws/sg/ingress";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const sg = (ingress: object[]) => resource("aws:ec2/securityGroup:SecurityGroup", "db", { vpcId: "vpc-0abc", ingress });
const tcp = (port: number, cidrBlocks: unknown) => ({ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks });
const ssh = sg([tcp(22, ["0.0.0.0/0"])]);
const postgres = sg([tcp(5432, ["0.0.0.0/0"])]);
const rdp6 = sg([{ protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["::/0"] }]);
const unknownCidr = sg([tcp(22, unknown)]);

export default defineExamples({
    control,
    passing: { baseline: { says: "PostgreSQL from the VPC's own range", resources: [sg([tcp(5432, ["10.0.0.0/16"])])] } },
    failing: {
        "ssh-from-internet": { says: "SSH from anywhere", resources: [ssh], findings: [fails(ssh, "ingress[0].cidrBlocks[0]")] },
        "database-from-internet": { says: "PostgreSQL from anywhere", resources: [postgres], findings: [fails(postgres, "ingress[0].cidrBlocks[0]")] },
        "rdp-from-ipv6-internet": { says: "RDP from any IPv6 address", resources: [rdp6], findings: [fails(rdp6, "ingress[0].ipv6CidrBlocks[0]")] },
        "unknown-source": { says: "SSH from a range unknown until the update", resources: [unknownCidr], findings: [unverifiedAt(unknownCidr, "ingress[0].cidrBlocks")] },
    },
});
