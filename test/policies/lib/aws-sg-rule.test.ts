import { strict as assert } from "assert";
import { allPorts, coveredPorts, internetCidrs, ruleCidrs, ruleTraffic, sgRules } from "../../../policies/lib/aws-sg-rule";
import { UNKNOWN } from "../../../policies/lib/values";

const SG = "aws:ec2/securityGroup:SecurityGroup";

describe("lib/aws-sg-rule", () => {
    it("reads inline rules of one direction with their paths", () => {
        const rules = sgRules(SG, { ingress: [{ protocol: "tcp" }], egress: [{ protocol: "-1" }, { protocol: "tcp" }] }, "egress");
        assert.deepEqual(rules, [{ at: "egress[0].", props: { protocol: "-1" } }, { at: "egress[1].", props: { protocol: "tcp" } }]);
    });

    it("reads a SecurityGroupRule only for its own type, case-insensitively", () => {
        const t = "aws:ec2/securityGroupRule:SecurityGroupRule";
        assert.equal((sgRules(t, { type: "Egress" }, "egress") as unknown[]).length, 1);
        assert.deepEqual(sgRules(t, { type: "ingress" }, "egress"), []);
        assert.equal(sgRules(t, { type: UNKNOWN }, "egress"), UNKNOWN);
    });

    it("reads the vpc rule resources by direction", () => {
        assert.equal((sgRules("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", {}, "egress") as unknown[]).length, 1);
        assert.deepEqual(sgRules("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", {}, "ingress"), []);
    });

    it("collects CIDRs from list and single fields and skips prefix lists", () => {
        const cidrs = ruleCidrs({ at: "egress[0].", props: { cidrBlocks: ["10.0.0.0/8"], ipv6CidrBlocks: ["::/0"], prefixListIds: ["pl-1"] } });
        assert.deepEqual(cidrs, [
            { at: "egress[0].cidrBlocks[0]", cidr: "10.0.0.0/8" },
            { at: "egress[0].ipv6CidrBlocks[0]", cidr: "::/0" },
        ]);
        assert.deepEqual(ruleCidrs({ at: "", props: { cidrIpv4: " 0.0.0.0/0 " } }), [{ at: "cidrIpv4", cidr: "0.0.0.0/0" }]);
        assert.equal(ruleCidrs({ at: "", props: { cidrBlocks: ["10.0.0.0/8", UNKNOWN] } }), UNKNOWN);
    });

    it("treats wide splits as the internet and honours allowed CIDRs", () => {
        const all = ["0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "::/0", "2000::/3", "10.0.0.0/8", "203.0.113.0/24"].map((cidr) => ({ at: "", cidr }));
        assert.deepEqual(internetCidrs(all, ["0.0.0.0/1"]).map((c) => c.cidr), ["0.0.0.0/0", "128.0.0.0/1", "::/0", "2000::/3"]);
    });

    it("reads protocols in name, number and -1 forms and port ranges", () => {
        assert.deepEqual(ruleTraffic({ at: "", props: { protocol: "-1", fromPort: 0, toPort: 0 } }), { protocol: "all", from: 0, to: 65535 });
        assert.deepEqual(ruleTraffic({ at: "", props: { ipProtocol: "ALL" } }), { protocol: "all", from: 0, to: 65535 });
        assert.deepEqual(ruleTraffic({ at: "", props: { protocol: "6", fromPort: 20, toPort: 25 } }), { protocol: "tcp", from: 20, to: 25 });
        assert.deepEqual(ruleTraffic({ at: "", props: { ipProtocol: "udp" } }), { protocol: "udp", from: 0, to: 65535 });
        assert.equal(ruleTraffic({ at: "", props: { protocol: UNKNOWN } }), UNKNOWN);
        assert.equal(ruleTraffic({ at: "", props: { protocol: "tcp", fromPort: UNKNOWN, toPort: 22 } }), UNKNOWN);
    });

    it("says which ports a range covers", () => {
        assert.equal(allPorts({ protocol: "tcp", from: 0, to: 65535 }), true);
        assert.equal(allPorts({ protocol: "tcp", from: 1, to: 65535 }), false);
        assert.equal(allPorts({ protocol: "other", from: 0, to: 65535 }), false);
        assert.deepEqual(coveredPorts({ protocol: "tcp", from: 20, to: 3400 }, [22, 3389, 5432]), [22, 3389]);
        assert.deepEqual(coveredPorts({ protocol: "other", from: -1, to: -1 }, [22]), []);
    });
});
