import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadProject } from "../../cli/targets/project";
import type { EngineResource } from "../../engine/resource";
import { SECRET_SIG, SIG_KEY, UNKNOWN_WIRE_VALUE } from "../../engine/resource";
import { assertOneLineError, cli, ROOT } from "./run-cli";

/**
 * Each program shape, run as the Node.js language host runs it, with its exact findings (under
 * focus.json: the four foundation controls). Type checking is what `pulumi preview` does and is
 * tested on its own; the other cases skip it (test/setup.ts) to keep the suite fast.
 */
const PROGRAMS = path.join(ROOT, "test/fixtures/programs");
const program = (name: string) => path.relative(process.cwd(), path.join(PROGRAMS, name));

interface JsonReport {
    resources: number;
    examined: number;
    violations: { policyName: string; urn: string; enforcementLevel: string; message: string }[];
    notExamined: { kind: string; urn?: string; type?: string; reason: string; count?: number }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process still runs (a killed one may linger a moment as a zombie until it is reaped). */
function running(pid: number): boolean {
    try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
        return false;
    }
}

async function assertEnded(pids: number[]): Promise<void> {
    const deadline = Date.now() + 5000;
    while (pids.some(running) && Date.now() < deadline) await sleep(100);
    assert.deepEqual(pids.filter(running), [], "processes still running");
}

const findings = (r: JsonReport) => r.violations.map((v) => `${v.policyName} ${v.urn.slice(v.urn.lastIndexOf("::") + 2)} ${v.message.startsWith("could not verify") ? "unverified" : v.enforcementLevel}`).sort();

async function scanJson(...args: string[]): Promise<JsonReport> {
    const run = await cli("scan", ...args, "--format", "json");
    assert.equal(run.stderr, "", run.stderr);
    assert.equal(run.code, 1);
    return JSON.parse(run.stdout);
}


/** Runs `test` on a program written to a temporary project under the fixtures (where phi-guard's own SDKs resolve), then removes it. */
async function withProgram(name: string, file: string, source: string, test: (dir: string) => Promise<void>): Promise<void> {
    const dir = fs.mkdtempSync(path.join(ROOT, `test/fixtures/programs/.tmp-${name}-`));
    try {
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true }));
        fs.writeFileSync(path.join(dir, file), source);
        await test(dir);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

const byName = (resources: EngineResource[], name: string) => {
    const r = resources.find((x) => x.name === name);
    assert.ok(r, `${name} registered`);
    return r;
};

