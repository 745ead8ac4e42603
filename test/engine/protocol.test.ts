import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeStack, PackProcess, runAnalysis } from "../../engine/driver";
import { PolicyConfigError } from "../../engine/pack-config";
import type { EngineResource } from "../../engine/resource";
import { isStackControl, judgedTypes, readsStack, type ResourceControl } from "../../policies/control";
import { isExemptNotice, isExemptReason, isTypeGateReason, NOTHING_JUDGED, parseExemptReason, TYPE_NOT_JUDGED } from "../../policies/outcomes";
import { controls } from "../../policies/registry";
import { secret, unknown } from "../harness";

/** The built pack, driven over the Analyzer protocol: what the engine itself would see. */
const ROOT = path.resolve(__dirname, "../..");
const ctx = { project: "p", stack: "prod", dryRun: true };

function res(type: string, name: string, inputs: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): EngineResource {
    return {
        type,
        name,
        urn: `urn:pulumi:prod::p::${type}::${name}`,
        custom: true,
        inputs,
        outputs: inputs,
        dependencies: Object.values(propertyDependencies).flat(),
        propertyDependencies,
    };
}

const ADMIN = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

describe("the pack over the engine protocol", function () {
    this.timeout(60_000);
    let pack: PackProcess;
    beforeEach(async () => (pack = await PackProcess.start(ROOT)));
    afterEach(async () => pack && (await pack.stop()));

    it("reports a mandatory violation from Analyze on the analyzed resource's URN", async () => {
        const policy = res("aws:iam/policy:Policy", "admin", { policy: ADMIN });
        const a = await runAnalysis(pack, [policy], ctx);
        const d = a.diagnostics.find((x) => x.policyName === "aws-iam-no-admin-statements")!;
        assert.equal(d.enforcementLevel, "mandatory");
        assert.equal(d.urn, policy.urn);
        assert.equal(d.severity, "critical");
    });

    it("reads documents that arrive as secrets, and never echoes them", async () => {
        const a = await runAnalysis(pack, [res("aws:iam/policy:Policy", "admin", { policy: secret(ADMIN.replace("*\"}", "*\",\"Sid\":\"AKIAIOSFODNN7EXAMPLE\"}")) })], ctx);
        assert.ok(a.diagnostics.some((d) => d.policyName === "aws-iam-no-admin-statements"));
        for (const d of a.diagnostics) assert.doesNotMatch(d.message, /AKIA/);
    });

    it("turns an unknown decisive value into an advisory could-not-verify, not a pass or a crash", async () => {
        const a = await runAnalysis(pack, [res("aws:iam/policy:Policy", "pending", { policy: unknown })], ctx);
        const d = a.diagnostics.find((x) => x.policyName === "aws-iam-no-admin-statements")!;
        assert.equal(d.enforcementLevel, "advisory");
        assert.match(d.message, /could not verify policy during preview/);
        assert.ok(a.diagnostics.every((x) => x.enforcementLevel === "advisory"), "every control that reads the document says it could not verify it");
    });

    it("joins a standalone S3 encryption configuration to its bucket through propertyDependencies", async () => {
        const bucket = res("aws:s3/bucket:Bucket", "records", {});
        const sse = res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "records-sse", {
            bucket: unknown,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown } }],
        }, { bucket: [bucket.urn] });
        const a = await runAnalysis(pack, [bucket, sse], ctx);
        assert.deepEqual(a.diagnostics.filter((d) => d.policyName === "aws-s3-encryption-cmk"), []);
    });

    it("applies config levels and options, and shows an exemption as an advisory notice and a not-applicable record", async () => {
        const admin = res("aws:iam/policy:Policy", "ops-admin", { policy: ADMIN });
        const bucket = res("aws:s3/bucket:Bucket", "scratch", {});
        const exemption = { id: "SEC-1", controls: ["aws-iam-no-admin-statements"], urn: "urn:pulumi:prod::p::aws:iam/policy:Policy::ops-*", reason: "SSO migration", expires: "2999-12-31" };
        const a = await runAnalysis(pack, [admin, bucket], {
            ...ctx,
            config: { "aws-s3-encryption-cmk": "advisory", "phi-guard-settings": { exemptions: [exemption] } },
        });
        const ours = a.diagnostics.filter((d) => ["aws-s3-encryption-cmk", "aws-iam-no-admin-statements"].includes(d.policyName));
        assert.deepEqual(
            ours.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
            [
                ["aws-iam-no-admin-statements", "advisory", admin.urn],
                ["aws-s3-encryption-cmk", "advisory", bucket.urn],
            ],
        );
        assert.equal(ours[0].message, "exempt from aws-iam-no-admin-statements until 2999-12-31: SSO migration (exemption SEC-1 in the policy config)");
        const na = a.notApplicable.find((n) => n.policyName === "aws-iam-no-admin-statements" && isExemptReason(n.reason))!;
        assert.equal(na.urn, admin.urn);
        assert.deepEqual(parseExemptReason(na.reason), [{ urn: admin.urn, until: "2999-12-31", source: "exemption SEC-1 in the policy config", reason: "SSO migration" }]);
    });

    it("lists each resource control as not applicable to a resource of a type it does not judge, so that Pulumi's summary does not count it as passed", async () => {
        const admin = res("aws:iam/policy:Policy", "admin", { policy: ADMIN });
        const classic = res("azure:authorization/assignment:Assignment", "owner", { roleDefinitionName: "Owner", scope: "/subscriptions/00000000-0000-0000-0000-000000000000" });
        const a = await runAnalysis(pack, [admin, classic], ctx);
        const notJudged = (urn: string) => a.notApplicable.filter((n) => n.urn === urn && n.reason === TYPE_NOT_JUDGED).map((n) => n.policyName).sort();
        const resourceControls = controls.filter((c): c is ResourceControl<unknown> => !isStackControl(c));
        assert.deepEqual(notJudged(classic.urn), resourceControls.map((c) => c.id).sort(), "a provider phi-guard does not read: no resource control judges it");
        assert.deepEqual(notJudged(admin.urn), resourceControls.filter((c) => !c.types.has(admin.type)).map((c) => c.id).sort());
        assert.ok(a.diagnostics.some((d) => d.policyName === "aws-iam-no-admin-statements" && d.urn === admin.urn));
    });

    it("lists a stack control as not applicable to a stack with nothing of the types it judges, and only then", async () => {
        const role = res("aws:iam/role:Role", "deployer", { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }) });
        const a = await analyzeStack(ROOT, [role], ctx);
        const nothingJudged = a.notApplicable.filter((n) => n.reason === NOTHING_JUDGED).map((n) => n.policyName).sort();
        assert.deepEqual(nothingJudged, controls.filter((c) => readsStack(c) && !judgedTypes(c).has(role.type)).map((c) => c.id).sort());
        assert.ok(nothingJudged.includes("az-rbac-privileged-standing") && !nothingJudged.includes("aws-segregation-of-duties"));
    });

    it("sends each finding's text once: the description travels in its own field, not in front of the message", async () => {
        const a = await runAnalysis(pack, [res("aws:iam/policy:Policy", "admin", { policy: ADMIN })], ctx);
        const d = a.diagnostics.find((x) => x.policyName === "aws-iam-no-admin-statements")!;
        assert.ok(d.description.length > 0);
        assert.ok(!d.message.includes(d.description), d.message);
        assert.match(d.message, /^Allow of Action "\*" on every resource grants full administrator access at policy\.Statement\[0\]: /);
    });

    it("grants nothing for an insider's exemption tags, and says so as an advisory finding", async () => {
        const tags = Object.fromEntries(["aws-iam-no-admin-statements", "aws-s3-encryption-cmk"].map((c) => [`phi-guard:exempt:${c}`, "approved; expires=2099-01-01; approvedBy=ciso"]));
        const a = await runAnalysis(pack, [res("aws:iam/policy:Policy", "admin", { policy: ADMIN, tags })], ctx);
        const found = (policy: string) => a.diagnostics.filter((d) => d.policyName === policy).map((d) => d.enforcementLevel);
        assert.deepEqual(found("aws-iam-no-admin-statements"), ["mandatory"]);
        assert.deepEqual(found("phi-guard-settings"), ["advisory", "advisory"]);
        assert.deepEqual(a.notApplicable.filter((n) => isExemptReason(n.reason)), []);
    });

    it("scopes PHI checks by the stack tag sent in ConfigureStack", async () => {
        const bucket = res("aws:s3/bucket:Bucket", "scratch", {});
        const config = { "phi-guard-settings": { phiScope: "tagged" } };
        const untagged = await runAnalysis(pack, [bucket], { ...ctx, config });
        await pack.stop();
        pack = await PackProcess.start(ROOT);
        const tagged = await runAnalysis(pack, [bucket], { ...ctx, config, tags: { "data-classification": "phi" } });
        const cmk = (a: { diagnostics: { policyName: string }[] }) => a.diagnostics.filter((d) => d.policyName === "aws-s3-encryption-cmk").length;
        assert.equal(cmk(untagged), 0);
        assert.equal(cmk(tagged), 1);
    });

    it("hands the pack-wide settings given once under phi-guard-settings to resource and stack controls alike", async () => {
        const db = (name: string, tags?: Record<string, string>) => res("aws:rds/instance:Instance", name, { engine: "postgres", publiclyAccessible: true, ...(tags ? { tags } : {}) });
        const bucket = res("aws:s3/bucket:Bucket", "scratch", {});
        const config = { "phi-guard-settings": { phiScope: "tagged" } };
        const a = await runAnalysis(pack, [db("scratch-db"), db("claims-db", { "data-classification": "phi" }), bucket], { ...ctx, config });
        const found = (policy: string) => [...new Set(a.diagnostics.filter((d) => d.policyName === policy).map((d) => d.urn.slice(d.urn.lastIndexOf("::") + 2)))];
        assert.deepEqual(found("aws-rds-exposure"), ["claims-db"]);
        assert.deepEqual(found("aws-s3-encryption-cmk"), []);
        assert.deepEqual(found("phi-guard-settings"), []);
    });

    it("refuses invalid config before analysis, as the engine does", async () => {
        await assert.rejects(runAnalysis(pack, [], { ...ctx, config: { "az-rbac-scope": { allowedPrincipalIds: "x" } } }), PolicyConfigError);
    });
});

