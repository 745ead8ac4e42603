import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { initialConfig, initialConfigYaml, validateConfig, withRemediation } from "../../cli/config";
import { controls } from "../../policies/registry";
import { cli, tempDir } from "./run-cli";

const ROOT = path.resolve(__dirname, "../..");

describe("phi-guard config", () => {
    it("init lists the pack-wide settings, then every control with its default level and options, and validates", () => {
        const config = initialConfig();
        assert.deepEqual(Object.keys(config), ["phi-guard-settings", ...controls.map((c) => c.id)]);
        assert.equal(config["phi-guard-settings"].phiScope, "all");
        assert.deepEqual(validateConfig(config), []);
    });

    it("init --format yaml carries each control's title and each option's description, and validates", () => {
        const text = initialConfigYaml();
        assert.match(text, /# IAM policies grant no full administrator access \[standing-privilege/);
        assert.match(text, /# Resource or stack tag that classifies data\./);
        assert.deepEqual(validateConfig(YAML.parse(text)), []);
    });

    it("validate names typos in policy ids and options", () => {
        const problems = validateConfig({ "az-rbac-scop": "advisory", "az-rbac-scope": { allowedPrincipalId: [] } });
        assert.ok(problems.some((p) => p.startsWith("az-rbac-scop: no such policy")));
        assert.ok(problems.some((p) => p.startsWith('az-rbac-scope: unknown option "allowedPrincipalId"')));
    });

    it("validate catches wrong types and levels as the engine would", () => {
        assert.ok(validateConfig({ "az-rbac-scope": { allowedPrincipalIds: "x" } }).some((p) => /allowedPrincipalIds must be array/.test(p)));
        assert.ok(validateConfig({ "phi-guard-settings": { phiScope: "some" } }).some((p) => /phiScope must be equal to one of the allowed values/.test(p)));
        assert.ok(validateConfig({ all: "strict" }).some((p) => /invalid enforcement level for "all"/.test(p)));
    });

    it("validate rejects exemptions without a reason, an expiry or a precise target", () => {
        const base = { id: "A", controls: ["aws-s3-encryption-cmk"], urn: "urn:pulumi:prod::claims::*" };
        const problems = validateConfig({
            "phi-guard-settings": {
                exemptions: [base, { ...base, id: "B", reason: " ", expires: "soon" }, { id: "C", controls: ["aws-s3-encryption-cmk"], name: "legacy", reason: "r", expires: "2027-01-01" }],
            },
        });
        assert.ok(problems.some((p) => /exemptions\.0 must have required property 'reason'/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.0 must have required property 'expires'/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.1\.reason must match pattern/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.1\.expires must match pattern/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.2 must match a schema in anyOf/.test(p)), "a name alone does not name a target");
    });

    it("validate rejects unknown control ids in exemptions, duplicate ids, and an exemption that can never apply", () => {
        const e = { id: "A", controls: ["aws-s3-encryption-cmq"], urn: "urn:pulumi:*", reason: "r", expires: "2027-01-01" };
        const problems = validateConfig({ "phi-guard-settings": { exemptions: [e, { ...e, controls: ["aws-s3-encryption-cmk"], requireTag: true }], selfServiceControls: ["nope"] } });
        assert.ok(problems.some((p) => /exemptions\.0\.controls\.0 must be equal to one of the allowed values/.test(p)));
        assert.ok(problems.some((p) => /selfServiceControls\.0 must be equal to one of the allowed values/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.1\.id "A" is used by an earlier exemption/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.1 requires a tag, but tagReferences is not true/.test(p)));
    });

    it("init --advisory makes every control advisory and keeps the options", () => {
        const config = initialConfig({ advisory: true });
        const levels = new Set(controls.map((c) => (config[c.id] as { enforcementLevel: string }).enforcementLevel));
        assert.deepEqual([...levels], ["advisory"]);
        assert.deepEqual(config["az-rbac-scope"].allowedPrincipalIds, []);
        assert.deepEqual(validateConfig(config), []);
    });

    it("init --remediate sets exactly the controls that remediate to remediate, the rest to their defaults", () => {
        const config = initialConfig({ remediate: true });
        const remediating = controls.filter((c) => (config[c.id] as { enforcementLevel: string }).enforcementLevel === "remediate").map((c) => c.id).sort();
        assert.deepEqual(remediating, ["aws-apigw-data-trace", "aws-kms-rotation", "aws-logs-retention", "az-app-tls", "az-sql-hardening", "az-storage-public", "az-storage-tls"]);
        assert.deepEqual(validateConfig(config), []);
    });

    it("scan --remediate keeps a level the config gives a control and adds remediate to one it gives only options", () => {
        const config = withRemediation({ "aws-kms-rotation": "advisory", "aws-logs-retention": { minimumRetentionDays: 3000 }, "az-app-tls": { enforcementLevel: "disabled" } });
        assert.equal(config["aws-kms-rotation"], "advisory");
        assert.deepEqual(config["aws-logs-retention"], { minimumRetentionDays: 3000, enforcementLevel: "remediate" });
        assert.deepEqual(config["az-app-tls"], { enforcementLevel: "disabled" });
        assert.equal(config["az-storage-tls"], "remediate");
    });

    for (const example of fs.readdirSync(path.join(ROOT, "docs", "examples"))) {
        it(`accepts the documented example ${example}`, () => {
            assert.deepEqual(validateConfig(JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "examples", example), "utf8"))), []);
        });
    }

    describe("validate, as a command", () => {
        let tmp: ReturnType<typeof tempDir>;
        before(() => (tmp = tempDir()));
        after(() => tmp.remove());
        const validate = (name: string, content: string) => {
            const file = path.join(tmp.dir, name);
            fs.writeFileSync(file, content);
            return cli("config", "validate", file);
        };

        it("exits 0 and says valid for a file the engine accepts, its ESC environments included", async () => {
            const run = await validate("ok.json", JSON.stringify({ environments: ["phi/production"], all: "mandatory", "aws-kms-rotation": "advisory" }));
            assert.deepEqual([run.code, run.stderr], [0, ""]);
            assert.match(run.stdout, /ok\.json: valid\n$/);
        });

        it("exits 1 on each kind of problem, naming it", async () => {
            const cases: [string, object | string, RegExp][] = [
                ["typo.json", { "az-rbac-scop": "advisory" }, /az-rbac-scop: no such policy/],
                ["level.json", { all: "strict" }, /invalid enforcement level for "all"/],
                [
                    "date.json",
                    { "phi-guard-settings": { exemptions: [{ id: "SEC-1", controls: ["aws-s3-encryption-cmk"], urn: "urn:pulumi:prod::phi::*", reason: "vendor fix due", expires: "2099-02-31" }] } },
                    /phi-guard-settings: exemptions\.0\.expires 2099-02-31 is not a calendar date/,
                ],
                ["environments.json", { environments: "phi/production" }, /environments: must be a list of Pulumi ESC environment names/],
                ["broken.json", "{ not json", /config file .*broken\.json is not valid JSON/],
            ];
            for (const [name, content, problem] of cases) {
                const run = await validate(name, typeof content === "string" ? content : JSON.stringify(content));
                assert.equal(run.code, 1, name);
                assert.equal(run.stdout, "", name);
                assert.match(run.stderr, problem, name);
            }
        });

        it("exits 2 when the file does not exist", async () => {
            const run = await cli("config", "validate", path.join(tmp.dir, "missing.json"));
            assert.equal(run.code, 2);
            assert.match(run.stderr, /config file .*missing\.json does not exist/);
        });
    });
});
