import { strict as assert } from "assert";
import * as path from "path";
import { PackProcess, Remediated } from "../../engine/driver";
import type { EngineResource } from "../../engine/resource";
import { TYPE_NOT_JUDGED } from "../../policies/outcomes";
import { controls } from "../../policies/registry";
import { secret, unknown } from "../harness";

/** The built pack, driven as the engine drives a remediating pack: Remediate, then Analyze with what it returned. */
const ROOT = path.resolve(__dirname, "../..");
const STACK_CTX = { project: "p", stack: "prod", dryRun: true };

function res(type: string, name: string, inputs: Record<string, unknown>): EngineResource {
    return { type, name, urn: `urn:pulumi:prod::p::${type}::${name}`, custom: true, inputs, outputs: inputs, dependencies: [], propertyDependencies: {} };
}

const ROOT_STACK = res("pulumi:pulumi:Stack", "p-prod", {});
const REMEDIATING = controls.filter((c) => "remediate" in c && c.remediate).map((c) => c.id);

/** For every control that remediates: a resource it fails and exactly what its remediation must change. */
const CASES: Record<string, { type: string; inputs: Record<string, unknown>; changed: Record<string, unknown> }> = {
    "aws-kms-rotation": { type: "aws:kms/key:Key", inputs: { enableKeyRotation: false, deletionWindowInDays: 7 }, changed: { enableKeyRotation: true, deletionWindowInDays: 30 } },
    "aws-logs-retention": { type: "aws:cloudwatch/logGroup:LogGroup", inputs: { retentionInDays: 30 }, changed: { retentionInDays: 2192 } },
    "aws-apigw-data-trace": {
        type: "aws:apigatewayv2/stage:Stage",
        inputs: { defaultRouteSettings: { dataTraceEnabled: true, loggingLevel: "INFO" }, routeSettings: [{ routeKey: "GET /a", dataTraceEnabled: false }, { routeKey: "GET /b", dataTraceEnabled: true }] },
        changed: { defaultRouteSettings: { dataTraceEnabled: false, loggingLevel: "INFO" }, routeSettings: [{ routeKey: "GET /a", dataTraceEnabled: false }, { routeKey: "GET /b", dataTraceEnabled: false }] },
    },
    "az-storage-tls": { type: "azure-native:storage:StorageAccount", inputs: { enableHttpsTrafficOnly: false, minimumTlsVersion: "TLS1_1", allowBlobPublicAccess: false }, changed: { enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2" } },
    "az-storage-public": { type: "azure-native:storage:StorageAccount", inputs: { allowBlobPublicAccess: true, allowSharedKeyAccess: false, publicNetworkAccess: "Disabled", minimumTlsVersion: "TLS1_2" }, changed: { allowBlobPublicAccess: false } },
    "az-app-tls": { type: "azure-native:web:WebApp", inputs: { httpsOnly: true, siteConfig: { scmMinTlsVersion: "1.1", ftpsState: "Disabled" } }, changed: { siteConfig: { scmMinTlsVersion: "1.2", ftpsState: "Disabled" } } },
    "az-sql-hardening": { type: "azure-native:sql/v20230801:Server", inputs: { minimalTlsVersion: "1.0", publicNetworkAccess: "Disabled" }, changed: { minimalTlsVersion: "1.2" } },
    "az-keyvault-hardening": {
        type: "azure-native:keyvault:Vault",
        inputs: { properties: { enablePurgeProtection: false, enableRbacAuthorization: true, publicNetworkAccess: "Disabled", tenantId: "t" } },
        changed: { properties: { enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: "Disabled", tenantId: "t" } },
    },
};

describe("remediation over the engine protocol", function () {
    this.timeout(60_000);
    let pack: PackProcess;

    async function start(config: Record<string, unknown> = {}, analyzeRootFirst = true): Promise<void> {
        pack = await PackProcess.start(ROOT);
        await pack.configureStack(STACK_CTX);
        const info = await pack.info();
        await pack.configure(info, { ...Object.fromEntries(REMEDIATING.map((id) => [id, "remediate"])), ...config });
        // The engine registers the root stack resource first: its Analyze runs the settings policy.
        if (analyzeRootFirst) await pack.analyze(ROOT_STACK);
    }
    afterEach(async () => pack && (await pack.stop()));

    async function remediateThenAnalyze(r: EngineResource) {
        const remediated = await pack.remediate(r);
        const analyzed = await pack.analyze({ ...r, inputs: remediated.inputs });
        return { ...remediated, findings: analyzed.diagnostics.map((d) => `${d.policyName} ${d.enforcementLevel}: ${d.message}`) };
    }

    it("has a case below for every control that remediates", () => {
        assert.deepEqual(Object.keys(CASES).sort(), [...REMEDIATING].sort());
    });

    for (const [id, c] of Object.entries(CASES)) {
        it(`${id}: changes exactly what it reports, keeps a secret a secret, and Analyze then finds nothing at those paths`, async () => {
            await start();
            const inputs = { ...c.inputs, tags: { owner: secret("team-7") } };
            const r = await remediateThenAnalyze(res(c.type, `case-${id}`, inputs));
            assert.deepEqual(r.inputs, { ...inputs, ...c.changed });
            assert.deepEqual(r.changedBy, [id]);
            for (const f of r.findings.filter((x) => x.startsWith(`${id} `))) {
                for (const key of Object.keys(c.changed)) assert.ok(!f.includes(` at ${key}`), `still reported after remediation: ${f}`);
            }
        });
    }

    it("turns on KMS key rotation and keeps every other input, secrets, unknowns and __defaults, exactly as they came", async () => {
        await start();
        const inputs = { enableKeyRotation: false, description: secret("claims key"), policy: unknown, tags: { team: "claims" }, __defaults: ["deletionWindowInDays"], deletionWindowInDays: 30 };
        const r = await remediateThenAnalyze(res("aws:kms/key:Key", "claims", inputs));
        assert.deepEqual(r.changedBy, ["aws-kms-rotation"]);
        assert.deepEqual(r.inputs, { ...inputs, enableKeyRotation: true });
        assert.deepEqual(r.findings.filter((f) => f.startsWith("aws-kms-rotation")), []);
    });

    it("fixes only the paths the control reports, inside nested settings, and leaves what needs a decision", async () => {
        await start();
        const app = { httpsOnly: false, siteConfig: { minTlsVersion: "1.0", ftpsState: "AllAllowed", appSettings: [{ name: "DB", value: secret("Password=hunter2") }] }, location: "westeurope" };
        const r = await remediateThenAnalyze(res("azure-native:web:WebApp", "portal", app));
        assert.deepEqual(r.inputs, { ...app, httpsOnly: true, siteConfig: { ...app.siteConfig, minTlsVersion: "1.2", ftpsState: "FtpsOnly" } });
        assert.deepEqual(r.findings.filter((f) => f.startsWith("az-app-tls")), []);

        const account = { allowBlobPublicAccess: true, allowSharedKeyAccess: true, minimumTlsVersion: "TLS1_0" };
        const s = await remediateThenAnalyze(res("azure-native:storage/v20230101:StorageAccount", "records", account));
        assert.deepEqual(s.inputs, { ...account, allowBlobPublicAccess: false, minimumTlsVersion: "TLS1_2" });
        assert.deepEqual(s.changedBy.sort(), ["az-storage-public", "az-storage-tls"]);
        // Shared-key access may be what a workload uses: still reported, at the mandatory level a remediating policy falls back to.
        assert.ok(s.findings.some((f) => f.startsWith("az-storage-public mandatory: shared-key authorization")));
    });

    it("changes nothing it cannot read: an unknown decisive value stays unknown and Analyze says it could not verify", async () => {
        await start();
        const r = await remediateThenAnalyze(res("aws:cloudwatch/logGroup:LogGroup", "app", { retentionInDays: unknown }));
        assert.deepEqual(r.changedBy, []);
        assert.deepEqual(r.inputs, { retentionInDays: unknown });
        assert.ok(r.findings.some((f) => /^aws-logs-retention advisory: could not verify retentionInDays during preview/.test(f)), r.findings.join("\n"));
    });

    it("leaves an exempt resource and a store outside the PHI scope as they are", async () => {
        const exemption = { id: "SEC-9", controls: ["aws-logs-retention"], urn: "urn:pulumi:prod::p::aws:cloudwatch/logGroup:LogGroup::scratch", reason: "load test", expires: "2999-01-01" };
        await start({ "phi-guard-settings": { exemptions: [exemption], phiScope: "tagged" } });
        const exempt = await remediateThenAnalyze(res("aws:cloudwatch/logGroup:LogGroup", "scratch", { retentionInDays: 7 }));
        assert.deepEqual([exempt.changedBy, exempt.inputs], [[], { retentionInDays: 7 }]);
        const untagged = await remediateThenAnalyze(res("azure-native:storage:StorageAccount", "public-site", { minimumTlsVersion: "TLS1_0" }));
        assert.deepEqual(untagged.changedBy, []);
        const tagged = await remediateThenAnalyze(res("azure-native:storage:StorageAccount", "records", { minimumTlsVersion: "TLS1_0", tags: { "data-classification": "phi" } }));
        assert.ok(tagged.changedBy.includes("az-storage-tls"));
    });

    it("remediates nothing before the settings policy has run, rather than judge with settings it has not read", async () => {
        await start({ "phi-guard-settings": { phiScope: "tagged" } }, false);
        const r = await pack.remediate(res("aws:kms/key:Key", "early", { enableKeyRotation: false }));
        assert.deepEqual(r.changedBy, []);
    });

    it("lists each remediating control as not applicable to a resource of a type it does not judge, so Pulumi's remediation summary does not count it as passed", async () => {
        await start();
        const notJudged = (r: Remediated) => r.notApplicable.filter((n) => n.reason === TYPE_NOT_JUDGED).map((n) => n.policyName).sort();
        const bucket = await pack.remediate(res("aws:s3/bucketV2:BucketV2", "records", { bucket: "records" }));
        assert.deepEqual([bucket.changedBy, notJudged(bucket)], [[], [...REMEDIATING].sort()]);
        const key = await pack.remediate(res("aws:kms/key:Key", "claims", { enableKeyRotation: true, deletionWindowInDays: 30 }));
        assert.deepEqual([key.changedBy, notJudged(key)], [[], REMEDIATING.filter((id) => id !== "aws-kms-rotation").sort()]);
        assert.equal(key.notApplicable.length, REMEDIATING.length - 1);
    });

    it("remediates only for controls the config sets to remediate", async () => {
        await start({ "aws-kms-rotation": "mandatory" });
        const r = await remediateThenAnalyze(res("aws:kms/key:Key", "claims", { enableKeyRotation: false }));
        assert.deepEqual(r.changedBy, []);
        assert.ok(r.findings.some((f) => f.startsWith("aws-kms-rotation mandatory: automatic key rotation is off")));
    });
});
