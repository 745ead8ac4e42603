import { noFindingsLine, notExaminedText } from "../not-examined";
import { OUTCOME_MEANINGS } from "../../policies/outcomes";
import { sha256, type AffectedResource, type ControlStatus, type ControlSummary, type ScanReport } from "../report";
import { bySeverity, counted, hipaaIndex, SEVERITY_ORDER, STATUS_LABEL, STATUS_ORDER, statusCounts } from "./sections";

/**
 * A self-contained evidence report for auditors: one HTML file with inline CSS and no scripts or
 * external assets (the Content-Security-Policy forbids them), which shows what was scanned (pack,
 * config and target hashes, time), every control's outcome with the resources it concerns, and a
 * HIPAA section index. All text from the scan is escaped.
 */

export function esc(text: string | number): string {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

// Fixed table layouts with set column widths, and every token (URNs, types, hashes, citations,
// statuses) allowed to break where it would not fit, so that the report fits a 1,024 px window and
// an A4 page whatever fonts the reader has (checked in Chromium by test/cli/html.test.ts). Nothing
// is white-space: nowrap: with a wider font than ours, it would be cut off instead of wrapped.
const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
dl.facts, dl.legend { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd, dl.legend dd { margin: 0; overflow-wrap: anywhere; }
code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; table-layout: fixed; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f6f8fa; }
col.col-status { width: 9em; }
col.col-control { width: 32%; }
col.col-section { width: 11em; }
col.col-standard { width: 30%; }
.meta { font-size: .85em; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-weight: 600; font-size: .85em; }
.status-fail { background: #ffebe9; color: #a40e26; }
.status-unverified { background: #fff8c5; color: #7d4e00; }
.status-exempt { background: #ddf4ff; color: #0a3069; }
.status-not-applicable, .status-not-examined, .status-disabled { background: #eaeef2; color: #424a53; }
.status-remediated { background: #fbefff; color: #6e3a8a; }
.status-pass { background: #dafbe1; color: #116329; }
ul.resources { margin: 0; padding-left: 1.1rem; }
ul.resources li { break-inside: avoid; }
.muted { color: #59636e; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; padding: 0; }
  a { color: inherit; }
}
`;

const EMPTY_SHA256 = sha256("");

const badge = (status: ControlSummary["status"] | AffectedResource["outcome"]) => `<span class="status status-${status}">${esc(STATUS_LABEL[status])}</span>`;

function facts(report: ScanReport): string {
    const rows: [string, string][] = [
        ["Policy pack", `${esc(report.pack.name)} ${esc(report.pack.version)}`],
        ["Target", `<code>${esc(report.target.path)}</code> (${esc(report.target.kind)})`],
        ["Project / stack", `${esc(report.target.project)} / ${esc(report.target.stack)}`],
        ["Target SHA-256", `<span class="hash">${esc(report.target.sha256)}</span>`],
        ["Config SHA-256", `<span class="hash">${esc(report.configSha256)}</span>${report.configSha256 === EMPTY_SHA256 ? ' <span class="muted">(no --config: every control at its default)</span>' : ""}`],
        ["Scanned at", `<time datetime="${esc(report.time)}">${esc(report.time)}</time>`],
        ["Exemptions judged as of", `${esc(report.asOf.date)}${report.asOf.pinned ? ' <span class="muted">(pinned with --as-of)</span>' : ""}`],
        ["Resources scanned", esc(report.resources)],
        ["Resources a control examined", esc(report.examined)],
    ];
    return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

const STATUS_MEANING: Record<ControlStatus, string> = { ...OUTCOME_MEANINGS, disabled: "the policy config turned the control off, so it did not run" };

function summary(report: ScanReport): string {
    const statuses = statusCounts(report);
    const severities = SEVERITY_ORDER.filter((s) => report.summary.bySeverity[s]).map((s) => `${esc(report.summary.bySeverity[s])} ${esc(s || "unrated")}`);
    const legend = statuses.map(([s]) => `<dt>${badge(s)}</dt><dd>${esc(STATUS_MEANING[s])}</dd>`);
    return [
        `<p>${counted(report.controls.length, "control")}: ${statuses.map(([s, n]) => `${n} ${badge(s)}`).join(", ")}.</p>`,
        `<dl class="legend">${legend.join("")}</dl>`,
        report.violations.length === 0 ? `<p>${esc(noFindingsLine(report.examined, report.notExamined))}</p>` : `<p>${counted(report.violations.length, "finding")}${severities.length ? ` (${severities.join(", ")})` : ""}.</p>`,
    ].join("\n");
}

function notExamined(report: ScanReport): string {
    if (report.notExamined.length === 0) return "";
    const items = report.notExamined.map((n) => `<li>${esc(notExaminedText(n))}</li>`).join("");
    return `<section aria-labelledby="not-examined"><h2 id="not-examined">Not examined</h2>\n<p>No control could judge these.</p><ul class="resources">${items}</ul>\n</section>`;
}

function resourceList(control: ControlSummary): string {
    const resources = control.resources;
    if (resources.length === 0) return `<span class="muted">${control.status === "not-applicable" ? "no resource of a type it judges" : "none"}</span>`;
    const items = resources.map(
        (r) => `<li>${badge(r.outcome)} <strong>${esc(r.name || r.urn || "the stack")}</strong>${r.type ? ` <span class="muted">${esc(r.type)}</span>` : ""}<br>${esc(r.detail)}</li>`,
    );
    return `<ul class="resources">${items.join("")}</ul>`;
}

function controlsTable(report: ScanReport): string {
    const rank = (c: ControlSummary) => STATUS_ORDER.indexOf(c.status);
    const controls = bySeverity(report.controls).sort((a, b) => rank(a) - rank(b));
    const rows = controls.map(
        (c) =>
            `<tr id="control-${esc(c.id)}" class="control" data-status="${esc(c.status)}">` +
            `<td>${badge(c.status)}</td>` +
            `<td><code>${esc(c.id)}</code><br>${esc(c.title)}<br><span class="meta muted">${esc(c.category)} · ${esc(c.severity)} · ${esc(c.enforcementLevel)}</span></td>` +
            `<td>${c.hipaa.map((h) => esc(h)).join("<br>")}</td>` +
            `<td>${resourceList(c)}</td></tr>`,
    );
    const columns = `<colgroup><col class="col-status"><col class="col-control"><col class="col-section"><col></colgroup>`;
    return `<table class="controls">${columns}<thead><tr><th>Status</th><th>Control</th><th>HIPAA</th><th>Affected resources</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function sectionIndex(report: ScanReport): string {
    const rows = hipaaIndex(report).map(
        (e) =>
            `<tr><td>${esc(e.section)}</td><td>${esc(e.title)}</td><td>${e.controls
                .map((c) => `<a href="#control-${esc(c.id)}"><code>${esc(c.id)}</code></a> ${badge(c.status)}`)
                .join("<br>")}</td></tr>`,
    );
    return `<table class="hipaa"><colgroup><col class="col-section"><col class="col-standard"><col></colgroup><thead><tr><th>Section (45 CFR)</th><th>Standard</th><th>Controls</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

export function renderHtml(report: ScanReport): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.pack.name)} evidence report: ${esc(report.target.project)}/${esc(report.target.stack)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>HIPAA guardrail evidence report</h1>
<p class="muted">${esc(report.pack.name)} ${esc(report.pack.version)} checked ${esc(report.target.project)}/${esc(report.target.stack)} against the HIPAA Security Rule (45 CFR Part 164) insider-threat controls.</p>
</header>
<main>
<section aria-labelledby="scan"><h2 id="scan">Scan</h2>
${facts(report)}
</section>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
${summary(report)}
</section>
${notExamined(report)}
<section aria-labelledby="controls"><h2 id="controls">Controls</h2>
${controlsTable(report)}
</section>
<section aria-labelledby="hipaa"><h2 id="hipaa">HIPAA section index</h2>
${sectionIndex(report)}
</section>
</main>
</body>
</html>
`;
}
