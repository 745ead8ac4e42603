import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { assertOneLineError, cli, ROOT, target, tempDir } from "./run-cli";


describe("phi-guard scan: bad targets and usage errors exit 2 with one clear line", function () {
    this.timeout(120_000);

    it("names a missing path and the kinds of target it accepts", async () => {
        assertOneLineError(await cli("scan", target("bad/missing.json")), /missing\.json does not exist: give a Pulumi project directory, a `pulumi stack export` file or a `pulumi preview --json` file/);
    });

    it("rejects corrupt JSON", async () => {
        assertOneLineError(await cli("scan", target("bad/corrupt.json")), /corrupt\.json is not valid JSON: expected a `pulumi stack export` or `pulumi preview --json` file/);
    });

    it("rejects an unsupported file", async () => {
        assertOneLineError(await cli("scan", target("bad/notes.txt")), /notes\.txt is not a file phi-guard can scan: give a Pulumi project directory/);
    });

    it("rejects JSON that is neither a stack export nor a preview", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "package.json");
            fs.writeFileSync(file, JSON.stringify({ name: "not-pulumi" }));
            assertOneLineError(await cli("scan", file), /is neither a `pulumi stack export` file \(deployment\.resources\) nor a `pulumi preview --json` file \(steps\)/);
        } finally {
            tmp.remove();
        }
    });

    it("reports a program that throws with its error, in one line", async () => {
        assertOneLineError(await cli("scan", target("bad/throws")), /throws: the program failed: the records bucket name is not set$/);
    });

    it("shows the stack trace of a failing program only with --verbose", async () => {
        const run = await cli("scan", target("bad/throws"), "--verbose");
        assert.equal(run.code, 2);
        assert.match(run.stderr, /^phi-guard: .*the records bucket name is not set\n/);
        assert.match(run.stderr, /^\s+at /m);
    });

    it("names a missing required config key and where to set it", async () => {
        assertOneLineError(
            await cli("scan", target("bad/needs-config")),
            /the program needs config key needs-config:recordsBucket: set it in .*needs-config\/Pulumi\.dev\.yaml or choose a stack with --stack/,
        );
    });

    it("names a --stack that has no config file", async () => {
        assertOneLineError(await cli("scan", target("yaml-program"), "--stack", "prod"), /stack prod has no config file .*Pulumi\.prod\.yaml/);
    });

    it("rejects a runtime it cannot run", async () => {
        assertOneLineError(await cli("scan", target("bad/python")), /uses the python runtime; phi-guard scan runs nodejs \(TypeScript and JavaScript\) and yaml programs/);
    });

    it("rejects a directory without Pulumi.yaml", async () => {
        assertOneLineError(await cli("scan", target("bad")), /is not a Pulumi project: it has no Pulumi\.yaml/);
    });

    it("rejects an unknown --format", async () => {
        assertOneLineError(await cli("scan", target("preview.json"), "--format", "xml"), /--format <format>.*xml.*table, json, sarif, markdown, html/);
    });

    it("rejects a --stack-tag without key=value", async () => {
        assertOneLineError(await cli("scan", target("preview.json"), "--stack-tag", "phi"), /--stack-tag.*expected key=value/);
    });

    it("rejects a missing --config file", async () => {
        assertOneLineError(await cli("scan", target("preview.json"), "--config", target("bad/none.yaml")), /config file .*none\.yaml does not exist/);
    });

    it("rejects an invalid enforcement level in --config", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "policy-config.json");
            fs.writeFileSync(file, JSON.stringify({ "aws-s3-encryption-cmk": "block" }));
            assertOneLineError(await cli("scan", target("preview.json"), "--config", file), /invalid enforcement level for "aws-s3-encryption-cmk": expected one of advisory, mandatory, remediate, disabled/);
        } finally {
            tmp.remove();
        }
    });

    it("rejects an --output in a directory that does not exist", async () => {
        assertOneLineError(await cli("scan", target("preview.json"), "--output", target("bad/no-such-dir/report.txt")), /cannot write --output .*report\.txt \(ENOENT\): give a path in an existing, writable directory/);
    });

    it("rejects --format sarif for more than one target", async () => {
        assertOneLineError(await cli("scan", target("preview.json"), target("stack-export-encrypted.json"), "--format", "sarif"), /--format sarif writes one report: scan one target at a time/);
    });

    it("exits 2 from the installed command too, where commander would exit 1 on its own", () => {
        const run = spawnSync(process.execPath, [path.join(ROOT, "dist/cli/phi-guard.js"), "scan", target("preview.json"), "--format", "xml"], { encoding: "utf8" });
        assertOneLineError({ code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr }, /argument 'xml' is invalid/);
    });

    it("rejects a FIFO, a device and a link to nothing as targets without opening them", async () => {
        const tmp = tempDir();
        try {
            const fifo = path.join(tmp.dir, "stack.json");
            spawnSync("mkfifo", [fifo]);
            assertOneLineError(await cli("scan", fifo), /stack\.json is a FIFO \(named pipe\), not a file: give a Pulumi project directory/);
            assertOneLineError(await cli("scan", "/dev/zero"), /^phi-guard: \/dev\/zero is a character device, not a file: give a Pulumi project directory/);
            const dangling = path.join(tmp.dir, "export.json");
            fs.symlinkSync(path.join(tmp.dir, "gone.json"), dangling);
            assertOneLineError(await cli("scan", dangling), /export\.json is a symbolic link to .*gone\.json, which does not exist/);
            const loop = path.join(tmp.dir, "loop.json");
            fs.symlinkSync(loop, loop);
            assertOneLineError(await cli("scan", loop), /loop\.json is a symbolic link that leads back to itself/);
        } finally {
            tmp.remove();
        }
    });

    it("rejects a file larger than a stack export can be without reading it all", async () => {
        const tmp = tempDir();
        try {
            const huge = path.join(tmp.dir, "huge.json");
            fs.closeSync(fs.openSync(huge, "w"));
            fs.truncateSync(huge, 300 * 1024 * 1024);
            assertOneLineError(await cli("scan", huge), /huge\.json is larger than 256 MiB, more than phi-guard reads from one file/);
        } finally {
            tmp.remove();
        }
    });

    it("names the resource and property of a value nested 2,000 levels deep", async () => {
        const tmp = tempDir();
        try {
            let deep: unknown = "x";
            for (let i = 0; i < 2000; i++) deep = { d: deep };
            const urn = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::deep";
            const file = path.join(tmp.dir, "deep.json");
            fs.writeFileSync(file, JSON.stringify({ version: 3, deployment: { resources: [{ urn, type: "aws:s3/bucket:Bucket", outputs: { tags: deep } }] } }));
            assertOneLineError(await cli("scan", file), /deep\.json: resource "urn:pulumi:dev::p::aws:s3\/bucket:Bucket::deep" has a value at outputs tags(\.d)+\.\.\. that is nested more than 256 levels deep$/);
        } finally {
            tmp.remove();
        }
    });

    it("names the resource of a malformed resource reference, and shows a stack trace only with --verbose", async () => {
        const tmp = tempDir();
        try {
            const urn = "urn:pulumi:dev::p::aws:iam/rolePolicy:RolePolicy::inline";
            const file = path.join(tmp.dir, "ref.json");
            fs.writeFileSync(file, JSON.stringify({ version: 4, deployment: { resources: [{ urn, type: "aws:iam/rolePolicy:RolePolicy", inputs: { role: { "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e" } } }] } }));
            assertOneLineError(await cli("scan", file), /resource "urn:pulumi:dev::p::aws:iam\/rolePolicy:RolePolicy::inline" has a value at inputs role that is a malformed resource reference: it has no urn$/);
            const verbose = await cli("scan", file, "--verbose");
            assert.equal(verbose.code, 2);
            assert.match(verbose.stderr, /^\s+at /m);
        } finally {
            tmp.remove();
        }
    });

    it("rejects a Pulumi.yaml nested 5,000 levels deep and an alias bomb, each in one line", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "Pulumi.yaml");
            fs.writeFileSync(file, `name: deep\nruntime: yaml\nresources:\n  b:\n    type: aws:s3:Bucket\n    properties:\n      tags: ${"[".repeat(5000)}x${"]".repeat(5000)}\n`);
            assertOneLineError(await cli("scan", tmp.dir), /Pulumi\.yaml is not valid YAML: it is nested too deeply to read$/);
            const aliases = Array.from({ length: 10 }, (_, i) => `  v${i}: &v${i} [${Array(9).fill(i === 0 ? "*a" : `*v${i - 1}`).join(",")}]`).join("\n");
            fs.writeFileSync(file, `name: bomb\nruntime: yaml\nvariables:\n  a: &a [x, x, x]\n${aliases}\nresources: {}\n`);
            assertOneLineError(await cli("scan", tmp.dir), /Pulumi\.yaml is not valid YAML: Excessive alias count indicates a resource exhaustion attack$/);
        } finally {
            tmp.remove();
        }
    });

    it("scans a project directory holding a dangling link and a FIFO, without following or opening them", async () => {
        const tmp = tempDir();
        try {
            const project = path.join(tmp.dir, "referrals");
            fs.cpSync(target("yaml-program"), project, { recursive: true });
            fs.symlinkSync(path.join(tmp.dir, "nowhere.ts"), path.join(project, "dangling.ts"));
            spawnSync("mkfifo", [path.join(project, "pipe")]);
            const run = await cli("scan", project, "--format", "html");
            assert.equal(run.code, 1, run.stderr);
            assert.match(run.stdout, /Target SHA-256<\/dt><dd><span class="hash">[0-9a-f]{64}/);
        } finally {
            tmp.remove();
        }
    });

    it("rejects a scan without a target", async () => {
        assertOneLineError(await cli("scan"), /missing required argument 'target'/);
    });
});

