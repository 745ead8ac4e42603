import { strict as assert } from "assert";
import { awsApigwAccessLogging as control } from "../../../../policies/aws/apigw/access-logging";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const FORMAT = '{"requestId":"$context.requestId"}';
const group = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:cloudwatch/logGroup:LogGroup", name, props: { retentionInDays: 2192, ...props } });
const stage = (name: string, props: Record<string, unknown>, dest?: TestResource, type = "aws:apigateway/stage:Stage"): TestResource => ({
    type,
    name,
    props: { restApi: "a", deployment: "d", stageName: "prod", ...props },
    propertyDependencies: dest ? { accessLogSettings: [urnOf(dest)] } : undefined,
});

describe("aws-apigw-access-logging", () => {
    it("flags a REST stage without access logs", async () => {
        const s = stage("prod", {});
        const r = await runStack(control, [s]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the stage writes no access logs at accessLogSettings\.destinationArn/);
        assert.deepEqual(r.urns, [urnOf(s)]);
    });

    it("flags a v2 stage without access logs and one with an empty destination", async () => {
        const r = await runStack(control, [
            stage("v2", {}, undefined, "aws:apigatewayv2/stage:Stage"),
            stage("empty", { accessLogSettings: { destinationArn: "", format: FORMAT } }),
        ]);
        assertFindings(r, [{ at: "accessLogSettings.destinationArn", urn: "urn:pulumi:test::test::aws:apigatewayv2/stage:Stage::v2" }, { at: "accessLogSettings.destinationArn", urn: "urn:pulumi:test::test::aws:apigateway/stage:Stage::empty" }]);
    });

    it("flags access logs that go to a log group without a CMK (joined by propertyDependencies)", async () => {
        const g = group("plain");
        const r = await runStack(control, [g, stage("prod", { accessLogSettings: { destinationArn: unknown, format: FORMAT } }, g)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /log group "plain", which is not encrypted/);
    });

    it("flags a log group without a CMK joined by its known ARN", async () => {
        const arn = "arn:aws:logs:us-east-1:111122223333:log-group:api";
        const r = await runStack(control, [group("plain", { arn }), stage("prod", { accessLogSettings: { destinationArn: `${arn}:*`, format: FORMAT } })]);
        assertFindings(r, [{ at: "accessLogSettings.destinationArn", urn: "urn:pulumi:test::test::aws:apigateway/stage:Stage::prod" }]);
    });

    it("passes access logs to a CMK-encrypted log group, known or unknown key", async () => {
        const g = group("enc", { kmsKeyId: "arn:aws:kms:us-east-1:1:key/k" });
        const u = group("enc2", { kmsKeyId: unknown });
        const r = await runStack(control, [
            g,
            u,
            stage("a", { accessLogSettings: { destinationArn: unknown, format: FORMAT } }, g),
            stage("b", { accessLogSettings: { destinationArn: unknown, format: FORMAT } }, u, "aws:apigatewayv2/stage:Stage"),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("accepts an unknown destination and one outside the stack", async () => {
        const r = await runStack(control, [
            stage("a", { accessLogSettings: unknown }),
            stage("b", { accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:1:log-group:elsewhere", format: FORMAT } }),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("reads a secret destination without echoing it", async () => {
        const r = await runStack(control, [stage("s", { accessLogSettings: secret({ destinationArn: "", format: "s3cr3t" }) })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
