import { strict as assert } from "assert";
import { awsApigwDataTrace as control } from "../../../../policies/aws/apigw/data-trace";
import { runResource, secret, unknown } from "../../../harness";

const settings = (s: unknown) => ({ type: "aws:apigateway/methodSettings:MethodSettings", props: { restApi: "a", stageName: "prod", methodPath: "*/*", settings: s } });
const v2 = (props: Record<string, unknown>) => ({ type: "aws:apigatewayv2/stage:Stage", props: { apiId: "a", ...props } });

describe("aws-apigw-data-trace", () => {
    it("flags MethodSettings with dataTraceEnabled true", async () => {
        const r = await runResource(control, settings({ loggingLevel: "INFO", dataTraceEnabled: true }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /full request and response bodies to CloudWatch Logs at settings\.dataTraceEnabled/);
    });

    it('flags the string form "true"', async () => {
        assert.equal((await runResource(control, settings({ dataTraceEnabled: "True" }))).violations.length, 1);
    });

    it("flags a v2 stage's defaultRouteSettings and each routeSettings entry", async () => {
        const r = await runResource(control, v2({ defaultRouteSettings: { dataTraceEnabled: true }, routeSettings: [{ routeKey: "$connect" }, { routeKey: "send", dataTraceEnabled: true }] }));
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /at defaultRouteSettings\.dataTraceEnabled/);
        assert.match(r.violations[1], /at routeSettings\[1\]\.dataTraceEnabled/);
    });

    it("passes data trace off or unset", async () => {
        assert.deepEqual(await runResource(control, settings({ metricsEnabled: true, loggingLevel: "ERROR", dataTraceEnabled: false })), { violations: [], unverified: [], urns: [] });
        assert.deepEqual(await runResource(control, v2({ defaultRouteSettings: { detailedMetricsEnabled: true } })), { violations: [], unverified: [], urns: [] });
        assert.deepEqual(await runResource(control, v2({})), { violations: [], unverified: [], urns: [] });
    });

    it("ignores REST stages, which have no inline data-trace setting", async () => {
        assert.deepEqual(await runResource(control, { type: "aws:apigateway/stage:Stage", props: { dataTraceEnabled: true } }), { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify unknown settings", async () => {
        assert.match((await runResource(control, settings(unknown))).unverified[0], /settings\.dataTraceEnabled/);
        assert.match((await runResource(control, v2({ routeSettings: unknown }))).unverified[0], /routeSettings/);
        assert.match((await runResource(control, v2({ routeSettings: [{ routeKey: "a", dataTraceEnabled: unknown }] }))).unverified[0], /routeSettings\[0\]\.dataTraceEnabled/);
    });

    it("reads secret settings", async () => {
        assert.equal((await runResource(control, settings(secret({ dataTraceEnabled: true })))).violations.length, 1);
    });
});
