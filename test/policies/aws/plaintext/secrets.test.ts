import { strict as assert } from "assert";
import { awsPlaintextSecrets as control } from "../../../../policies/aws/plaintext/secrets";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const lambda = (variables: unknown) => ({ type: "aws:lambda/function:Function", props: { runtime: "nodejs20.x", environment: { variables } } });
const codebuild = (environmentVariables: unknown) => ({ type: "aws:codebuild/project:Project", props: { environment: { computeType: "BUILD_GENERAL1_SMALL", image: "img", type: "LINUX_CONTAINER", environmentVariables } } });
const task = (containerDefinitions: unknown) => ({ type: "aws:ecs/taskDefinition:TaskDefinition", props: { family: "f", containerDefinitions } });
const param = (props: Record<string, unknown>) => ({ type: "aws:ssm/parameter:Parameter", props });
const noEcho = (r: { violations: string[] }, ...values: string[]) => values.forEach((v) => r.violations.forEach((m) => assert.ok(!m.includes(v), "message echoes the value")));

describe("aws-plaintext-secrets", () => {
    it("flags a Lambda variable holding an AWS secret key, naming the variable but not the value", async () => {
        const r = await runResource(control, lambda({ AWS_SECRET_ACCESS_KEY: SECRET, TABLE: "patients" }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /variable AWS_SECRET_ACCESS_KEY holds .* at environment\.variables\.AWS_SECRET_ACCESS_KEY/);
        noEcho(r, SECRET, "wJalr");
    });

    it("flags a Lambda password passed as a Pulumi secret (still plain text in the function configuration)", async () => {
        const r = await runResource(control, lambda({ dbPassword: secret("hunter2!") }));
        assertFindings(r, [{ at: "environment.variables.dbPassword" }]);
        noEcho(r, "hunter2");
    });

    it("flags an access key id and a connection string under neutral names", async () => {
        const r = await runResource(control, lambda({ KEY_ID: "AKIAIOSFODNN7EXAMPLE", DATABASE_URL: "mysql://app:pw123@db:3306/phi" }));
        assertFindings(r, [{ at: "environment.variables.DATABASE_URL" }, { at: "environment.variables.KEY_ID" }]);
        noEcho(r, "AKIAIOSFODNN7EXAMPLE", "pw123");
    });

    it("flags a credential used as a variable name without repeating the name", async () => {
        const name = "Server=tcp:db;User ID=admin;Password=Hunter2Hunter2;";
        const cb = await runResource(control, codebuild([{ name, value: "AKIAIOSFODNN7EXAMPLE" }]));
        const fn = await runResource(control, lambda({ AKIAIOSFODNN7EXAMPLE: "AKIAIOSFODNN7EXAMPLE" }));
        assertFindings(cb, [{ at: "environment.environmentVariables[0].value" }]);
        assert.equal(fn.violations.length, 1);
        noEcho(cb, "Hunter2");
        noEcho(fn, "AKIAIOSFODNN7EXAMPLE");
        assert.match(fn.violations[0], /variable <name withheld>/);
    });

    it("passes secret references and values unknown at preview", async () => {
        const r = await runResource(control, lambda({ DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:db", DB_PASSWORD: unknown, API_TOKEN: "{{resolve:secretsmanager:tok}}" }));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify a whole unknown variables block", async () => {
        const r = await runResource(control, lambda(unknown));
        assert.match(r.unverified[0], /environment\.variables/);
    });

    it("flags an aws-native function's variable holding a password, as the @pulumi/aws one, without echoing it", async () => {
        const native = (variables: unknown) => ({ type: "aws-native:lambda:Function", props: { role: "arn:aws:iam::111122223333:role/api", runtime: "nodejs20.x", code: { zipFile: "x" }, environment: { variables } } });
        const r = await runResource(control, native({ DB_PASSWORD: secret("hunter2!"), TABLE: "patients" }));
        assertFindings(r, [{ at: "environment.variables.DB_PASSWORD" }]);
        noEcho(r, "hunter2");
        assertFindings(await runResource(control, native(unknown)), [{ at: "environment.variables", outcome: "unverified" }]);
        assertFindings(await runResource(control, native({ SECRET_ARN: unknown })), []);
    });

    it("flags a CodeBuild PLAINTEXT variable (explicit and default type, any case)", async () => {
        const r = await runResource(control, codebuild([{ name: "GITHUB_TOKEN", value: "ghp_" + "x".repeat(36) }, { name: "NPM_TOKEN", value: "npm-literal", type: "plaintext" }]));
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /at environment\.environmentVariables\[0\]\.value/);
        noEcho(r, "ghp_", "npm-literal");
    });

    it("passes CodeBuild SECRETS_MANAGER and PARAMETER_STORE variables", async () => {
        const r = await runResource(control, codebuild([{ name: "DB_PASSWORD", value: "prod/db:password", type: "SECRETS_MANAGER" }, { name: "API_KEY", value: "/ci/api-key", type: "PARAMETER_STORE" }]));
        assertFindings(r, []);
    });

    it("flags an ECS container environment in a JSON string, naming container index and variable", async () => {
        const defs = JSON.stringify([{ name: "app", image: "img", environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD", value: "Tr0ub4dor&3" }], secrets: [{ name: "API_KEY", valueFrom: "arn:aws:secretsmanager:us-east-1:1:secret:k" }] }]);
        const r = await runResource(control, task(defs));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /variable DB_PASSWORD .* at containerDefinitions\[0\]\.environment\[1\]/);
        noEcho(r, "Tr0ub4dor");
    });

    it("flags a private key in container definitions given as a secret", async () => {
        const defs = JSON.stringify([{ name: "app", environment: [{ name: "TLS_PEM", value: "-----BEGIN PRIVATE KEY-----\nabc" }] }]);
        const r = await runResource(control, task(secret(defs)));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /a private key/);
    });

    it("reports container definitions that are not JSON without quoting them, and unknown ones as unverified", async () => {
        const bad = await runResource(control, task("[{password: hunter2"));
        assert.match(bad.violations[0], /not valid JSON/);
        noEcho(bad, "hunter2");
        const u = await runResource(control, task(unknown));
        assert.match(u.unverified[0], /containerDefinitions/);
    });

    it("flags an SSM String parameter with a credential-shaped value or a credential name", async () => {
        const a = await runResource(control, param({ name: "/app/config", type: "String", value: "postgres://u:p4ss@h/db" }));
        assertFindings(a, [{ at: "value" }]);
        noEcho(a, "p4ss");
        const b = await runResource(control, param({ name: "/app/db/password", type: "String", value: unknown }));
        assert.equal(b.violations.length, 1);
        assert.match(b.violations[0], /at type/);
        const c = await runResource(control, param({ name: "/app/api-token", type: "StringList", insecureValue: "abc,def" }));
        assertFindings(c, [{ at: "insecureValue" }]);
    });

    it("passes SecureString parameters and plain settings", async () => {
        const a = await runResource(control, param({ name: "/app/db/password", type: "SecureString", value: secret("x"), keyId: unknown }));
        const b = await runResource(control, param({ name: "/app/table", type: "String", value: "patients" }));
        assert.equal(a.violations.length + b.violations.length, 0);
    });

    it("says it could not verify an SSM parameter of unknown type", async () => {
        const r = await runResource(control, param({ name: "/app/x", type: unknown, value: "v" }));
        assert.match(r.unverified[0], /could not verify type/);
    });
});
