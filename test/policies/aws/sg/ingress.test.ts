import { strict as assert } from "assert";
import { awsSgIngress as control } from "../../../../policies/aws/sg/ingress";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const sg = (ingress: unknown) => ({ type: "aws:ec2/securityGroup:SecurityGroup", props: { vpcId: "vpc-1", ingress } });
const tcp = (fromPort: number, toPort: number, extra: object = { cidrBlocks: ["0.0.0.0/0"] }) => ({ protocol: "tcp", fromPort, toPort, ...extra });

describe("aws-sg-ingress", () => {
    it("flags SSH from 0.0.0.0/0 in an inline ingress block", async () => {
        const r = await runResource(control, sg([tcp(22, 22)]));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /tcp port 22 \(covering port 22\) to the internet \(0\.0\.0\.0\/0\) at ingress\[0\]\.cidrBlocks\[0\]/);
    });

    it("flags RDP from ::/0", async () => {
        const r = await runResource(control, sg([tcp(3389, 3389, { ipv6CidrBlocks: ["::/0"] })]));
        assert.match(r.violations[0], /covering port 3389.*at ingress\[0\]\.ipv6CidrBlocks\[0\]/);
    });

    it("flags a port range that covers port 22", async () => {
        const r = await runResource(control, sg([tcp(20, 30)]));
        assert.match(r.violations[0], /tcp ports 20-30 \(covering port 22\)/);
    });

    it("flags a default database port and a configured one", async () => {
        assert.equal((await runResource(control, sg([tcp(5432, 5432)]))).violations.length, 1);
        const r = await runResource(control, sg([tcp(8443, 8443)]), { config: { databasePorts: [8443] } });
        assertFindings(r, [{ at: "ingress[0].cidrBlocks[0]" }]);
    });

    it("flags all protocols from the internet (-1, all)", async () => {
        for (const protocol of ["-1", "all"]) {
            const r = await runResource(control, sg([{ protocol, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]));
            assert.match(r.violations[0], /allows all protocols from the internet/);
        }
    });

    it("flags all TCP ports from a wide split", async () => {
        const r = await runResource(control, sg([tcp(0, 65535, { cidrBlocks: ["128.0.0.0/1"] })]));
        assert.match(r.violations[0], /tcp ports 0-65535 from the internet \(128\.0\.0\.0\/1\)/);
    });

    it("flags a SecurityGroupRule of type ingress and the default security group", async () => {
        const r = await runResource(control, { type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: { type: "INGRESS", securityGroupId: "sg-1", ...tcp(22, 22) } });
        assertFindings(r, [{ at: "cidrBlocks[0]" }]);
        const d = await runResource(control, { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", props: { ingress: [tcp(22, 22)] } });
        assertFindings(d, [{ at: "ingress[0].cidrBlocks[0]" }]);
    });

    it("flags a vpc SecurityGroupIngressRule with cidrIpv4", async () => {
        const r = await runResource(control, { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "0.0.0.0/0" } });
        assert.match(r.violations[0], /at cidrIpv4/);
    });

    it("passes HTTPS from the internet, SSH from a private range and rules by prefix list or group", async () => {
        const r = await runResource(control, sg([tcp(443, 443), tcp(22, 22, { cidrBlocks: ["10.0.0.0/16"] }), tcp(22, 22, { prefixListIds: ["pl-1"] }), tcp(5432, 5432, { securityGroups: ["sg-app"] })]));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes ICMP from the internet and egress-type rules", async () => {
        assert.deepEqual((await runResource(control, sg([{ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }]))).violations, []);
        const e = await runResource(control, { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } });
        assert.deepEqual(e.violations, []);
    });

    it("passes a source listed in allowedSources", async () => {
        const r = await runResource(control, sg([tcp(22, 22, { cidrBlocks: ["0.0.0.0/1"] })]), { config: { allowedSources: ["0.0.0.0/1"] } });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify unknown ingress lists, sources and ports from the internet", async () => {
        assert.match((await runResource(control, sg(unknown))).unverified[0], /could not verify ingress/);
        assert.match((await runResource(control, sg([tcp(22, 22, { cidrBlocks: [unknown] })]))).unverified[0], /ingress\[0\]\.cidrBlocks/);
        const p = await runResource(control, sg([{ protocol: "tcp", fromPort: unknown, toPort: unknown, cidrBlocks: ["0.0.0.0/0"] }]));
        assert.match(p.unverified[0], /ingress\[0\]\.fromPort/);
        assert.deepEqual(p.violations, []);
    });

    it("flags a secret rule list without echoing its description", async () => {
        const r = await runResource(control, sg(secret([tcp(22, 22, { cidrBlocks: ["0.0.0.0/0"], description: "s3cr3t-note" })])));
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
