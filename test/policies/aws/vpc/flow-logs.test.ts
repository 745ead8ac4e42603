import { strict as assert } from "assert";
import { awsVpcFlowLogs as control } from "../../../../policies/aws/vpc/flow-logs";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";

const vpc: TestResource = { type: "aws:ec2/vpc:Vpc", name: "phi", props: { cidrBlock: "10.0.0.0/16" } };
const flow = (name: string, trafficType: unknown, target: TestResource = vpc): TestResource => ({
    type: "aws:ec2/flowLog:FlowLog",
    name,
    props: { vpcId: unknown, logDestinationType: "cloud-watch-logs", ...(trafficType === undefined ? {} : { trafficType }) },
    propertyDependencies: { vpcId: [urnOf(target)] },
});

describe("aws-vpc-flow-logs", () => {
    it("flags a VPC with no flow log, on the VPC", async () => {
        const r = await runStack(control, [vpc]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the VPC has no flow log/);
        assert.deepEqual(r.urns, [urnOf(vpc)]);
    });

    it("flags the default VPC without a flow log", async () => {
        const d: TestResource = { type: "aws:ec2/defaultVpc:DefaultVpc", name: "default", props: {} };
        assert.deepEqual((await runStack(control, [d])).urns, [urnOf(d)]);
    });

    it("flags a flow log that captures only REJECT traffic, on the flow log", async () => {
        const f = flow("rejects", "REJECT");
        const r = await runStack(control, [vpc, f]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /captures only REJECT traffic at trafficType/);
        assert.deepEqual(r.urns, [urnOf(f)]);
    });

    it("flags a flow log without trafficType", async () => {
        assert.match((await runStack(control, [vpc, flow("none", undefined)])).violations[0], /no declared traffic type/);
    });

    it("does not count a flow log of another VPC", async () => {
        const other: TestResource = { type: "aws:ec2/vpc:Vpc", name: "other", props: {} };
        const r = await runStack(control, [vpc, other, flow("all", "ALL", other)]);
        assert.deepEqual(r.urns, [urnOf(vpc)]);
    });

    it("passes a VPC with an ALL flow log, any case, alongside narrower ones", async () => {
        assert.deepEqual(await runStack(control, [vpc, flow("all", "all"), flow("rejects", "REJECT")]), { violations: [], unverified: [], urns: [] });
    });

    it("joins by a known VPC id when propertyDependencies are absent", async () => {
        const known: TestResource = { type: "aws:ec2/vpc:Vpc", name: "k", props: { id: "vpc-123" } };
        const f: TestResource = { type: "aws:ec2/flowLog:FlowLog", name: "f", props: { vpcId: "vpc-123", trafficType: "ALL" } };
        assert.deepEqual((await runStack(control, [known, f])).violations, []);
    });

    it("does not echo a traffic type outside the provider's values", async () => {
        const r = await runStack(control, [vpc, flow("odd", secret("s3cr3t-type"))]);
        assert.match(r.violations[0], /an unsupported traffic type/);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("reads a secret traffic type", async () => {
        assert.deepEqual((await runStack(control, [vpc, flow("s", secret("ALL"))])).violations, []);
    });

    it("says it could not verify an unknown trafficType", async () => {
        const f = flow("u", unknown);
        const r = await runStack(control, [vpc, f]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify trafficType/);
        assert.deepEqual(r.urns, [urnOf(f)]);
    });
});
