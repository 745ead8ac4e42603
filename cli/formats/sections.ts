import { HIPAA_SECTIONS } from "../../policies/lib/hipaa";
import { OUTCOME_LABELS, OUTCOME_ORDER } from "../../policies/outcomes";
import type { ControlStatus, ControlSummary, ScanReport } from "../report";

/** Severities and statuses in the order a reader triages them. */
export const SEVERITY_ORDER = ["critical", "high", "medium", "low", ""];
export const STATUS_ORDER: readonly ControlStatus[] = [...OUTCOME_ORDER, "disabled"];

export const STATUS_LABEL: Record<ControlStatus, string> = { ...OUTCOME_LABELS, disabled: "disabled" };

export const sectionTitle = (section: string) => (HIPAA_SECTIONS as Record<string, string>)[section] ?? "";

export interface SectionEntry {
    section: string;
    title: string;
    controls: ControlSummary[];
}

/** HIPAA section -> the controls that cite it, in section order. */
export function hipaaIndex(report: ScanReport): SectionEntry[] {
    const bySection = new Map<string, ControlSummary[]>();
    for (const c of report.controls) for (const s of c.hipaa) bySection.set(s, [...(bySection.get(s) ?? []), c]);
    const known = Object.keys(HIPAA_SECTIONS);
    const rank = (s: string) => (known.includes(s) ? known.indexOf(s) : known.length);
    return [...bySection.keys()]
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
        .map((section) => ({ section, title: sectionTitle(section), controls: bySection.get(section)! }));
}

export function bySeverity<T extends { severity: string }>(items: T[]): T[] {
    const rank = (s: string) => (SEVERITY_ORDER.includes(s) ? SEVERITY_ORDER.indexOf(s) : SEVERITY_ORDER.length);
    return [...items].sort((a, b) => rank(a.severity) - rank(b.severity));
}

/** "1 finding", "2 findings": every noun the reports count takes an s. */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** How many controls reached each status, in triage order, statuses no control reached left out. */
export function statusCounts(report: ScanReport): [ControlStatus, number][] {
    return STATUS_ORDER.map((s) => [s, report.controls.filter((c) => c.status === s).length] as [ControlStatus, number]).filter(([, n]) => n > 0);
}