describe("phi-guard scan: programs run as the Node.js language host runs them", function () {
    this.timeout(240_000);
    // Type checks are skipped here by test/setup.ts (PULUMI_NODEJS_TRANSPILE_ONLY), as for every program the suite runs.

    it("runs an ES module TypeScript program (type module, tsconfig nodenext, top-level await)", async () => {
        const r = await scanJson(program("esm-ts"));
        assert.equal(r.resources, 2);
        assert.deepEqual(findings(r), ["aws-s3-encryption-cmk esm-records mandatory"]);
    });

    it("runs a CommonJS TypeScript program whose tsconfig says module nodenext", async () => {
        assert.deepEqual(findings(await scanJson(program("nodenext-cjs"))), ["aws-iam-no-admin-statements nodenext-admin mandatory"]);
    });

    it("runs a JavaScript program from package.json main (typescript: false)", async () => {
        const r = await scanJson(program("plain-js"));
        assert.equal(r.resources, 3);
        assert.deepEqual(findings(r), ["aws-s3-encryption-cmk js-records-sse mandatory"]);
    });

    it("gives a resource passed as an input as the engine does: a custom resource's id (unknown in preview), a component's URN", async () => {
        assert.deepEqual(findings(await scanJson(program("resource-refs"))), ["aws-iam-no-admin-statements app-admin mandatory", "aws-s3-encryption-cmk refs-records mandatory"]);
        const { resources } = await loadProject(path.join(PROGRAMS, "resource-refs"), {});
        const role = byName(resources, "app");
        const rolePolicy = byName(resources, "app-admin");
        assert.equal(rolePolicy.inputs.role, UNKNOWN_WIRE_VALUE);
        assert.deepEqual(rolePolicy.propertyDependencies.role, [role.urn]);
        assert.ok(rolePolicy.dependencies.includes(role.urn));
        assert.equal(byName(resources, "readme").inputs.bucket, UNKNOWN_WIRE_VALUE);
        assert.equal(byName(resources, "team-alerts").inputs.displayName, byName(resources, "records-team").urn);
    });

    it("renders aws.iam.getPolicyDocument: an admin grant is found, a trust policy is well-formed JSON", async () => {
        assert.deepEqual(findings(await scanJson(program("policy-document"))), ["aws-iam-no-admin-statements doc-admin mandatory"]);
        const { resources } = await loadProject(path.join(PROGRAMS, "policy-document"), {});
        assert.deepEqual(JSON.parse(byName(resources, "doc-lambda").inputs.assumeRolePolicy as string), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }],
        });
    });

    it("plans an output only the provider sets (an identity's principal id) as unknown, and the assignment that uses it depends on the app", async () => {
        assert.deepEqual(findings(await scanJson(program("computed-outputs"))), ["az-rbac-scope app-owner mandatory"]);
        const { resources } = await loadProject(path.join(PROGRAMS, "computed-outputs"), {});
        const app = byName(resources, "app");
        const assignment = byName(resources, "app-owner");
        assert.equal(assignment.inputs.principalId, UNKNOWN_WIRE_VALUE);
        assert.deepEqual(assignment.propertyDependencies.principalId, [app.urn]);
        assert.deepEqual(app.outputs.identity, { type: "SystemAssigned", principalId: UNKNOWN_WIRE_VALUE, tenantId: UNKNOWN_WIRE_VALUE });
    });

    it("passes a secure config value as an unknown secret, and plain config as set", async () => {
        assert.deepEqual(findings(await scanJson(program("secure-config"))), ["aws-s3-encryption-cmk configured mandatory"]);
        const { resources } = await loadProject(path.join(PROGRAMS, "secure-config"), {});
        assert.equal(byName(resources, "configured").inputs.bucket, "records-phi");
        assert.deepEqual(byName(resources, "db-password").inputs.secretString, { [SIG_KEY]: SECRET_SIG, value: UNKNOWN_WIRE_VALUE });
    });

    it("scans the folder, not the infra.json and infra.js beside it", async () => {
        const r = await scanJson(program("sibling/infra"));
        assert.equal(r.resources, 2);
        assert.deepEqual(findings(r), ["aws-s3-encryption-cmk folder-records mandatory"]);
    });

    it("sees what the program registers, whatever it writes to stdout, stderr or an IPC channel", async () => {
        assert.deepEqual(findings(await scanJson(program("forged-capture"))), ["aws-iam-no-admin-statements forged-admin mandatory"]);
    });

    it("waits for the event loop to drain: a resource registered from a timer after the module returned is seen", async () => {
        assert.deepEqual(findings(await scanJson(program("after-return"))), ["aws-iam-no-admin-statements late-admin mandatory"]);
    });

    it("records a remote component as opaque: its children are not seen", async () => {
        const r = await scanJson(program("opaque-component"));
        assert.deepEqual(findings(r), ["aws-s3-encryption-cmk opaque-records mandatory"]);
        // The report says what it could not see, and what to scan instead.
        const opaque = (r as any).notExamined.filter((n: { kind: string }) => n.kind === "opaque-component");
        assert.deepEqual(opaque.map((n: { type: string; reason: string }) => [n.type, /pulumi stack export/.test(n.reason)]), [["awsx:ec2:Vpc", true]]);
        const loaded = await loadProject(path.join(PROGRAMS, "opaque-component"), {});
        assert.deepEqual(
            loaded.opaque?.map((o) => `${o.type} ${o.name}`),
            ["awsx:ec2:Vpc network"],
        );
    });

    it("never says 'No findings.' alone: a program whose resources no control examines gets them counted by type", async () => {
        const zones = 'const aws = require("@pulumi/aws");\nnew aws.route53.Zone("internal", { name: "records.internal" });\nnew aws.route53.Zone("partners", { name: "partners.internal" });\n';
        await withProgram("unexamined", "index.js", zones, async (dir) => {
            const table = await cli("scan", path.relative(process.cwd(), dir));
            assert.equal(table.code, 0, table.stderr);
            assert.match(table.stdout, /\nNo findings, but no control examined any resource: see Not examined \(1\)\.\n/);
            assert.match(table.stdout, /\n {2}2 resources of type aws:route53\/zone:Zone: no control judges this type\n/);
            const json = JSON.parse((await cli("scan", path.relative(process.cwd(), dir), "--format", "json")).stdout) as JsonReport;
            assert.equal(json.examined, 0);
            assert.deepEqual(json.notExamined, [{ kind: "unjudged-type", type: "aws:route53/zone:Zone", count: 2, reason: "2 resources of type aws:route53/zone:Zone: no control judges this type" }]);
        });
    });

    it("ends a program that never finishes after --timeout, with everything it started, and exits 2 saying so", async () => {
        const pidFile = path.join(os.tmpdir(), `phi-guard-never-ends-${process.pid}`);
        process.env.PHI_GUARD_FIXTURE_PIDS = pidFile;
        try {
            const started = Date.now();
            assertOneLineError(await cli("scan", program("never-ends"), "--timeout", "10"), /never-ends: the program did not finish within 10 s and was stopped: give it longer with --timeout <seconds>$/);
            assert.ok(Date.now() - started < 60_000);
            const pids = fs.readFileSync(pidFile, "utf8").split(" ").map(Number);
            assert.equal(pids.length, 2);
            await assertEnded(pids);
        } finally {
            delete process.env.PHI_GUARD_FIXTURE_PIDS;
            fs.rmSync(pidFile, { force: true });
        }
    });

    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
        it(`leaves nothing running when the scan itself is ended with ${signal}`, async () => {
            const pidFile = path.join(os.tmpdir(), `phi-guard-never-ends-${process.pid}-${signal}`);
            const scan = spawn(process.execPath, [path.join(ROOT, "dist/cli/phi-guard.js"), "scan", program("never-ends")], {
                env: { ...process.env, PHI_GUARD_FIXTURE_PIDS: pidFile },
                stdio: "ignore",
            });
            try {
                const deadline = Date.now() + 120_000;
                while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, "utf8").split(" ").length < 2) {
                    assert.ok(Date.now() < deadline, "the program started");
                    await sleep(200);
                }
                const pids = fs.readFileSync(pidFile, "utf8").split(" ").map(Number);
                scan.kill(signal);
                await assertEnded(pids);
            } finally {
                scan.kill("SIGKILL");
                fs.rmSync(pidFile, { force: true });
            }
        });
    }

    it("names a dependency that is not installed and says to run npm install", async () => {
        assertOneLineError(await cli("scan", program("missing-module")), /missing-module: the program needs @pulumi\/random, which is not installed: run npm install in .*missing-module$/);
    });

    it("runs a project without node_modules with phi-guard's own SDKs, and says so", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-no-sdk-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: no-sdk\nruntime: nodejs\n");
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "no-sdk", dependencies: { "@pulumi/aws": "^7" } }));
            fs.writeFileSync(path.join(dir, "index.js"), 'const aws = require("@pulumi/aws");\nnew aws.s3.Bucket("fallback-records");\n');
            const loaded = await loadProject(dir, {});
            assert.deepEqual(
                loaded.resources.map((r) => r.type),
                ["pulumi:pulumi:Stack", "aws:s3/bucket:Bucket"],
            );
            assert.equal(loaded.notes?.length, 1);
            assert.match(loaded.notes![0], /has no @pulumi\/pulumi installed: the program ran with phi-guard's own SDKs \(@pulumi\/pulumi \d+\.\d+\.\d+\); run npm install there/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("answers an invoke with the user's --invoke answer", async () => {
        const source = 'import * as aws from "@pulumi/aws";\nconst id = aws.getCallerIdentityOutput();\nnew aws.s3.Bucket("by-account", { bucket: id.accountId.apply((a) => `records-${a}`) });\n';
        await withProgram("invoke", "index.ts", source, async (dir) => {
            const placeholder = await loadProject(dir, {});
            assert.equal(byName(placeholder.resources, "by-account").inputs.bucket, "records-000000000000");
            assert.deepEqual(placeholder.invokes, [{ token: "aws:index/getCallerIdentity:getCallerIdentity", answer: "placeholder", count: 1 }]);
            const given = await loadProject(dir, { invokes: { "aws:index/getCallerIdentity:getCallerIdentity": { accountId: "123456789012" } } });
            assert.equal(byName(given.resources, "by-account").inputs.bucket, "records-123456789012");
        });
    });
});

describe("phi-guard scan: a program that does not type-check", function () {
    this.timeout(240_000);
    let transpileOnly: string | undefined;
    before(() => {
        transpileOnly = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
        delete process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    });
    after(() => {
        if (transpileOnly !== undefined) process.env.PULUMI_NODEJS_TRANSPILE_ONLY = transpileOnly;
    });

    it("exits 2 with every TypeScript diagnostic, in full, on one line", async () => {
        assertOneLineError(
            await cli("scan", program("type-error")),
            /type-error: the program does not compile: index\.ts\(3,7\): error TS2322: Type 'number' is not assignable to type 'string'\. index\.ts\(4,40\): error TS2322: Type 'string' is not assignable to type 'Input<number \| undefined>'\.$/,
        );
    });
});
