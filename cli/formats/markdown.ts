import * as path from "path";
import { noFindingsLine, notExaminedText } from "../not-examined";
import { hasMandatoryViolation, isUnverified, type Exemption, type Finding, type ScanReport } from "../report";
import { bySeverity, counted, hipaaIndex, SEVERITY_ORDER, STATUS_LABEL } from "./sections";

/**
 * A pull-request comment: verdict, counts by severity and category, a table of findings, and the
 * remediation and HIPAA sections folded away. Every piece of text from the scan is escaped, so a
 * resource name cannot break the table, inject HTML or mention a user.
 */

/** Escapes text for a GitHub-flavoured Markdown table cell or paragraph. */
export function md(text: string): string {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/@/g, "&#64;")
        // Brackets are escaped, so parentheses cannot form a link; the rest is emphasis and tables.
        .replace(/([\\`*_[\]|~])/g, "\\$1")
        .replace(/\r?\n/g, "<br>");
}

const LEVEL_LABEL: Record<string, string> = { mandatory: "mandatory", remediate: "mandatory", advisory: "advisory" };

function where(v: Finding | Exemption): string {
    return v.location ? md(`${path.relative(process.cwd(), v.location.file)}:${v.location.line}`) : "";
}

function countTable(title: string, counts: Record<string, number>, order: string[] = []): string[] {
    const keys = Object.keys(counts).sort((a, b) => {
        const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
        return rank(a) - rank(b) || a.localeCompare(b);
    });
    if (keys.length === 0) return [];
    return [`| ${title} | Findings |`, "| --- | ---: |", ...keys.map((k) => `| ${md(k || "unrated")} | ${counts[k]} |`), ""];
}

function findingsTable(findings: Finding[]): string[] {
    if (findings.length === 0) return [];
    return [
        "| Level | Severity | Control | Resource | Declared at | Finding |",
        "| --- | --- | --- | --- | --- | --- |",
        ...bySeverity(findings).map(
            (v) =>
                `| ${isUnverified(v) ? "could not verify" : (LEVEL_LABEL[v.enforcementLevel] ?? md(v.enforcementLevel))} | ${md(v.severity)} | ${md(v.policyName)} | ${md(
                    v.resourceName || v.urn,
                )}<br><sub>${md(v.resourceType)}</sub> | ${where(v)} | ${md(v.message)} |`,
        ),
        "",
    ];
}

function exemptionsTable(exemptions: Exemption[]): string[] {
    if (exemptions.length === 0) return [];
    return [
        `#### ${exemptions.length} exemption${exemptions.length === 1 ? "" : "s"}`,
        "",
        "| Control | Resource | Declared at | Reason | Expires | Granted by |",
        "| --- | --- | --- | --- | --- | --- |",
        ...exemptions.map(
            (e) => `| ${md(e.policyName)} | ${md(e.resourceName || e.urn)}<br><sub>${md(e.resourceType)}</sub> | ${where(e)} | ${md(e.reason)} | ${md(e.until)} | ${md(e.source)} |`,
        ),
        "",
    ];
}

function notExamined(report: ScanReport): string[] {
    if (report.notExamined.length === 0) return [];
    return [`**Not examined** (${report.notExamined.length}): no control could judge these.`, "", ...report.notExamined.map((n) => `- ${md(notExaminedText(n))}`), ""];
}

function remediation(report: ScanReport): string[] {
    const ids = new Set(report.violations.map((v) => v.policyName));
    const controls = bySeverity(report.controls.filter((c) => ids.has(c.id)));
    if (controls.length === 0) return [];
    return [
        "<details><summary>How to fix</summary>",
        "",
        ...controls.map((c) => `- **${md(c.id)}** (${md(c.title)}): ${md(c.remediation)}${c.url ? ` [Details](${encodeURI(c.url)})` : ""}`),
        "",
        "</details>",
        "",
    ];
}

function sections(report: ScanReport): string[] {
    const index = hipaaIndex(report);
    if (index.length === 0) return [];
    return [
        "<details><summary>HIPAA Security Rule sections (45 CFR 164)</summary>",
        "",
        "| Section | Standard | Controls |",
        "| --- | --- | --- |",
        ...index.map((e) => `| ${md(e.section)} | ${md(e.title)} | ${e.controls.map((c) => `${md(c.id)} (${STATUS_LABEL[c.status]})`).join("<br>")} |`),
        "",
        "</details>",
        "",
    ];
}

export function renderMarkdown(report: ScanReport): string {
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate").length;
    const verdict = hasMandatoryViolation(report)
        ? `:x: **${counted(mandatory, "mandatory violation")}** must be fixed before this change is deployed.`
        : report.violations.length > 0
          ? ":warning: No mandatory violations; advisory findings below."
          : report.notExamined.length > 0
            ? `:grey_question: ${noFindingsLine(report.examined, report.notExamined)}`
            : ":white_check_mark: No findings.";
    const lines = [
        `### phi-guard: ${counted(report.violations.length, "finding")} in ${md(report.target.path)}`,
        "",
        verdict,
        "",
        `Scanned ${counted(report.resources, "resource")} of ${md(report.target.project)}/${md(report.target.stack)} (${md(report.target.kind)}) against ${counted(report.controls.length, "control")}.`,
        "",
        ...countTable("Severity", report.summary.bySeverity, SEVERITY_ORDER),
        ...countTable("Category", report.summary.byCategory),
        ...findingsTable(report.violations),
        ...exemptionsTable(report.exemptions),
        ...notExamined(report),
        ...remediation(report),
        ...sections(report),
        `<sub>${md(report.pack.name)} ${md(report.pack.version)} · target sha256 ${report.target.sha256.slice(0, 12)} · config sha256 ${report.configSha256.slice(0, 12)} · ${md(report.time)}${
            report.asOf.pinned ? ` · exemptions judged as of ${md(report.asOf.date)} (--as-of)` : ""
        }</sub>`,
    ];
    return `${lines.join("\n")}\n`;
}
