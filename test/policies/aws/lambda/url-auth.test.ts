import { strict as assert } from "assert";
import { awsLambdaUrlAuth as control } from "../../../../policies/aws/lambda/url-auth";
import { runResource, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const url = (props: Record<string, unknown>) => ({ type: "aws:lambda/functionUrl:FunctionUrl", props: { functionName: "api", ...props } });
const perm = (props: Record<string, unknown>) => ({ type: "aws:lambda/permission:Permission", props: { action: "lambda:InvokeFunction", function: "api", ...props } });

describe("aws-lambda-url-auth", () => {
    it('flags a function URL with authorizationType "NONE"', async () => {
        const r = await runResource(control, url({ authorizationType: "NONE" }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at authorizationType/);
    });

    it("flags a lower-case none", async () => {
        const r = await runResource(control, url({ authorizationType: "none" }));
        assertFindings(r, [{ at: "authorizationType" }]);
    });

    it("passes AWS_IAM", async () => {
        assert.deepEqual(await runResource(control, url({ authorizationType: "AWS_IAM" })), { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify an unknown authorizationType", async () => {
        const r = await runResource(control, url({ authorizationType: unknown }));
        assert.match(r.unverified[0], /could not verify authorizationType/);
    });

    it('flags Principal "*" without sourceArn, sourceAccount or principalOrgId', async () => {
        const r = await runResource(control, perm({ principal: " * " }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at principal/);
    });

    it('passes Principal "*" limited by sourceAccount, a known or unknown sourceArn, or principalOrgId', async () => {
        for (const extra of [{ sourceAccount: "123456789012" }, { sourceArn: unknown }, { sourceArn: "arn:aws:execute-api:us-east-1:1:abc/*" }, { principalOrgId: "o-abc" }]) {
            const r = await runResource(control, perm({ principal: "*", ...extra }));
            assertFindings(r, []);
        }
    });

    it("treats an empty sourceArn as absent", async () => {
        const r = await runResource(control, perm({ principal: "*", sourceArn: "" }));
        assertFindings(r, [{ at: "principal" }]);
    });

    it('flags functionUrlAuthType "NONE" even for a specific principal', async () => {
        const r = await runResource(control, perm({ action: "lambda:InvokeFunctionUrl", principal: "123456789012", functionUrlAuthType: "NONE" }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at functionUrlAuthType/);
    });

    it("passes a service principal with sourceArn and IAM function URL auth", async () => {
        const r = await runResource(control, perm({ principal: "apigateway.amazonaws.com", sourceArn: unknown, functionUrlAuthType: "AWS_IAM" }));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify an unknown principal", async () => {
        const r = await runResource(control, perm({ principal: unknown }));
        assert.match(r.unverified[0], /could not verify principal/);
    });

    it("passes a function configured as reviewed public", async () => {
        const r = await runResource(control, url({ functionName: "webhook", authorizationType: "NONE" }), { config: { allowedPublicFunctions: ["webhook"] } });
        assertFindings(r, []);
        const byResource = await runResource(control, { ...perm({ function: unknown, principal: "*" }), name: "webhook-invoke" }, { config: { allowedPublicFunctions: ["webhook-invoke"] } });
        assertFindings(byResource, []);
    });
});
