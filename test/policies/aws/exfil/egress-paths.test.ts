import { strict as assert } from "assert";
import { awsExfilEgressPaths as control } from "../../../../policies/aws/exfil/egress-paths";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { iamDoc } from "../../../examples";

const S3 = "com.amazonaws.us-east-1.s3";
const endpoint = (props: Record<string, unknown>, name = "s3"): TestResource => ({ type: "aws:ec2/vpcEndpoint:VpcEndpoint", name, props: { vpcId: "vpc-1", serviceName: S3, vpcEndpointType: "Gateway", ...props } });
const anyBucket = { Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" };
const ownedOnly = { ...anyBucket, Condition: { StringEquals: { "aws:ResourceAccount": ["111122223333"] } } };
const out = (r: TestResource, at: string) => ({ at, urn: urnOf(r) });
const CLEAN = { violations: [], unverified: [], urns: [] };
const fn = (props: Record<string, unknown>, name = "fn"): TestResource => ({ type: "aws:lambda/function:Function", name, props: { role: "arn:aws:iam::111122223333:role/f", runtime: "nodejs20.x", handler: "index.handler", ...props } });
const server = (props: Record<string, unknown>, name = "sftp"): TestResource => ({ type: "aws:transfer/server:Server", name, props: { protocols: ["SFTP"], ...props } });

describe("aws-exfil-egress-paths", () => {
    describe("S3 endpoint policies", () => {
        it("flags an S3 endpoint without a policy (the default allows every bucket)", async () => {
            const e = endpoint({});
            assertFindings(await runStack(control, [e]), [out(e, "policy")]);
        });

        it("flags a policy allowing writes to any bucket, as a JSON string and as an object", async () => {
            for (const policy of [iamDoc(anyBucket), { Version: "2012-10-17", Statement: [anyBucket] }]) {
                const e = endpoint({ policy });
                assertFindings(await runStack(control, [e]), [out(e, "policy.Statement[0]")]);
            }
        });

        it("passes aws:ResourceAccount / aws:ResourceOrgID conditions and policies that name the buckets", async () => {
            const org = { ...anyBucket, Condition: { StringEquals: { "aws:ResourceOrgID": "o-abcdefghij" } } };
            const named = { Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::acme-records/*", "arn:aws:s3:::acme-records"] };
            // An object document whose Resource holds another resource's ARN, unknown at preview: a bucket of this stack.
            const stackBucket = { Version: "2012-10-17", Statement: [{ ...named, Resource: [unknown] }] };
            const readOnly = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" };
            assert.deepEqual(await runStack(control, [endpoint({ policy: iamDoc(ownedOnly) }, "a"), endpoint({ policy: iamDoc(org) }, "b"), endpoint({ policy: iamDoc(named) }, "c"), endpoint({ policy: iamDoc(readOnly) }, "d"), endpoint({ policy: stackBucket }, "e")]), CLEAN);
        });

        it("does not take a wildcard account (`*`) in aws:ResourceAccount as a limit", async () => {
            const e = endpoint({ policy: iamDoc({ ...anyBucket, Condition: { StringLike: { "aws:ResourceAccount": "*" } } }) });
            assertFindings(await runStack(control, [e]), [out(e, "policy.Statement[0]")]);
        });

        it("judges a standalone VpcEndpointPolicy joined to its endpoint", async () => {
            const e = endpoint({});
            const p: TestResource = { type: "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy", name: "s3-policy", props: { vpcEndpointId: unknown, policy: iamDoc(anyBucket) }, propertyDependencies: { vpcEndpointId: [urnOf(e)] } };
            assertFindings(await runStack(control, [e, p]), [out(p, "policy.Statement[0]")]);
            const ok = { ...p, props: { ...p.props, policy: iamDoc(ownedOnly) } };
            assert.deepEqual(await runStack(control, [e, ok]), CLEAN);
        });

        it("ignores endpoints of other services and reports unknown service names and policies", async () => {
            const ddb = endpoint({ serviceName: "com.amazonaws.us-east-1.dynamodb" }, "ddb");
            const svc = endpoint({ serviceName: unknown }, "svc");
            const pol = endpoint({ policy: unknown }, "pol");
            assertFindings(await runStack(control, [ddb, svc, pol]), [{ ...out(svc, "serviceName"), outcome: "unverified" }, { ...out(pol, "policy"), outcome: "unverified" }]);
        });

        it("judges a policy held in a secret", async () => {
            const e = endpoint({ policy: secret(iamDoc(anyBucket)) });
            assertFindings(await runStack(control, [e]), [out(e, "policy.Statement[0]")]);
        });
    });

    describe("functions", () => {
        it("flags a PHI function outside any VPC, and passes one with subnets", async () => {
            const outside = fn({});
            const emptySubnets = fn({ vpcConfig: { subnetIds: [], securityGroupIds: [] } }, "empty");
            const inside = fn({ vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } }, "inside");
            assertFindings(await runStack(control, [outside, emptySubnets, inside]), [out(outside, "vpcConfig"), out(emptySubnets, "vpcConfig")]);
        });

        it("passes a function outside the PHI scope, and reports subnets unknown at preview", async () => {
            assert.deepEqual(await runStack(control, [fn({ tags: { "data-classification": "public" } })], { settings: { phiScope: "unless-non-phi" } }), CLEAN);
            const u = fn({ vpcConfig: { subnetIds: unknown, securityGroupIds: [] } });
            assertFindings(await runStack(control, [u]), [{ ...out(u, "vpcConfig.subnetIds"), outcome: "unverified" }]);
        });
    });

    describe("aws-native functions (aws-native:lambda:Function)", () => {
        const nativeFn = (props: Record<string, unknown>, name = "native-fn"): TestResource => ({
            type: "aws-native:lambda:Function",
            name,
            props: { role: "arn:aws:iam::111122223333:role/f", runtime: "nodejs20.x", handler: "index.handler", code: { zipFile: "exports.handler = async () => {}" }, ...props },
        });

        it("flags a PHI aws-native function outside any VPC next to the @pulumi/aws one, and passes one with subnets", async () => {
            const outside = nativeFn({});
            const legacy = fn({});
            const inside = nativeFn({ vpcConfig: { subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] } }, "inside");
            assertFindings(await runStack(control, [outside, legacy, inside]), [out(outside, "vpcConfig"), out(legacy, "vpcConfig")]);
        });

        it("reads an aws-native function's PHI tag from its tag list, and reports its subnets unknown at preview", async () => {
            const nonPhi = nativeFn({ tags: [{ key: "data-classification", value: "public" }] });
            assert.deepEqual(await runStack(control, [nonPhi], { settings: { phiScope: "unless-non-phi" } }), CLEAN);
            const u = nativeFn({ vpcConfig: { subnetIds: unknown, securityGroupIds: [] } });
            assertFindings(await runStack(control, [u]), [{ ...out(u, "vpcConfig.subnetIds"), outcome: "unverified" }]);
        });
    });

    describe("Transfer Family servers", () => {
        it("flags a public endpoint (the default) and a server that does not log", async () => {
            const s = server({});
            assertFindings(await runStack(control, [s]), [out(s, "endpointType"), out(s, "structuredLogDestinations")]);
        });

        it("flags a VPC endpoint with Elastic IPs", async () => {
            const s = server({ endpointType: "VPC", endpointDetails: { vpcId: "vpc-1", subnetIds: ["subnet-1"], addressAllocationIds: ["eipalloc-1"] }, loggingRole: "arn:aws:iam::111122223333:role/l" });
            assertFindings(await runStack(control, [s]), [out(s, "endpointDetails.addressAllocationIds")]);
        });

        it("passes a VPC-internal server that logs", async () => {
            const s = server({ endpointType: "VPC", endpointDetails: { vpcId: "vpc-1", subnetIds: ["subnet-1"] }, structuredLogDestinations: ["arn:aws:logs:us-east-1:111122223333:log-group:transfer:*"] });
            assert.deepEqual(await runStack(control, [s]), CLEAN);
        });
    });
});
