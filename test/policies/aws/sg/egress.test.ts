import { strict as assert } from "assert";
import { awsSgEgress as control } from "../../../../policies/aws/sg/egress";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const sg = (egress: unknown) => ({ type: "aws:ec2/securityGroup:SecurityGroup", props: { vpcId: "vpc-1", egress } });
const allTraffic = { protocol: "-1", fromPort: 0, toPort: 0 };

describe("aws-sg-egress", () => {
    it("flags inline egress of all protocols to 0.0.0.0/0", async () => {
        const r = await runResource(control, sg([{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"] }]));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /all protocols to the internet \(0\.0\.0\.0\/0\) at egress\[0\]\.cidrBlocks\[0\]/);
    });

    it("flags inline egress of all protocols to ::/0", async () => {
        const r = await runResource(control, sg([{ ...allTraffic, ipv6CidrBlocks: ["::/0"] }]));
        assert.match(r.violations[0], /at egress\[0\]\.ipv6CidrBlocks\[0\]/);
    });

    it('flags protocol "all" and wide splits such as 0.0.0.0/1 + 128.0.0.0/1', async () => {
        const r = await runResource(control, sg([{ protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }]));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /0\.0\.0\.0\/1, 128\.0\.0\.0\/1/);
    });

    it("flags TCP 0-65535 to the internet", async () => {
        const r = await runResource(control, sg([{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }]));
        assert.match(r.violations[0], /tcp ports 0-65535/);
    });

    it("flags the default security group's inline egress", async () => {
        const r = await runResource(control, { type: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", props: { egress: [{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"] }] } });
        assertFindings(r, [{ at: "egress[0].cidrBlocks[0]" }]);
    });

    it("flags a SecurityGroupRule of type egress", async () => {
        const r = await runResource(control, { type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: { type: "egress", securityGroupId: "sg-1", ...allTraffic, cidrBlocks: ["0.0.0.0/0"] } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at cidrBlocks\[0\]/);
    });

    it("flags a vpc SecurityGroupEgressRule with ipProtocol -1 and cidrIpv4", async () => {
        const r = await runResource(control, { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", props: { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at cidrIpv4/);
    });

    it("flags a vpc SecurityGroupEgressRule to ::/0 through cidrIpv6", async () => {
        const r = await runResource(control, { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", props: { ipProtocol: "-1", cidrIpv6: "::/0" } });
        assertFindings(r, [{ at: "cidrIpv6" }]);
    });

    it("flags HTTPS to the internet, the usual way data leaves (as az-nsg-egress does)", async () => {
        const r = await runResource(control, sg([{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }]));
        assertFindings(r, [{ at: "egress[0].cidrBlocks[0]" }]);
        assert.match(r.violations[0], /tcp port 443 to the internet \(0\.0\.0\.0\/0\)/);
    });

    it("flags ICMP to ::/0", async () => {
        const r = await runResource(control, sg([{ protocol: "icmpv6", fromPort: -1, toPort: -1, ipv6CidrBlocks: ["::/0"] }]));
        assertFindings(r, [{ at: "egress[0].ipv6CidrBlocks[0]" }]);
    });

    it("passes a port listed in allowedPorts, and flags a range that reaches beyond them", async () => {
        const config = { allowedDestinations: [], allowedPorts: [123, 443] };
        const ok = await runResource(control, sg([{ protocol: "udp", fromPort: 123, toPort: 123, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] }]), { config });
        assert.deepEqual(ok, { violations: [], unverified: [], urns: [] });
        const wide = await runResource(control, sg([{ protocol: "tcp", fromPort: 443, toPort: 444, cidrBlocks: ["0.0.0.0/0"] }]), { config });
        assertFindings(wide, [{ at: "egress[0].cidrBlocks[0]" }]);
        assert.match(wide.violations[0], /tcp ports 443-444/);
        const all = await runResource(control, sg([{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"] }]), { config });
        assertFindings(all, [{ at: "egress[0].cidrBlocks[0]" }]);
    });

    it("passes a group outside the PHI scope, and judges a standalone rule, which carries no classification", async () => {
        const settings = { phiScope: "tagged" };
        const g = await runResource(control, { type: "aws:ec2/securityGroup:SecurityGroup", props: { egress: [{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"] }] } }, { settings });
        assert.deepEqual(g.violations, []);
        const tagged = await runResource(control, { type: "aws:ec2/securityGroup:SecurityGroup", props: { tags: { "data-classification": "phi" }, egress: [{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"] }] } }, { settings });
        assertFindings(tagged, [{ at: "egress[0].cidrBlocks[0]" }]);
        const rule = await runResource(control, { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" } }, { settings });
        assertFindings(rule, [{ at: "cidrIpv4" }]);
    });

    it("passes all traffic to private ranges, prefix lists and security groups", async () => {
        const r = await runResource(control, sg([
            { ...allTraffic, cidrBlocks: ["10.0.0.0/16"] },
            { ...allTraffic, prefixListIds: ["pl-63a5400a"] },
            { ...allTraffic, securityGroups: ["sg-1"] },
        ]));
        assert.deepEqual(r.violations, []);
    });

    it("passes a group without egress blocks and ingress-type rules", async () => {
        assert.deepEqual((await runResource(control, { type: "aws:ec2/securityGroup:SecurityGroup", props: { vpcId: "vpc-1" } })).violations, []);
        const r = await runResource(control, { type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: { type: "ingress", ...allTraffic, cidrBlocks: ["0.0.0.0/0"] } });
        assert.deepEqual(r.violations, []);
        const v = await runResource(control, { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", props: { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" } });
        assert.deepEqual(v, { violations: [], unverified: [], urns: [] });
    });

    it("passes a destination listed in allowedDestinations", async () => {
        const r = await runResource(control, sg([{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"] }]), { config: { allowedDestinations: ["0.0.0.0/0"], allowedPorts: [] } });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify unknown egress lists, rule types and CIDRs", async () => {
        assert.match((await runResource(control, sg(unknown))).unverified[0], /could not verify egress/);
        const t = await runResource(control, { type: "aws:ec2/securityGroupRule:SecurityGroupRule", props: { type: unknown, ...allTraffic, cidrBlocks: ["0.0.0.0/0"] } });
        assert.match(t.unverified[0], /could not verify type/);
        const c = await runResource(control, sg([{ ...allTraffic, cidrBlocks: unknown }]));
        assert.match(c.unverified[0], /could not verify egress\[0\]\.cidrBlocks/);
        assert.deepEqual(c.violations, []);
    });

    it("says it could not verify an unknown protocol on internet egress, and ignores it on private egress", async () => {
        const r = await runResource(control, sg([{ protocol: unknown, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, { protocol: unknown, fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }]));
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /egress\[0\]\.protocol/);
    });

    it("flags a rule held in a secret without echoing its description", async () => {
        const r = await runResource(control, sg(secret([{ ...allTraffic, cidrBlocks: ["0.0.0.0/0"], description: "s3cr3t-value" }])));
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
