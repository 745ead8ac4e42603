import * as path from "path";
import type { Finding, ScanReport } from "../report";

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

function finding(v: Finding): string[] {
    return [
        ...wrap(`${LEVEL_MARK[v.enforcementLevel] ?? v.enforcementLevel} ${v.severity} ${v.policyName}`, "  "),
        ...wrap(`${v.resourceType}::${v.resourceName || v.urn}${v.location ? ` (${path.relative(process.cwd(), v.location.file)}:${v.location.line})` : ""}`, "    "),
        ...wrap(v.message, "    "),
        ...wrap(`HIPAA ${v.hipaa.join(", ")}`, "    "),
    ];
}

/** Findings grouped by category, readable in an 80-column terminal. */
export function renderTable(report: ScanReport): string {
    const out = [`${report.target.path}: ${report.resources} resources, ${report.violations.length} findings (${report.pack.name} ${report.pack.version})`];
    const categories = [...new Set(report.violations.map((v) => v.category))].sort();
    for (const category of categories) {
        out.push("", `${category}`, "-".repeat(Math.min(WIDTH, category.length)));
        for (const v of report.violations.filter((x) => x.category === category)) out.push(...finding(v), "");
    }
    const levels = Object.entries(report.summary.byEnforcementLevel).map(([k, n]) => `${n} ${k}`).join(", ");
    out.push(report.violations.length === 0 ? "No findings." : `Summary: ${levels}.`);
    return `${out.join("\n")}\n`;
}
