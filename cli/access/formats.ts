import type { AccessReport, PathEntry } from "./report";

/** The report as one JSON object (the shape of AccessReport). */
export const renderAccessJson = (report: AccessReport): string => `${JSON.stringify(report, null, 2)}\n`;

const marks = (p: PathEntry): string => [p.principal.human ? "person" : "", p.principal.external ? "EXTERNAL" : "", p.unverified ? "unverified" : ""].filter(Boolean).join(", ");

/** The report for a terminal: each store, then each principal's access and chain. */
export function renderAccessTable(report: AccessReport): string {
    const lines = [`phi-guard access: ${report.target.path} (${report.target.kind}, stack ${report.target.stack})`, `access shown: ${report.access.join(", ")}`, ""];
    for (const store of report.stores) {
        lines.push(`${store.name} (${store.type})`);
        if (store.paths.length === 0) lines.push("  nobody in the stack reaches it");
        for (const p of store.paths) {
            const flags = marks(p);
            lines.push(`  ${p.access.padEnd(10)} ${p.principal.name}${flags ? ` [${flags}]` : ""}, ${p.hops} step${p.hops === 1 ? "" : "s"}`);
            lines.push(`             ${p.chain}`);
        }
        lines.push("");
    }
    if (report.notRead.length > 0) {
        lines.push("not read (rights unknown at preview or outside the stack; they may add paths):");
        for (const n of report.notRead) lines.push(`  ${n}`);
        lines.push("");
    }
    const s = report.summary;
    lines.push(`${s.stores} PHI store${s.stores === 1 ? "" : "s"}, ${s.paths} path${s.paths === 1 ? "" : "s"} (${s.unverified} unverified) from ${s.principals} principal${s.principals === 1 ? "" : "s"}: ${s.humans} ${s.humans === 1 ? "person" : "people"}, ${s.external} outside the organisation`);
    return `${lines.join("\n")}\n`;
}
