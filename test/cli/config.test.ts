import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { initialConfig, initialConfigYaml, validateConfig } from "../../cli/config";
import { controls } from "../../policies/registry";

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
        assert.match(text, /# Resource or stack tag that marks PHI\./);
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

    it("validate rejects exemptions without a reason or expiry", () => {
        const problems = validateConfig({ "aws-s3-encryption-cmk": { exemptions: [{ resource: "b" }, { resource: "c", reason: " ", expires: "soon" }] } });
        assert.ok(problems.some((p) => /exemptions\.0 must have required property 'reason'/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.0 must have required property 'expires'/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.1\.reason must match pattern/.test(p)));
        assert.ok(problems.some((p) => /exemptions\.1\.expires must match pattern/.test(p)));
    });

    for (const example of fs.readdirSync(path.join(ROOT, "docs", "examples"))) {
        it(`accepts the documented example ${example}`, () => {
            assert.deepEqual(validateConfig(JSON.parse(fs.readFileSync(path.join(ROOT, "docs", "examples", example), "utf8"))), []);
        });
    }
});
