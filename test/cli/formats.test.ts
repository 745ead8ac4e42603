import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type * as sarif from "sarif";
import { HIPAA_SECTIONS } from "../../policies/lib/hipaa";
import { controls } from "../../policies/registry";
import { cli, cliAllControls, target, tempDir } from "./run-cli";

const EXPORT = target("stack-export-encrypted.json");

/**
 * What GitHub code scanning needs from an upload beyond the SARIF schema (the sarif-sdk's GH rules
 * and GitHub's SARIF support page): rules with ids and descriptions, results whose ruleId names a
 * rule, one location with a relative uri and a region with startLine, a plain-text message, and
 * a numeric security-severity for security alerts.
 */
function codeScanningProblems(log: sarif.Log): string[] {
    const problems: string[] = [];
    if (log.version !== "2.1.0") problems.push(`version ${log.version}`);
    if (!/sarif-schema-2\.1\.0\.json$/.test(log.$schema ?? "")) problems.push(`$schema ${log.$schema}`);
    for (const run of log.runs) {
        const rules = run.tool.driver.rules ?? [];
        const ids = rules.map((r) => r.id);
        if (new Set(ids).size !== ids.length) problems.push("duplicate rule ids");
        for (const r of rules) {
            if (!r.shortDescription?.text || !r.fullDescription?.text || !r.help?.text) problems.push(`rule ${r.id} lacks descriptions or help`);
            const score = Number(r.properties?.["security-severity"]);
            if (!(score > 0 && score <= 10)) problems.push(`rule ${r.id} security-severity ${r.properties?.["security-severity"]}`);
            if (!(r.properties?.tags ?? []).includes("security")) problems.push(`rule ${r.id} not tagged security`);
        }
        for (const [i, res] of (run.results ?? []).entries()) {
            const where = `result ${i} (${res.ruleId})`;
            if (!res.ruleId || !ids.includes(res.ruleId)) problems.push(`${where}: unknown rule`);
            if (res.ruleIndex !== undefined && rules[res.ruleIndex]?.id !== res.ruleId) problems.push(`${where}: ruleIndex points elsewhere`);
            if (!res.message.text) problems.push(`${where}: no message text`);
            const loc = res.locations?.[0]?.physicalLocation;
            if (!loc?.artifactLocation?.uri) problems.push(`${where}: no artifact uri`);
            else if (/^[a-z]+:/i.test(loc.artifactLocation.uri) || loc.artifactLocation.uri.startsWith("/")) problems.push(`${where}: uri not relative`);
            if (!loc?.region?.startLine || loc.region.startLine < 1) problems.push(`${where}: no region.startLine`);
        }
    }
    return problems;
}