describe("phi-guard: arguments are checked before the scan starts", function () {
    this.timeout(120_000);

    it("rejects an unwritable -o before it reads any target", async () => {
        assertOneLineError(await cli("scan", target("no-such-target.json"), "-o", target("bad/no-such-dir/report.html")), /cannot write --output .*report\.html \(ENOENT\)/);
    });

    it("rejects an invalid --config before it reads any target", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "policy-config.json");
            fs.writeFileSync(file, JSON.stringify({ "az-rbac-scope": { allowedPrincipalIds: "everyone" } }));
            assertOneLineError(await cli("scan", target("no-such-target.json"), "--config", file), /config file .* is invalid: az-rbac-scope: allowedPrincipalIds must be array/);
        } finally {
            tmp.remove();
        }
    });

    it("says that an ESC environment's policy config is not applied offline, and scans", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "policy-config.json");
            fs.writeFileSync(file, JSON.stringify({ environments: ["phi/production"], all: "disabled", "aws-s3-encryption-cmk": "mandatory" }));
            const run = await cli("scan", target("stack-export-encrypted.json"), "--config", file);
            assert.equal(run.code, 1, run.stderr);
            assert.equal(run.stderr, `phi-guard: warning: ${file}: the policy config of its ESC environments is not applied by phi-guard scan (Pulumi merges it in)\n`);
        } finally {
            tmp.remove();
        }
    });
});

describe("phi-guard --version and --help", () => {
    it("--version prints the package's version and exits 0", async () => {
        const run = await cli("--version");
        assert.deepEqual([run.code, run.stdout], [0, `${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version}\n`]);
    });

    for (const args of [["--help"], ["scan", "--help"]]) {
        it(`${args.join(" ")} names every kind of target and the exit codes`, async () => {
            const run = await cli(...args);
            assert.equal(run.code, 0);
            for (const kind of ["TypeScript or JavaScript project", "Pulumi YAML project", "`pulumi stack export`", "`pulumi preview --json`"]) assert.ok(run.stdout.includes(kind), kind);
            assert.match(run.stdout, /Exit codes:\n {2}0 {2}no mandatory violation[^\n]*\n {2}1 {2}a mandatory violation[^\n]*\n {2}2 {2}a usage or input error/);
        });
    }

    it("-o is --output", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "report.json");
            const run = await cli("scan", target("preview.json"), "--format", "json", "-o", file);
            assert.deepEqual([run.code, run.stdout], [1, ""]);
            assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).pack.name, "phi-guard");
        } finally {
            tmp.remove();
        }
    });
});
