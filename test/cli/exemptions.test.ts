import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type * as sarif from "sarif";
import { cli, target, tempDir } from "./run-cli";

const EXPORT = target("stack-export-encrypted.json");
const BUCKET = "urn:pulumi:prod::phi-records::aws:s3/bucket:Bucket::claims-archive";

const exemption = (expires: string) => ({
    id: "CHG-2291",
    controls: ["aws-s3-encryption-cmk"],
    project: "phi-records",
    stack: "prod",
    type: "aws:s3/bucket:Bucket",
    name: "claims-archive",
    reason: "archive moves to the CMK bucket in Q1",
    expires,
    approvedBy: "privacy officer",
});
const config = (settings: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
    all: "disabled",
    "phi-guard-settings": { enforcementLevel: "advisory", ...settings },
    "aws-s3-encryption-cmk": "mandatory",
    "aws-iam-no-admin-statements": "mandatory",
    ...more,
});

describe("phi-guard scan: exemptions and the policy config", function () {
    this.timeout(120_000);
    let dir: string;
    let remove: () => void;
    before(() => ({ dir, remove } = tempDir()));
    after(() => remove());
    const write = (name: string, value: unknown) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, JSON.stringify(value));
        return file;
    };

    describe("every format shows every exemption", () => {
        let file: string;
        before(() => (file = write("exempt.json", config({ exemptions: [exemption("2999-01-31")] }))));

        it("table: a section with control, resource, expiry, reason and who granted it", async () => {
            const run = await cli("scan", EXPORT, "--config", file);
            assert.match(run.stdout, /: 6 resources, 1 finding, 1 exempt \(phi-guard /);
            assert.match(
                run.stdout,
                /\nexemptions\n----------\n  exempt aws-s3-encryption-cmk\n    aws:s3\/bucket:Bucket::claims-archive\s+\(test\/fixtures\/targets\/stack-export-encrypted\.json:\d+\)\n    exempt until 2999-01-31: archive moves to the CMK bucket in Q1 \(exemption\n    CHG-2291 in the policy config, approved by privacy officer\)\n/,
            );
        });

        it("markdown: a table of exemptions", async () => {
            const run = await cli("scan", EXPORT, "--config", file, "--format", "markdown");
            assert.match(run.stdout, /#### 1 exemption\n\n\| Control \| Resource \| Declared at \| Reason \| Expires \| Granted by \|/);
            assert.match(run.stdout, /\| aws-s3-encryption-cmk \| claims-archive<br><sub>aws:s3\/bucket:Bucket<\/sub> \| [^|]+ \| archive moves to the CMK bucket in Q1 \| 2999-01-31 \| exemption CHG-2291 in the policy config, approved by privacy officer \|/);
        });

        it("sarif: the exempted finding as a result with an accepted, justified suppression", async () => {
            const run = await cli("scan", EXPORT, "--config", file, "--format", "sarif");
            const log = JSON.parse(run.stdout) as sarif.Log;
            const results = log.runs[0].results!;
            const suppressed = results.filter((r) => r.suppressions);
            assert.equal(suppressed.length, 1);
            assert.equal(suppressed[0].ruleId, "aws-s3-encryption-cmk");
            assert.equal(log.runs[0].tool.driver.rules![suppressed[0].ruleIndex!].id, "aws-s3-encryption-cmk");
            assert.deepEqual(suppressed[0].suppressions, [
                { kind: "external", status: "accepted", justification: "archive moves to the CMK bucket in Q1 (until 2999-01-31; exemption CHG-2291 in the policy config, approved by privacy officer)" },
            ]);
            assert.equal(suppressed[0].locations![0].logicalLocations![0].fullyQualifiedName, BUCKET);
            assert.equal(results.length, 2, "the finding that stands and the suppressed one");
        });

        it("json and html keep the exemption record", async () => {
            const json = JSON.parse((await cli("scan", EXPORT, "--config", file, "--format", "json")).stdout);
            assert.deepEqual(json.violations.map((v: { policyName: string }) => v.policyName), ["aws-iam-no-admin-statements"]);
            assert.match(json.notApplicable.find((n: { policyName: string }) => n.policyName === "aws-s3-encryption-cmk").reason, /^exempt:\n.*claims-archive\t2999-01-31\t/);
            const html = (await cli("scan", EXPORT, "--config", file, "--format", "html")).stdout;
            assert.match(html, /<span class="status status-exempt">exempt<\/span> <strong>claims-archive<\/strong>/);
        });
    });

    describe("--as-of", () => {
        let file: string;
        before(() => (file = write("expired.json", config({ exemptions: [exemption("2020-01-31")] }))));

        it("keeps an exemption that expired before today a finding, and says so", async () => {
            const run = await cli("scan", EXPORT, "--config", file, "--format", "json");
            const cmk = JSON.parse(run.stdout).violations.find((v: { policyName: string }) => v.policyName === "aws-s3-encryption-cmk");
            assert.match(cmk.message, /; its exemption CHG-2291 expired on 2020-01-31$/);
        });

        it("judges expiry as of the date given, and prints that date in every format", async () => {
            const table = await cli("scan", EXPORT, "--config", file, "--as-of", "2019-06-01");
            assert.match(table.stdout, /1 exempt \(phi-guard [^;]+; exemptions judged as of 2019-06-01 \(--as-of\)\)/);
            assert.match(table.stdout, /exempt until 2020-01-31: [^]*judged as of\s+2019-06-01\)\n/);
            const json = JSON.parse((await cli("scan", EXPORT, "--config", file, "--as-of", "2019-06-01", "--format", "json")).stdout);
            assert.deepEqual(json.asOf, { date: "2019-06-01", pinned: true });
            assert.match((await cli("scan", EXPORT, "--config", file, "--as-of", "2019-06-01", "--format", "markdown")).stdout, /exemptions judged as of 2019-06-01 \(--as-of\)<\/sub>/);
            assert.match((await cli("scan", EXPORT, "--config", file, "--as-of", "2019-06-01", "--format", "html")).stdout, /<dt>Exemptions judged as of<\/dt><dd>2019-06-01 <span class="muted">\(pinned with --as-of\)/);
            const log = JSON.parse((await cli("scan", EXPORT, "--config", file, "--as-of", "2019-06-01", "--format", "sarif")).stdout) as sarif.Log;
            assert.equal(log.runs[0].properties!.exemptionsJudgedAsOf, "2019-06-01");
        });

        it("rejects a date that is not YYYY-MM-DD", async () => {
            const run = await cli("scan", EXPORT, "--as-of", "2019-02-30");
            assert.equal(run.code, 2);
            assert.match(run.stderr, /expected a date, YYYY-MM-DD/);
        });
    });

    describe("scan rejects what config validate rejects", () => {
        for (const [what, bad, message] of [
            ["a misspelt control id", { "aws-s3-encryption-cmq": "mandatory" }, /aws-s3-encryption-cmq: no such policy in phi-guard/],
            ["an unknown option", { "az-rbac-scope": { allowedPrincipalId: [] } }, /az-rbac-scope: unknown option "allowedPrincipalId"/],
            ["an exemption naming an unknown control", config({ exemptions: [{ ...exemption("2999-01-01"), controls: ["aws-s3-encryption"] }] }), /exemptions\.0\.controls\.0 must be equal to one of the allowed values/],
            ["settings that `all: disabled` would switch off", { all: "disabled", "phi-guard-settings": { phiScope: "tagged" } }, /phi-guard-settings: its settings are ignored because the policy is disabled/],
        ] as const) {
            it(`exits 2 on ${what}`, async () => {
                const file = write("bad.json", bad);
                const run = await cli("scan", EXPORT, "--config", file);
                assert.equal(run.code, 2);
                assert.match(run.stderr, /^phi-guard: config file .* is invalid: /);
                assert.match(run.stderr, message);
                const validate = await cli("config", "validate", file);
                assert.equal(validate.code, 1);
            });
        }
    });
});
