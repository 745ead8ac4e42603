import { sha256, type AffectedResource, type ControlSummary, type ScanReport } from "../report";
import { bySeverity, hipaaIndex, SEVERITY_ORDER, STATUS_LABEL, STATUS_ORDER } from "./sections";

/**
 * A self-contained evidence report for auditors: one HTML file with inline CSS and no scripts or
 * external assets (the Content-Security-Policy forbids them), which shows what was scanned (pack,
 * config and target hashes, time), every control's outcome with the resources it concerns, and a
 * HIPAA section index. All text from the scan is escaped.
 */

export function esc(text: string | number): string {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.controls td:first-child { min-width: 12rem; }
table.controls td:last-child { min-width: 24rem; }
.nowrap { white-space: nowrap; }
th { background: #f6f8fa; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-weight: 600; font-size: .85em; white-space: nowrap; }
.status-fail { background: #ffebe9; color: #a40e26; }
.status-unverified { background: #fff8c5; color: #7d4e00; }
.status-exempt { background: #ddf4ff; color: #0a3069; }
.status-not-applicable, .status-disabled { background: #eaeef2; color: #424a53; }
.status-pass { background: #dafbe1; color: #116329; }
ul.resources { margin: 0; padding-left: 1.1rem; overflow-wrap: anywhere; }
.muted { color: #59636e; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
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
    ];
    return `<dl class="facts">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

function summary(report: ScanReport): string {
    const statusCounts = STATUS_ORDER.map((s) => [s, report.controls.filter((c) => c.status === s).length] as const).filter(([, n]) => n > 0);
    const severities = SEVERITY_ORDER.filter((s) => report.summary.bySeverity[s]).map((s) => `${esc(report.summary.bySeverity[s])} ${esc(s || "unrated")}`);
    return [
        `<p>${report.controls.length} controls: ${statusCounts.map(([s, n]) => `${n} ${badge(s)}`).join(", ")}.</p>`,
        `<p>${report.violations.length} findings${severities.length ? ` (${severities.join(", ")})` : ""}.</p>`,
    ].join("\n");
}

function resourceList(resources: AffectedResource[]): string {
    if (resources.length === 0) return `<span class="muted">none</span>`;
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
            `<td><code>${esc(c.id)}</code><br>${esc(c.title)}</td>` +
            `<td>${esc(c.category)}</td><td>${esc(c.severity)}</td><td>${esc(c.enforcementLevel)}</td>` +
            `<td class="nowrap">${c.hipaa.map(esc).join("<br>")}</td>` +
            `<td>${badge(c.status)}</td>` +
            `<td>${resourceList(c.resources)}</td></tr>`,
    );
    return `<table class="controls"><thead><tr><th>Control</th><th>Category</th><th>Severity</th><th>Enforcement</th><th>HIPAA</th><th>Status</th><th>Affected resources</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function sectionIndex(report: ScanReport): string {
    const rows = hipaaIndex(report).map(
        (e) =>
            `<tr><td class="nowrap">${esc(e.section)}</td><td>${esc(e.title)}</td><td>${e.controls
                .map((c) => `<a href="#control-${esc(c.id)}"><code>${esc(c.id)}</code></a> ${badge(c.status)}`)
                .join("<br>")}</td></tr>`,
    );
    return `<table class="hipaa"><thead><tr><th>Section (45 CFR)</th><th>Standard</th><th>Controls</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`;
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
