import * as path from "path";
import { noFindingsLine, notExaminedText } from "../not-examined";
import { exemptionText, type Exemption, type Finding, type ScanReport } from "../report";
import { counted, STATUS_LABEL, statusCounts } from "./sections";

const WIDTH = 80;

/** Wraps text to the terminal width with a hanging indent. */
function wrap(text: string, indent: string): string[] {
    const lines: string[] = [];
    let line = indent;
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line.length + word.length + 1 > WIDTH && line.trim() !== "") {
            lines.push(line.trimEnd());
            line = indent;
        }
        line += (line.trim() === "" ? "" : " ") + word;
    }
    if (line.trim() !== "") lines.push(line.trimEnd());
    return lines;
}

const LEVEL_MARK: Record<string, string> = { mandatory: "MANDATORY", advisory: "advisory", remediate: "MANDATORY", disabled: "disabled" };

const resourceLine = (r: Finding | Exemption) =>
    wrap(`${r.resourceType}::${r.resourceName || r.urn}${r.location ? ` (${path.relative(process.cwd(), r.location.file)}:${r.location.line})` : ""}`, "    ");

function finding(v: Finding): string[] {
    return [
        ...wrap(`${LEVEL_MARK[v.enforcementLevel] ?? v.enforcementLevel} ${v.severity} ${v.policyName}`, "  "),
        ...resourceLine(v),
        ...wrap(v.message, "    "),
        ...wrap(`HIPAA ${v.hipaa.join(", ")}`, "    "),
    ];
}

function exemption(e: Exemption): string[] {
    return [...wrap(`exempt ${e.policyName}`, "  "), ...resourceLine(e), ...wrap(exemptionText(e), "    ")];
}

/** Heading of a group; the settings policy's findings (tags it cannot honour) have no control category. */
function heading(title: string): string[] {
    return ["", title, "-".repeat(Math.min(WIDTH, title.length))];
}

/** Findings grouped by category, readable in an 80-column terminal. */
export function renderTable(report: ScanReport): string {
    const exempt = report.exemptions.length > 0 ? `, ${report.exemptions.length} exempt` : "";
    const asOf = report.asOf.pinned ? `; exemptions judged as of ${report.asOf.date} (--as-of)` : "";
    const out = [`${report.target.path}: ${counted(report.resources, "resource")}, ${counted(report.violations.length, "finding")}${exempt} (${report.pack.name} ${report.pack.version}${asOf})`];
    const categories = [...new Set(report.violations.map((v) => v.category))].sort();
    for (const category of categories) {
        out.push(...heading(category || "pack-wide settings"));
        for (const v of report.violations.filter((x) => x.category === category)) out.push(...finding(v), "");
    }
    if (report.exemptions.length > 0) {
        out.push(...heading("exemptions"));
        for (const e of report.exemptions) out.push(...exemption(e), "");
    }
    const levels = Object.entries(report.summary.byEnforcementLevel).map(([k, n]) => `${n} ${k}`).join(", ");
    out.push(report.violations.length === 0 ? noFindingsLine(report.examined, report.notExamined) : `Summary: ${levels}.`);
    out.push(`Controls: ${statusCounts(report).map(([s, n]) => `${n} ${STATUS_LABEL[s]}`).join(", ")}.`);
    if (report.notExamined.length > 0) {
        out.push("", `Not examined (${report.notExamined.length}):`);
        for (const n of report.notExamined) out.push(...wrap(notExaminedText(n), "  "));
    }
    return `${out.join("\n")}\n`;
}
