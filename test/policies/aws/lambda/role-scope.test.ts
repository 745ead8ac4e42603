import { strict as assert } from "assert";
import { awsLambdaRoleScope as control } from "../../../../policies/aws/lambda/role-scope";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });
const role = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:iam/role:Role", name, props: { assumeRolePolicy: "{}", ...props } });
/** A function whose role is a role of the test stack (linked by URN), or a plain value (an ARN, or unknown). */
const fn = (name: string, r: TestResource | string): TestResource =>
    typeof r === "string"
        ? { type: "aws:lambda/function:Function", name, props: { role: r, runtime: "nodejs20.x" } }
        : { type: "aws:lambda/function:Function", name, props: { role: unknown, runtime: "nodejs20.x" }, propertyDependencies: { role: [urnOf(r)] } };

describe("aws-lambda-role-scope", () => {
    it("flags a function whose role has AdministratorAccess attached", async () => {
        const r0 = role("exec");
        const r = await runStack(control, [
            r0,
            fn("api", r0),
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, propertyDependencies: { role: [urnOf(r0)] } },
        ]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /Action "\*" grants every action at role -> RolePolicyAttachment "att" policyArn -> AWS managed policy AdministratorAccess/);
        assert.deepEqual(r.urns, [urnOf(fn("api", r0))]);
    });

    it("flags service wildcards in an inline role policy, any case", async () => {
        const r0 = role("exec", { inlinePolicies: [{ name: "p", policy: doc(allow(["DynamoDB:*"], "arn:aws:dynamodb:*:*:table/t")) }] });
        const r = await runStack(control, [r0, fn("api", r0)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /DynamoDB:\* grants every action of the service/);
    });

    it("flags NotAction allows", async () => {
        const r0 = role("exec", { inlinePolicies: [{ name: "p", policy: { Statement: { Effect: "Allow", NotAction: ["iam:*"], Resource: "arn:aws:s3:::b/*" } } }] });
        const r = await runStack(control, [r0, fn("api", r0)]);
        assert.match(r.violations[0], /NotAction/);
    });

    it("flags PHI reads and code changes on every resource through a RolePolicy and an attached customer Policy", async () => {
        const r0 = role("exec");
        const pol: TestResource = { type: "aws:iam/policy:Policy", name: "p", props: { policy: doc(allow(["lambda:UpdateFunctionCode"])) } };
        const r = await runStack(control, [
            r0,
            pol,
            fn("api", r0),
            { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { role: unknown, policy: doc(allow(["s3:Get*"], ["*"])) }, propertyDependencies: { role: [urnOf(r0)] } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: unknown }, propertyDependencies: { role: [urnOf(r0)], policyArn: [urnOf(pol)] } },
        ]);
        assertFindings(r, [{ at: "role -> RolePolicy \"rp\" policy.Statement[0]", urn: "urn:pulumi:test::test::aws:lambda/function:Function::api" }, { at: "role -> RolePolicyAttachment \"att\" policyArn -> Policy \"p\" policy.Statement[0]", urn: "urn:pulumi:test::test::aws:lambda/function:Function::api" }]);
        assert.ok(r.violations.some((v) => /s3:GetObject, s3:GetObjectVersion are allowed on every resource/.test(v)));
        assert.ok(r.violations.some((v) => /lambda:UpdateFunctionCode is allowed on every resource/.test(v)));
    });

    it("flags a role policy held as a secret without echoing it", async () => {
        const r0 = role("exec", { inlinePolicies: [{ name: "p", policy: secret(doc({ Sid: "hunter2sid", ...allow("*") })) }] });
        const r = await runStack(control, [r0, fn("api", r0)]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /hunter2/);
    });

    it("passes a least-privilege role with the Lambda basic execution policy", async () => {
        const r0 = role("exec", {
            managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
            inlinePolicies: [{ name: "p", policy: doc(allow(["s3:GetObject"], "arn:aws:s3:::phi/*"), allow("kms:Decrypt", "arn:aws:kms:us-east-1:1:key/k"), { Effect: "Deny", Action: "*", Resource: "*" }) }],
        });
        const r = await runStack(control, [r0, fn("api", r0)]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes PHI reads on a Resource unknown at preview (the ARN of a resource in the stack)", async () => {
        const r0 = role("exec");
        const r = await runStack(control, [r0, fn("api", r0), { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { role: unknown, policy: { Statement: [allow(["s3:GetObject"], [unknown]), allow("kms:Decrypt", unknown)] } }, propertyDependencies: { role: [urnOf(r0)] } }]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a configured exempt function", async () => {
        const r0 = role("exec", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
        const r = await runStack(control, [r0, fn("breakglass", r0)], { config: { allowedFunctions: ["breakglass"] } });
        assertFindings(r, []);
    });

    describe("aws-native functions (aws-native:lambda:Function)", () => {
        const nativeRole = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws-native:iam:Role", name, props: { assumeRolePolicyDocument: {}, ...props } });
        const nativeFn = (name: string, r: TestResource | string, props: Record<string, unknown> = {}): TestResource =>
            typeof r === "string"
                ? { type: "aws-native:lambda:Function", name, props: { role: r, runtime: "nodejs20.x", code: { zipFile: "exports.handler = async () => {}" }, ...props } }
                : { type: "aws-native:lambda:Function", name, props: { role: unknown, runtime: "nodejs20.x", code: { zipFile: "exports.handler = async () => {}" }, ...props }, propertyDependencies: { role: [urnOf(r)] } };

        it("flags an aws-native function whose aws-native role has AdministratorAccess in managedPolicyArns, as it flags the @pulumi/aws form", async () => {
            const r0 = nativeRole("exec", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
            const f = nativeFn("api", r0);
            assertFindings(await runStack(control, [r0, f]), [{ at: "role -> managedPolicyArns -> AWS managed policy AdministratorAccess", urn: urnOf(f) }]);
        });

        it("flags an aws-native function whose @pulumi/aws role has a service wildcard inline, without echoing a secret document", async () => {
            const r0 = role("exec", { inlinePolicies: [{ name: "p", policy: secret(doc({ Sid: "hunter2sid", ...allow(["s3:*"], "arn:aws:s3:::phi/*") })) }] });
            const f = nativeFn("api", r0);
            const r = await runStack(control, [r0, f]);
            assertFindings(r, [{ at: "role -> inlinePolicies[0].policy.Statement[0]", urn: urnOf(f) }]);
            assert.doesNotMatch(r.violations[0], /hunter2/);
        });

        it("passes an aws-native function with a least-privilege role, and one exempt by its functionName", async () => {
            const narrow = nativeRole("narrow", { policies: [{ policyName: "p", policyDocument: { Version: "2012-10-17", Statement: [allow("s3:GetObject", "arn:aws:s3:::phi/*")] } }] });
            const admin = nativeRole("admin", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
            const r = await runStack(control, [narrow, admin, nativeFn("api", narrow), nativeFn("breakglass-fn", admin, { functionName: "breakglass" })], { config: { allowedFunctions: ["breakglass"] } });
            assertFindings(r, []);
        });

        it("says it could not verify an aws-native function's role unknown at preview or outside the stack", async () => {
            const a = nativeFn("api", unknown);
            const b = nativeFn("ext", "arn:aws:iam::123456789012:role/external");
            assertFindings(await runStack(control, [a, b]), [
                { at: "role", urn: urnOf(a), outcome: "unverified" },
                { at: "role (a role outside this stack)", urn: urnOf(b), outcome: "unverified" },
            ]);
        });
    });

    it("says it could not verify a role that is unknown or outside the stack", async () => {
        const a = await runStack(control, [fn("api", unknown)]);
        assert.match(a.unverified[0], /could not verify role during preview/);
        const b = await runStack(control, [fn("api", "arn:aws:iam::123456789012:role/external")]);
        assert.match(b.unverified[0], /role \(a role outside this stack\)/);
    });

    it("says it could not verify a role whose Action list is unknown", async () => {
        const r0 = role("exec", { inlinePolicies: [{ name: "p", policy: { Statement: [allow(unknown, "*")] } }] });
        const r = await runStack(control, [r0, fn("api", r0)]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /role -> inlinePolicies\[0\]\.policy\.Statement\[0\]/);
    });

    it("reports a role document that cannot be parsed", async () => {
        const r0 = role("exec", { inlinePolicies: [{ name: "p", policy: "not json" }] });
        const r = await runStack(control, [r0, fn("api", r0)]);
        assert.match(r.violations[0], /not valid JSON/);
    });
});
