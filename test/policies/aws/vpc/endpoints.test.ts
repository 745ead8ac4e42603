import { strict as assert } from "assert";
import { awsVpcEndpoints as control } from "../../../../policies/aws/vpc/endpoints";
import { runStack, TestResource, unknown, urnOf } from "../../../harness";

const vpc: TestResource = { type: "aws:ec2/vpc:Vpc", name: "phi", props: { cidrBlock: "10.0.0.0/16", tags: { "data-classification": "phi" } } };
const endpoint = (service: unknown, target: TestResource = vpc): TestResource => ({
    type: "aws:ec2/vpcEndpoint:VpcEndpoint",
    name: `ep-${String(service).replace(/\W/g, "")}`,
    props: { vpcId: unknown, serviceName: service },
    propertyDependencies: { vpcId: [urnOf(target)] },
});
const ALL = ["s3", "kms", "secretsmanager", "logs", "sts"].map((s) => endpoint(`com.amazonaws.us-east-1.${s}`));

describe("aws-vpc-endpoints", () => {
    it("flags a VPC with no endpoints, naming every missing service", async () => {
        const r = await runStack(control, [vpc]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no VPC endpoint for s3, kms, secretsmanager, logs, sts/);
        assert.deepEqual(r.urns, [urnOf(vpc)]);
    });

    it("flags the services still missing", async () => {
        const r = await runStack(control, [vpc, ...ALL.slice(0, 3)]);
        assert.match(r.violations[0], /no VPC endpoint for logs, sts, so that traffic leaves through the internet at VpcEndpoint\.vpcId/);
    });

    it("does not count endpoints of another VPC", async () => {
        const other: TestResource = { type: "aws:ec2/vpc:Vpc", name: "other", props: {} };
        const r = await runStack(control, [vpc, other, ...["s3", "kms", "secretsmanager", "logs", "sts"].map((s) => endpoint(`com.amazonaws.us-east-1.${s}`, other))]);
        assert.deepEqual(r.urns, [urnOf(vpc)]);
    });

    it("passes a VPC with every required endpoint", async () => {
        assert.deepEqual(await runStack(control, [vpc, ...ALL]), { violations: [], unverified: [], urns: [] });
    });

    it("honours configured services", async () => {
        const r = await runStack(control, [vpc, ...ALL], { config: { requiredServices: ["s3", "ecr.dkr"] } });
        assert.match(r.violations[0], /no VPC endpoint for ecr\.dkr/);
    });

    it("skips VPCs outside PHI scope when the scope is tagged", async () => {
        const plain: TestResource = { type: "aws:ec2/vpc:Vpc", name: "tools", props: {} };
        const r = await runStack(control, [vpc, plain, ...ALL], { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify a gap when an endpoint's service name is unknown", async () => {
        const u = endpoint(unknown);
        const r = await runStack(control, [vpc, ...ALL.slice(0, 4), u]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify serviceName/);
        assert.deepEqual(r.urns, [urnOf(u)]);
    });
});
