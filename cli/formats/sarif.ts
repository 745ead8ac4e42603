import { pathToFileURL } from "url";
import * as path from "path";
import type * as sarif from "sarif";
import { ControlSummary, Exemption, Finding, isUnverified, ScanReport, sha256 } from "../report";
import { notExaminedText } from "../not-examined";

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per control (help text, HIPAA tags and a
 * security-severity, which code scanning uses to rank alerts) and one result per finding, located
 * where the resource is declared when the target is a program, else at the target file.
 */

const SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT = "%SRCROOT%";

/** Code scanning ranks security alerts by this score (0.1 to 10) rather than by level. */
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function level(enforcement: string): sarif.ReportingConfiguration.level {
    return enforcement === "advisory" ? "warning" : enforcement === "disabled" ? "none" : "error";
}

const ruleName = (id: string) => id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");

function rule(c: ControlSummary): sarif.ReportingDescriptor {
    const hipaa = c.hipaa.join(", ");
    return {
        id: c.id,
        name: ruleName(c.id),
        shortDescription: { text: c.title },
        fullDescription: { text: c.description || c.title },
        ...(c.url ? { helpUri: c.url } : {}),
        help: {
            text: `${c.description}\n\nRemediation: ${c.remediation}\n\nHIPAA Security Rule: ${hipaa}`,
            markdown: `${c.description}\n\n**Remediation:** ${c.remediation}\n\n**HIPAA Security Rule (45 CFR):** ${hipaa}`,
        },
        defaultConfiguration: { level: level(c.enforcementLevel), enabled: c.enforcementLevel !== "disabled" },
        properties: {
            tags: ["security", "hipaa", c.category, ...c.hipaa.map((s) => `HIPAA-${s}`)].filter(Boolean),
            precision: "high",
            "security-severity": SECURITY_SEVERITY[c.severity] ?? "5.0",
        },
    };
}

/** A path relative to the working directory (the repository root in CI), else an absolute file URI. */
function artifact(file: string): sarif.ArtifactLocation {
    const relative = path.relative(process.cwd(), path.resolve(file));
    if (relative.startsWith("..") || path.isAbsolute(relative)) return { uri: pathToFileURL(path.resolve(file)).href };
    return { uri: relative.split(path.sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

/** Findings without a declaration (stack-level ones) point at the project file or the target file. */
function targetFile(report: ScanReport): string {
    return report.target.kind === "program" || report.target.kind === "yaml-program" ? path.join(report.target.path, "Pulumi.yaml") : report.target.path;
}

/** Where a finding or an exemption sits: the resource's declaration, else the project or target file. */
function located(v: Finding | Exemption, report: ScanReport): Pick<sarif.Result, "ruleId" | "locations" | "partialFingerprints"> {
    const physicalLocation: sarif.PhysicalLocation = v.location
        ? { artifactLocation: artifact(v.location.file), region: { startLine: Math.max(1, v.location.line) } }
        : { artifactLocation: artifact(targetFile(report)), region: { startLine: 1 } };
    return {
        ruleId: v.policyName,
        locations: [
            {
                physicalLocation,
                logicalLocations: v.urn ? [{ name: v.resourceName || v.urn, fullyQualifiedName: v.urn, kind: "resource" }] : undefined,
            },
        ],
        // A finding is the same finding while its control and resource are: line moves do not reopen it, and its exemption suppresses that same alert.
        partialFingerprints: { "phiGuardFinding/v1": sha256(`${v.policyName}\0${v.urn}`) },
    };
}

const withRule = (ruleIndex: number | undefined) => (ruleIndex === undefined ? {} : { ruleIndex });

function result(v: Finding, ruleIndex: number | undefined, report: ScanReport): sarif.Result {
    return {
        ...located(v, report),
        ...withRule(ruleIndex),
        // Could-not-verify is a note unless the control failed closed on it.
        level: isUnverified(v) && v.enforcementLevel === "advisory" ? "note" : level(v.enforcementLevel),
        message: { text: `${v.resourceType}::${v.resourceName || v.urn}: ${v.message}` },
        properties: { enforcementLevel: v.enforcementLevel, category: v.category, severity: v.severity, hipaa: v.hipaa },
    };
}

/**
 * An exempted finding: a result with an accepted suppression whose justification is the reason,
 * expiry and grantor. A self-service tag sits in the program's source; every other exemption is
 * granted in the policy config, outside it.
 */
function suppressed(e: Exemption, control: ControlSummary | undefined, ruleIndex: number | undefined, report: ScanReport): sarif.Result {
    return {
        ...located(e, report),
        ...withRule(ruleIndex),
        level: level(control?.enforcementLevel ?? "mandatory"),
        message: { text: `${e.resourceType}::${e.resourceName || e.urn}: exempt until ${e.until}: ${e.reason} (${e.source})` },
        suppressions: [{ kind: e.source.startsWith("self-service") ? "inSource" : "external", status: "accepted", justification: `${e.reason} (until ${e.until}; ${e.source})` }],
        properties: { category: control?.category, severity: control?.severity, hipaa: control?.hipaa, exemption: { until: e.until, source: e.source } },
    };
}

export function sarifLog(report: ScanReport): sarif.Log {
    const index = new Map(report.controls.map((c, i) => [c.id, i]));
    return {
        $schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: report.pack.name,
                        version: report.pack.version,
                        semanticVersion: report.pack.version,
                        informationUri: "https://github.com/phi-guard/phi-guard",
                        rules: report.controls.map(rule),
                    },
                },
                // Code scanning keeps one set of alerts per category: one per project and stack.
                automationDetails: { id: `phi-guard/${report.target.project}/${report.target.stack}/` },
                // Left without a uri: the consumer (code scanning: the repository root) supplies it.
                originalUriBaseIds: { [SRCROOT]: { description: { text: "The directory phi-guard scan ran in." } } },
                invocations: [
                    {
                        executionSuccessful: true,
                        endTimeUtc: report.time,
                        // What no control could judge, so a clean result is not read as a clean target.
                        toolExecutionNotifications: report.notExamined.map((n) => ({
                            level: "warning" as const,
                            message: { text: `not examined: ${notExaminedText(n)}` },
                            ...(n.urn ? { locations: [{ logicalLocations: [{ fullyQualifiedName: n.urn, kind: "resource" }] }] } : {}),
                        })),
                    },
                ],
                results: [
                    ...report.violations.map((v) => result(v, index.get(v.policyName), report)),
                    ...report.exemptions.map((e) => suppressed(e, report.controls[index.get(e.policyName) ?? -1], index.get(e.policyName), report)),
                ],
                properties: { targetSha256: report.target.sha256, configSha256: report.configSha256, resources: report.resources, exemptionsJudgedAsOf: report.asOf.date },
            },
        ],
    };
}

export function renderSarif(report: ScanReport): string {
    return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}