describe("one config file, the same results through phi-guard scan and the driver", function () {
    this.timeout(120_000);
    it("gives identical findings for the sample violations stack", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-"));
        const configFile = path.join(dir, "config.json");
        const out = path.join(dir, "scan.json");
        const config = {
            "phi-guard-settings": { exemptions: [{ id: "TMP-1", controls: ["aws-datastore-cmk"], urn: "urn:pulumi:dev::aws-violations::*claims-*", reason: "to be deleted", expires: "2999-01-01" }] },
            "aws-iam-no-admin-statements": "advisory",
        };
        fs.writeFileSync(configFile, JSON.stringify(config));
        const { main } = await import("../../cli/phi-guard");
        const code = await main(["node", "phi-guard", "scan", path.join(ROOT, "stacks", "aws-violations"), "--config", configFile, "--format", "json", "--output", out]);
        const scanned = JSON.parse(fs.readFileSync(out, "utf8"));
        const { loadProject } = await import("../../cli/targets/project");
        const { resources } = await loadProject(path.join(ROOT, "stacks", "aws-violations"), {});
        const driven = await analyzeStack(ROOT, resources, { project: "aws-violations", stack: "dev", dryRun: true, config });
        const key = (v: { policyName: string; urn: string; enforcementLevel: string }) => `${v.policyName} ${v.urn} ${v.enforcementLevel}`;
        // The driver keeps the exemption notices the Pulumi CLI shows; a scan report lists them as exemptions instead.
        assert.deepEqual(scanned.violations.map(key).sort(), driven.diagnostics.filter((d) => !isExemptNotice(d.message)).map(key).sort());
        // The type gates the pack sends for Pulumi's summary a scan report reads from the controls' types instead.
        assert.deepEqual(scanned.notApplicable.map((n: any) => n.reason).sort(), driven.notApplicable.filter((n) => !isTypeGateReason(n.reason)).map((n) => n.reason).sort());
        assert.ok(driven.notApplicable.some((n) => isExemptReason(n.reason)), "the config exempts something");
        assert.equal(code, 1);
    });
});

