import { strict as assert } from "assert";
import type { Analysis, PolicyInfo } from "../../engine/driver";
import type { EngineResource } from "../../engine/resource";
import { buildReport } from "../../cli/report";
import { exemptReason } from "../../policies/outcomes";
import { renderHtml } from "../../cli/formats/html";
import { renderMarkdown } from "../../cli/formats/markdown";
import type { LoadedTarget } from "../../cli/targets";
import { target } from "./run-cli";

/** Control statuses from what the engine protocol returns, without running the pack. */

const urn = (name: string) => `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`;
const resource = (name: string): EngineResource => ({ type: "aws:s3/bucket:Bucket", name, urn: urn(name), custom: true, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} });

function policy(name: string): PolicyInfo {
    return {
        name,
        displayName: `${name} title`,
        description: `${name} description`,
        enforcementLevel: "mandatory",
        severity: "high",
        remediationSteps: `${name} fix`,
        url: "",
        tags: ["encryption-at-rest"],
        framework: { name: "HIPAA", version: "", reference: "164.312(a)(2)(iv)", specification: "" },
        type: "resource",
    };
}

const names = ["fails", "unverified", "exempted", "not-applicable", "passes", "disabled"];
const loaded: LoadedTarget = { kind: "stack-export", path: target("stack-export-encrypted.json"), project: "p", stack: "dev", resources: [resource("a"), resource("b")] };
const diagnostic = (policyName: string, message: string, on: string) => ({
    policyName,
    policyPackName: "phi-guard",
    policyPackVersion: "0.1.0",
    description: "",
    message,
    enforcementLevel: "mandatory" as const,
    severity: "high" as const,
    urn: urn(on),
});
const analysis: Analysis = {
    pack: { name: "phi-guard", version: "0.1.0", policies: names.map(policy) },
    config: Object.fromEntries(names.map((n) => [n, { enforcementLevel: n === "disabled" ? "disabled" : "mandatory", properties: {} }])),
    diagnostics: [
        diagnostic("fails", "bad at x: fix it", "a"),
        { ...diagnostic("unverified", "could not verify x during preview: ...", "a"), enforcementLevel: "advisory" },
    ],
    notApplicable: [
        {
            policyName: "exempted",
            urn: urn("a"),
            reason: exemptReason([{ urn: urn("a"), until: "2027-01-31", source: "exemption SEC-42 in the policy config, approved by the privacy officer", reason: "ticket SEC-42" }]),
        },
        { policyName: "not-applicable", urn: urn("a"), reason: "no PHI" },
        { policyName: "not-applicable", urn: urn("b"), reason: "no PHI" },
        { policyName: "passes", urn: urn("b"), reason: "no PHI" },
    ],
    remediations: [],
};

describe("scan report: control statuses", () => {
    const report = buildReport(loaded, analysis, "");
    const status = Object.fromEntries(report.controls.map((c) => [c.id, c.status]));

    it("gives each control its status: fail, could not verify, exempt, not applicable, pass, disabled", () => {
        assert.deepEqual(status, { fails: "fail", unverified: "unverified", exempted: "exempt", "not-applicable": "not-applicable", passes: "pass", disabled: "disabled" });
    });

    it("lists the resources behind each status with the message or reason", () => {
        const exempted = report.controls.find((c) => c.id === "exempted")!;
        assert.deepEqual(exempted.resources, [
            { urn: urn("a"), type: "aws:s3/bucket:Bucket", name: "a", outcome: "exempt", detail: "exempt until 2027-01-31: ticket SEC-42 (exemption SEC-42 in the policy config, approved by the privacy officer)" },
        ]);
    });

    it("html shows an exempt control and its reason", () => {
        const html = renderHtml(report);
        assert.match(html, /<tr id="control-exempted" class="control" data-status="exempt">[\s\S]*?<span class="status status-exempt">exempt<\/span> <strong>a<\/strong>[\s\S]*?exempt until 2027-01-31: ticket SEC-42 \(exemption SEC-42/);
        assert.match(html, /<tr id="control-not-applicable" class="control" data-status="not-applicable">/);
    });

    it("markdown lists every control under its HIPAA section with its status", () => {
        assert.match(renderMarkdown(report), /fails \(fail\)<br>unverified \(could not verify\)<br>exempted \(exempt\)<br>not-applicable \(not applicable\)<br>passes \(pass\)<br>disabled \(disabled\)/);
    });
});

describe("scan report: pass only where a control judged something", () => {
    // Two S3 buckets and nothing else: what the real controls judge decides between pass and not applicable.
    const ids = ["aws-s3-versioning-logging", "aws-s3-public-access", "az-rbac-scope", "az-storage-public", "aws-vpc-flow-logs"];
    const report = buildReport(loaded, { pack: { name: "phi-guard", version: "0.1.0", policies: ids.map(policy) }, config: {}, diagnostics: [], notApplicable: [], remediations: [] }, "");
    const status = Object.fromEntries(report.controls.map((c) => [c.id, c.status]));

    it("passes a control that judged a resource of its types and found nothing", () => {
        assert.equal(status["aws-s3-versioning-logging"], "pass");
        assert.equal(status["aws-s3-public-access"], "pass");
    });

    it("calls a control with no resource of the types it judges not applicable, never pass", () => {
        assert.equal(status["az-rbac-scope"], "not-applicable");
        assert.equal(status["az-storage-public"], "not-applicable");
        assert.equal(status["aws-vpc-flow-logs"], "not-applicable");
    });
});
