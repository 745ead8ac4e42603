import { strict as assert } from "assert";
import { awsApigwAuthorization as control } from "../../../../policies/aws/apigw/authorization";
import { runResource, runStack, runStackPart, secret, TestResource, unknown, urnOf } from "../../../harness";

const method = (name: string, props: Record<string, unknown>): TestResource => ({
    type: "aws:apigateway/method:Method",
    name,
    props: { restApi: "api", resourceId: "r", httpMethod: "GET", ...props },
});
const api: TestResource = { type: "aws:apigatewayv2/api:Api", name: "ws", props: { protocolType: "WEBSOCKET" } };
const httpApi: TestResource = { type: "aws:apigatewayv2/api:Api", name: "http", props: { protocolType: "HTTP" } };
const route = (name: string, props: Record<string, unknown>, on?: TestResource): TestResource => ({
    type: "aws:apigatewayv2/route:Route",
    name,
    props: { apiId: "a", ...props },
    propertyDependencies: on ? { apiId: [urnOf(on)] } : undefined,
});

describe("aws-apigw-authorization", () => {
    it("flags a REST method with authorization NONE, any case", async () => {
        const r = await runStack(control, [method("get", { authorization: "NONE" }), method("post", { authorization: "none", httpMethod: "POST" })]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /method GET accepts unauthenticated calls \(authorization NONE\) at authorization/);
        assert.deepEqual(r.urns, [urnOf(method("get", {})), urnOf(method("post", {}))]);
    });

    it("flags API-key-only methods unless allowApiKeyOnly is set", async () => {
        const m = method("keyed", { authorization: "NONE", apiKeyRequired: true });
        assert.equal((await runStack(control, [m])).violations.length, 1);
        assert.deepEqual((await runStack(control, [m], { config: { allowApiKeyOnly: true } })).violations, []);
        assert.equal((await runStack(control, [method("nokey", { authorization: "NONE", apiKeyRequired: false })], { config: { allowApiKeyOnly: true } })).violations.length, 1);
    });

    it("passes AWS_IAM, COGNITO_USER_POOLS and CUSTOM methods", async () => {
        const r = await runStack(control, ["AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"].map((a, i) => method(`m${i}`, { authorization: a })));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("exempts OPTIONS methods (CORS preflight)", async () => {
        assert.deepEqual((await runStack(control, [method("cors", { authorization: "NONE", httpMethod: "options" })])).violations, []);
    });

    it("flags an HTTP API route without authorizationType (it defaults to NONE) and with NONE", async () => {
        const r = await runStack(control, [httpApi, route("get", { routeKey: "GET /records" }, httpApi), route("any", { routeKey: "ANY /{proxy+}", authorizationType: "NONE" }, httpApi)]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /route accepts unauthenticated calls \(authorizationType NONE\) at authorizationType/);
    });

    it("flags a $default route of an HTTP API and of an API outside the stack", async () => {
        const r = await runStack(control, [httpApi, route("d1", { routeKey: "$default" }, httpApi), route("d2", { routeKey: "$default" })]);
        assert.equal(r.violations.length, 2);
    });

    it("passes JWT, AWS_IAM and CUSTOM routes and exempts OPTIONS routes", async () => {
        const r = await runStack(control, [
            route("jwt", { routeKey: "GET /a", authorizationType: "JWT", authorizerId: "x" }),
            route("iam", { routeKey: "GET /b", authorizationType: "AWS_IAM" }),
            route("custom", { routeKey: "GET /c", authorizationType: "CUSTOM", authorizerId: "x" }),
            route("cors", { routeKey: "OPTIONS /c" }),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags a WebSocket $connect route without authorization and exempts its other routes", async () => {
        const r = await runStack(control, [
            api,
            route("connect", { routeKey: "$connect" }, api),
            route("default", { routeKey: "$default" }, api),
            route("disconnect", { routeKey: "$disconnect" }, api),
            route("send", { routeKey: "sendMessage" }, api),
        ]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(route("connect", {}))]);
    });

    it("exempts WebSocket action routes recognised by their key when the Api is outside the stack", async () => {
        assert.deepEqual((await runStack(control, [route("send", { routeKey: "sendMessage" })])).violations, []);
        assert.equal((await runStack(control, [route("connect", { routeKey: "$connect" })])).violations.length, 1);
    });

    it("passes a route whose key-only auth is allowed", async () => {
        const r = await runStack(control, [route("k", { routeKey: "GET /k", apiKeyRequired: true })], { config: { allowApiKeyOnly: true } });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify unknown authorization, HTTP method, route key and protocol", async () => {
        const r = await runStack(control, [
            method("a", { authorization: unknown }),
            method("b", { authorization: "NONE", httpMethod: unknown }),
            route("c", { routeKey: unknown }),
            route("d", { routeKey: "GET /x", authorizationType: unknown }),
            { type: "aws:apigatewayv2/api:Api", name: "u", props: { protocolType: unknown } },
            route("e", { routeKey: "$default" }, { type: "aws:apigatewayv2/api:Api", name: "u", props: {} }),
        ]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 5);
        assert.match(r.unverified.join("\n"), /authorization[\s\S]*httpMethod[\s\S]*routeKey[\s\S]*authorizationType[\s\S]*apiId/);
    });

    it("says it could not verify an unknown apiKeyRequired only when API keys are allowed", async () => {
        const m = method("k", { authorization: "NONE", apiKeyRequired: unknown });
        assert.equal((await runStack(control, [m])).violations.length, 1);
        assert.match((await runStack(control, [m], { config: { allowApiKeyOnly: true } })).unverified[0], /apiKeyRequired/);
    });

    it("reads a secret authorization without echoing other values", async () => {
        const r = await runStack(control, [method("s", { authorization: secret("NONE"), httpMethod: secret("s3cr3t-verb"), operationName: "s3cr3t-op" })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    describe("when each part runs", () => {
        it("flags a REST method and a $connect route with authorization NONE in Analyze, and not again in AnalyzeStack", async () => {
            assert.equal((await runResource(control, method("get", { authorization: "NONE" }))).violations.length, 1);
            const connect = route("connect", { routeKey: "$connect", authorizationType: "NONE" });
            assert.equal((await runResource(control, connect)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [method("get", { authorization: "NONE" }), connect]), { violations: [], unverified: [], urns: [] });
        });

        it("leaves a route whose need for an authorizer depends on its Api's protocol to the stack", async () => {
            const r = route("default", { routeKey: "$default", authorizationType: "NONE" }, api);
            assert.deepEqual(await runResource(control, r), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runStack(control, [api, r]), { violations: [], unverified: [], urns: [] });
            assert.equal((await runStack(control, [httpApi, { ...r, propertyDependencies: { apiId: [urnOf(httpApi)] } }])).violations.length, 1);
        });
    });
});