describe("an insider's stack transformation that tags every resource with an exemption for every control", function () {
    this.timeout(300_000);
    it("leaves every finding of the violations sample in place, and reports each tag as not honoured", async () => {
        const { capturedSample, expectedFindings, sampleConfig } = await import("../samples");
        const { controls } = await import("../../policies/registry");
        const resources = await capturedSample("aws-violations");
        const tags = Object.fromEntries(controls.map((c) => [`phi-guard:exempt:${c.id}`, "approved exception; expires=2099-01-01; approvedBy=ciso"]));
        // Each in the resource's own shape: a map, or aws-native's list of { key, value }.
        const withTags = (own: unknown) => (Array.isArray(own) ? [...own, ...Object.entries(tags).map(([key, value]) => ({ key, value }))] : { ...(own as object), ...tags });
        const tagged = resources.map((r) => ({ ...r, inputs: { ...r.inputs, tags: withTags(r.inputs.tags) }, outputs: { ...r.outputs, tags: withTags(r.outputs.tags) } }));
        // A refused tag for every control on one resource exceeds the settings policy's share of the CLI's 4 MiB response,
        // which the pack then summarises in one line; listEveryFinding lists each, to count them here.
        const config = sampleConfig("aws-violations") as Record<string, Record<string, unknown>>;
        const ctx = { project: "aws-violations", stack: "dev", dryRun: true, config: { ...config, "phi-guard-settings": { ...config["phi-guard-settings"], listEveryFinding: true } } };
        const before = await analyzeStack(ROOT, resources, ctx);
        const after = await analyzeStack(ROOT, tagged, ctx);
        const findings = (a: { diagnostics: { policyName: string; urn: string; enforcementLevel: string }[] }) =>
            a.diagnostics.filter((d) => d.policyName !== "phi-guard-settings").map((d) => `${d.policyName} ${d.urn} ${d.enforcementLevel}`).sort();
        assert.deepEqual(findings(after), findings(before));
        assert.equal(findings(before).length, expectedFindings("aws-violations").length, "the sample's findings, as in its expected files");
        const notHonoured = after.diagnostics.filter((d) => d.policyName === "phi-guard-settings");
        assert.equal(notHonoured.length, resources.length * controls.length);
        assert.ok(notHonoured.every((d) => d.enforcementLevel === "advisory" && /^exemption tag not honoured at tags\.phi-guard:exempt:/.test(d.message)));
        assert.deepEqual(after.notApplicable.filter((n) => isExemptReason(n.reason)), []);
    });
});
