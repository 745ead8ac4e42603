import type { ScanReport } from "../report";

/** The machine-readable report: one object, as documented in the README. */
export function renderJson(report: ScanReport): string {
    const { pack, target, resources, examined, violations, notApplicable, notExamined, summary, asOf, controls } = report;
    return `${JSON.stringify(
        {
            pack,
            target: target.path,
            asOf,
            resources,
            // Resources at least one enabled control examines; notExamined lists the others by type.
            examined,
            violations: violations.map((v) => ({
                policyName: v.policyName,
                category: v.category,
                severity: v.severity,
                enforcementLevel: v.enforcementLevel,
                urn: v.urn,
                resourceType: v.resourceType,
                message: v.message,
                hipaa: v.hipaa,
                remediation: v.remediation,
            })),
            notApplicable,
            notExamined,
            summary,
            // Each control's outcome over the whole target, keyed as in policies/outcomes.ts (or "disabled").
            controls: controls.map((c) => ({ id: c.id, status: c.status, enforcementLevel: c.enforcementLevel })),
        },
        null,
        2,
    )}\n`;
}
