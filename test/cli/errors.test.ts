import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { cli, CliRun, ROOT, target, tempDir } from "./run-cli";

/** A usage or input error: exit 2, nothing on stdout, one line on stderr that says what to do. */
function assertOneLineError(run: CliRun, pattern: RegExp): void {
    assert.equal(run.code, 2, `exit code (stderr: ${run.stderr})`);
    assert.equal(run.stdout, "");
    const lines = run.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, `one line expected, got:\n${run.stderr}`);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace without --verbose");
}

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