describe("phi-guard scan: report formats", function () {
    this.timeout(120_000);

    it("json: one object with the pack, the target, findings, summary and each control's status", async () => {
        const run = await cli("scan", EXPORT, "--format", "json");
        const report = JSON.parse(run.stdout);
        assert.deepEqual(Object.keys(report), ["pack", "target", "asOf", "resources", "examined", "violations", "notApplicable", "remediations", "notExamined", "summary", "controls"]);
        const status = Object.fromEntries(report.controls.map((c: { id: string; status: string }) => [c.id, c.status]));
        assert.deepEqual([status["aws-s3-encryption-cmk"], status["az-rbac-scope"], status["aws-kms-rotation"]], ["fail", "not-applicable", "disabled"]);
        assert.equal(report.pack.name, "phi-guard");
        assert.deepEqual(report.summary.bySeverity, { critical: 1, high: 1 });
        assert.deepEqual(report.summary.byEnforcementLevel, { mandatory: 2 });
    });

    it("table: findings grouped by category with their location, a summary line and the controls' statuses", async () => {
        const run = await cli("scan", EXPORT);
        assert.match(run.stdout, /^test\/fixtures\/targets\/stack-export-encrypted\.json: 6 resources, 2 findings \(phi-guard /);
        assert.match(run.stdout, /aws:s3\/bucket:Bucket::claims-archive\s+\(test\/fixtures\/targets\/stack-export-encrypted\.json:\d+\)/);
        // The export's config disables every control but the four it names (two fail, two judge nothing there).
        assert.match(run.stdout, new RegExp(`Summary: 2 mandatory\\.\\nControls: 2 fail, 2 not applicable, ${controls.length - 4} disabled\\.\\n\\nNot examined \\(2\\):\\n  pulumi:pulumi:Stack::phi-records-prod: a value the scan cannot read, encrypted`));
    });

    it("sarif: one rule per control with help and HIPAA tags, results at the resource's line, as code scanning needs", async () => {
        const run = await cli("scan", EXPORT, "--format", "sarif");
        const log = JSON.parse(run.stdout) as sarif.Log;
        assert.deepEqual(codeScanningProblems(log), []);
        const rules = log.runs[0].tool.driver.rules!;
        const cmk = rules.find((r) => r.id === "aws-s3-encryption-cmk")!;
        assert.deepEqual(cmk.properties?.tags, ["security", "hipaa", "encryption-at-rest", "HIPAA-164.312(a)(2)(iv)"]);
        assert.match(cmk.help!.text, /Remediation: Add an aws\.s3\.BucketServerSideEncryptionConfiguration/);
        const results = log.runs[0].results!;
        assert.equal(results.length, 2);
        const bucket = results.find((r) => r.ruleId === "aws-s3-encryption-cmk")!;
        const text = fs.readFileSync(EXPORT, "utf8").split("\n");
        const line = bucket.locations![0].physicalLocation!.region!.startLine!;
        assert.match(text[line - 1], /"urn": "urn:pulumi:prod::phi-records::aws:s3\/bucket:Bucket::claims-archive"/);
        assert.equal(bucket.level, "error");
        assert.equal(log.runs[0].automationDetails?.id, "phi-guard/phi-records/prod/");
    });

    it("sarif: a could-not-verify finding is a note, unless a mandatory control failed closed on it; what was not examined is a notification", async () => {
        const log = JSON.parse((await cli("scan", target("preview-secret-and-unknown.json"), "--format", "sarif")).stdout) as sarif.Log;
        assert.deepEqual(codeScanningProblems(log), []);
        const levels = log.runs[0].results!.map((r) => `${r.locations![0].logicalLocations![0].name} ${r.level}`).sort();
        assert.deepEqual(levels, ["intake-reader error", "intake-writer note"]);
        const notes = log.runs[0].invocations![0].toolExecutionNotifications!;
        assert.deepEqual(
            notes.map((n) => [n.level, n.locations?.[0].logicalLocations?.[0].fullyQualifiedName]),
            [
                ["warning", "urn:pulumi:dev::intake::aws:iam/policy:Policy::intake-reader"],
                ["warning", "urn:pulumi:dev::intake::aws:rds/instance:Instance::intake-db"],
            ],
        );
    });

    it("markdown: verdict, counts by severity and category, a findings table, folded remediation and HIPAA sections", async () => {
        const run = await cli("scan", EXPORT, "--format", "markdown");
        const md = run.stdout;
        assert.match(md, /^### phi-guard: 2 findings in test\/fixtures\/targets\/stack-export-encrypted\.json\n/);
        assert.match(md, /:x: \*\*2 mandatory violations\*\* must be fixed/);
        assert.match(md, /\| Severity \| Findings \|\n\| --- \| ---: \|\n\| critical \| 1 \|\n\| high \| 1 \|/);
        assert.match(md, /\| Category \| Findings \|\n\| --- \| ---: \|\n\| encryption-at-rest \| 1 \|\n\| standing-privilege \| 1 \|/);
        const rows = md.split("\n").filter((l) => /^\| mandatory \|/.test(l));
        assert.equal(rows.length, 2);
        assert.match(rows[0], /^\| mandatory \| critical \| aws-iam-no-admin-statements \| break-glass-admin<br><sub>aws:iam\/policy:Policy<\/sub> \|/);
        assert.match(md, /<details><summary>How to fix<\/summary>\n\n- \*\*aws-iam-no-admin-statements\*\*/);
        assert.match(md, /<details><summary>HIPAA Security Rule sections \(45 CFR 164\)<\/summary>[\s\S]*\| 164\.312\(a\)\(2\)\(iv\) \| Encryption and decryption \| [^\n]*aws-s3-encryption-cmk \(fail\)/);
    });

    it("markdown: a hostile resource name cannot break the table, inject HTML or mention anyone", async () => {
        const md = (await cli("scan", target("stack-export-hostile-names.json"), "--format", "markdown")).stdout;
        const row = md.split("\n").find((l) => l.includes("evil"))!;
        assert.ok(row.includes("evil\\|&lt;img src=x onerror=alert(1)&gt;&#64;octocat \\`\\*\\_\\[x\\](y)<br>"), row);
        assert.equal(row.split(/(?<!\\)\|/).length, 8, "six cells");
        assert.doesNotMatch(md, /<img|@octocat/);
    });

    it("markdown: says so when there is nothing to fix, and what the controls did not examine", async () => {
        const md = (await cli("scan", path.join("stacks", "aws-compliant"), "--format", "markdown")).stdout;
        assert.match(md, /:grey_question: No findings in the 130 resources the controls examined: see Not examined \(18\)\./);
        assert.match(md, /\n- 1 resource of type aws:cognito\/userPool:UserPool: no control judges this type\n/);
        assert.doesNotMatch(md, /How to fix/);
    });

    it("html: pack version, hashes, time, every control with its status and the HIPAA index", async () => {
        const html = (await cli("scan", EXPORT, "--format", "html")).stdout;
        assert.match(html, /^<!DOCTYPE html>/);
        assert.match(html, /<dt>Policy pack<\/dt><dd>phi-guard \d+\.\d+\.\d+<\/dd>/);
        assert.match(html, /<dt>Target SHA-256<\/dt><dd><span class="hash">[0-9a-f]{64}<\/span>/);
        assert.match(html, /<dt>Scanned at<\/dt><dd><time datetime="\d{4}-\d\d-\d\dT/);
        for (const [id, status] of [["aws-s3-encryption-cmk", "fail"], ["aws-iam-no-admin-statements", "fail"], ["az-rbac-scope", "not-applicable"], ["az-nsg-egress", "not-applicable"]]) {
            assert.match(html, new RegExp(`<tr id="control-${id}" class="control" data-status="${status}">`));
        }
        for (const section of ["164.312(a)(2)(iv)", "164.308(a)(3)(i)"]) assert.ok(html.includes(`<td>${section}</td><td>${HIPAA_SECTIONS[section as keyof typeof HIPAA_SECTIONS]}</td>`));
        assert.doesNotMatch(html, /<script|<link|src=|url\(/i, "self-contained: no scripts or external assets");
    });

    it("--remediate: every format says what the remediation changed, and the finding it fixed is gone", async () => {
        const remediable = target("stack-export-remediable.json");
        const plain = JSON.parse((await cliAllControls("scan", remediable, "--format", "json", "--exit-zero")).stdout);
        assert.deepEqual(plain.violations.map((v: { policyName: string }) => v.policyName), ["aws-kms-rotation"]);
        const json = await cliAllControls("scan", remediable, "--remediate", "--format", "json");
        assert.equal(json.code, 0, json.stderr);
        const report = JSON.parse(json.stdout);
        assert.deepEqual(report.violations, []);
        assert.deepEqual(report.remediations, [
            { urn: "urn:pulumi:prod::records::aws:kms/key:Key::records-key", resourceType: "aws:kms/key:Key", policies: ["aws-kms-rotation"], changes: [{ path: "enableKeyRotation", before: false, after: true }] },
        ]);
        assert.equal(report.controls.find((c: { id: string }) => c.id === "aws-kms-rotation").status, "remediated");
        const line = "remediated: enableKeyRotation false -> true";
        assert.match((await cliAllControls("scan", remediable, "--remediate")).stdout, new RegExp(`remediated before deployment[\\s\\S]*${line}`));
        assert.match((await cliAllControls("scan", remediable, "--remediate", "--format", "markdown")).stdout, new RegExp(`\\| aws-kms-rotation \\| ${line.replace(">", "&gt;")} \\|`));
        assert.match((await cliAllControls("scan", remediable, "--remediate", "--format", "html")).stdout, new RegExp(line.replace(">", "&gt;")));
        const log = JSON.parse((await cliAllControls("scan", remediable, "--remediate", "--format", "sarif")).stdout) as sarif.Log;
        assert.deepEqual(codeScanningProblems(log), []);
        assert.deepEqual(
            log.runs[0].results!.map((r) => [r.ruleId, r.kind, r.level, r.message.text]),
            [["aws-kms-rotation", "informational", "none", `aws:kms/key:Key::records-key: ${line}`]],
        );
    });

    it("--output writes the report to a file and nothing to stdout", async () => {
        const tmp = tempDir();
        try {
            const file = path.join(tmp.dir, "report.sarif");
            const run = await cli("scan", EXPORT, "--format", "sarif", "--output", file);
            assert.equal(run.code, 1);
            assert.equal(run.stdout, "");
            assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).version, "2.1.0");
        } finally {
            tmp.remove();
        }
    });
});
