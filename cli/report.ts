import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CATEGORIES, judgedTypes } from "../policies/control";
import { today } from "../policies/lib/clock";
import { isExemptNotice, isExemptReason, isTypeGateReason, isUnverifiedMessage, Outcome, parseExemptReason } from "../policies/outcomes";
import { controls as CONTROLS } from "../policies/registry";
import { SETTINGS_POLICY } from "../policies/settings";
import type { Analysis, PolicyInfo } from "../engine/driver";
import type { EnforcementLevel } from "../engine/pack-config";
import type { ResourceRemediation } from "../engine/remediation";
import { EngineResource, isProvider } from "../engine/resource";
import { notExaminedList, type NotExamined } from "./not-examined";
import type { LoadedTarget } from "./targets";

/** One scan's result in the shape every report format is written from. */
export interface ScanReport {
    pack: { name: string; version: string };
    target: { path: string; kind: LoadedTarget["kind"]; project: string; stack: string; sha256: string };
    configSha256: string;
    time: string;
    /** The date exemption expiries were judged on, and whether the config pinned it (`--as-of`) rather than the clock. */
    asOf: { date: string; pinned: boolean };
    resources: number;
    /** Cloud resources (custom, not providers) of a type some control judges. */
    examined: number;
    violations: Finding[];
    notApplicable: { policyName: string; urn: string; reason: string }[];
    /** Every honoured exemption, one per control and resource. */
    exemptions: Exemption[];
    /** Resources the pack's remediations changed before Analyze (controls set to `remediate`), with what changed. */
    remediations: Remediated[];
    /** What no control could judge: values the scan cannot read, resources or children it cannot see. */
    notExamined: NotExamined[];
    summary: {
        byCategory: Record<string, number>;
        bySeverity: Record<string, number>;
        byEnforcementLevel: Record<string, number>;
    };
    controls: ControlSummary[];
}

export interface Finding {
    policyName: string;
    title: string;
    category: string;
    severity: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    resourceType: string;
    resourceName: string;
    message: string;
    hipaa: string[];
    remediation: string;
    /** Where the resource is declared: its line in the program, or in the stack export or preview file. */
    location?: { file: string; line: number };
}

export interface Remediated extends ResourceRemediation {
    resourceType: string;
    resourceName: string;
    location?: { file: string; line: number };
}

export interface Exemption {
    policyName: string;
    urn: string;
    resourceType: string;
    resourceName: string;
    /** The last day it holds. */
    until: string;
    /** Who granted it (a config exemption and its approver, or a self-service tag). */
    source: string;
    reason: string;
    /** Where the resource is declared, as for a finding. */
    location?: { file: string; line: number };
}

/**
 * A control's outcome over the whole target, most serious first: any failure, else any value it
 * could not verify, else any exempted resource, else not applicable (no resource of the types it
 * judges is in the target, or the pack said so for each of them or for the stack), else pass.
 * Disabled controls did not run.
 */
export type ControlStatus = Outcome | "disabled";

/** One resource a control reported on, and how. */
export interface AffectedResource {
    urn: string;
    type: string;
    name: string;
    outcome: Extract<Outcome, "fail" | "unverified" | "exempt" | "not-applicable" | "remediated">;
    /** The finding's message, or the reason given for an exemption or a not-applicable. */
    detail: string;
}

export interface ControlSummary {
    id: string;
    title: string;
    description: string;
    category: string;
    severity: string;
    hipaa: string[];
    remediation: string;
    url: string;
    enforcementLevel: EnforcementLevel;
    status: ControlStatus;
    resources: AffectedResource[];
}

const categoryOf = (p: PolicyInfo | undefined) => p?.tags.find((t) => t in CATEGORIES) ?? "";
const hipaaOf = (p: PolicyInfo | undefined) => (p?.framework?.reference ? p.framework.reference.split(/,\s*/) : []);

/** The runtime prefixes each violation with the policy description; reports show the finding itself. */
function findingText(message: string, description: string): string {
    return message.startsWith(`${description}\n`) ? message.slice(description.length + 1) : message;
}

export function sha256(data: string | Buffer): string {
    return createHash("sha256").update(data).digest("hex");
}

/** A target's content hash: the file itself, or every source file of a project directory. */
export function targetHash(target: string): string {
    const hash = createHash("sha256");
    if (!fs.statSync(target).isDirectory()) return hashFile(hash, target).digest("hex");
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
            if (e.name === "node_modules" || e.name.startsWith(".")) continue;
            const p = path.join(dir, e.name);
            hash.update(path.relative(target, p));
            // Links are hashed as what they name (one may dangle or lead outside); FIFOs and devices are never opened.
            if (e.isDirectory()) walk(p);
            else if (e.isSymbolicLink()) hash.update(`-> ${fs.readlinkSync(p)}`);
            else if (e.isFile()) hashFile(hash, p);
        }
    };
    walk(target);
    return hash.digest("hex");
}

/** Reads in chunks, so a file larger than a string can hold still hashes. */
function hashFile(hash: ReturnType<typeof createHash>, file: string): ReturnType<typeof createHash> {
    const fd = fs.openSync(file, "r");
    try {
        const chunk = Buffer.allocUnsafe(1 << 20);
        for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
    } finally {
        fs.closeSync(fd);
    }
    return hash;
}

const count = (items: string[]) => items.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});

export function buildReport(target: LoadedTarget, analysis: Analysis, configText: string): ScanReport {
    const policies = new Map(analysis.pack.policies.map((p) => [p.name, p]));
    const resources = new Map(target.resources.map((r) => [r.urn, r]));
    // An exemption's notice makes it visible under the Pulumi CLI; here it is listed as an exemption, not as a finding.
    const violations: Finding[] = analysis.diagnostics.filter((d) => !isExemptNotice(d.message)).map((d) => {
        const p = policies.get(d.policyName);
        const r = resources.get(d.urn);
        return {
            policyName: d.policyName,
            title: p?.displayName ?? d.policyName,
            category: categoryOf(p),
            severity: d.severity || p?.severity || "",
            enforcementLevel: d.enforcementLevel,
            urn: d.urn,
            resourceType: r?.type ?? "",
            resourceName: r?.name ?? "",
            message: findingText(d.message, d.description),
            hipaa: hipaaOf(p),
            remediation: p?.remediationSteps ?? "",
            location: r?.source,
        };
    });
    // The type gates the pack sends for Pulumi's summary: judgedUrns reads the same from the controls' types, and listing them for every resource would bury the rest.
    const notApplicable = analysis.notApplicable.filter((n) => !isTypeGateReason(n.reason)).map((n) => ({ policyName: n.policyName, urn: n.urn, reason: n.reason }));
    const exemptions: Exemption[] = notApplicable
        .filter((n) => isExemptReason(n.reason))
        .flatMap((n) => parseExemptReason(n.reason).map((e) => ({ policyName: n.policyName, ...e, resourceType: resources.get(e.urn)?.type ?? "", resourceName: resources.get(e.urn)?.name ?? "", location: resources.get(e.urn)?.source })));
    const remediations: Remediated[] = analysis.remediations.map((r) => ({ ...r, resourceType: resources.get(r.urn)?.type ?? "", resourceName: resources.get(r.urn)?.name ?? "", location: resources.get(r.urn)?.source }));
    const pinned = String(analysis.config[SETTINGS_POLICY]?.properties.asOf ?? "");
    const unjudged = unjudgedTypes(target.resources);
    return {
        pack: { name: analysis.pack.name, version: analysis.pack.version },
        target: { path: target.path, kind: target.kind, project: target.project, stack: target.stack, sha256: targetHash(target.path) },
        configSha256: sha256(configText),
        time: new Date().toISOString(),
        asOf: { date: today(pinned), pinned: pinned !== "" },
        resources: target.resources.length,
        violations,
        notApplicable,
        exemptions,
        remediations,
        examined: cloudResources(target.resources).length - unjudged.reduce((n, u) => n + (u.count ?? 0), 0),
        notExamined: [...notExaminedList(target), ...unjudged],
        summary: {
            byCategory: count(violations.map((v) => v.category)),
            bySeverity: count(violations.map((v) => v.severity)),
            byEnforcementLevel: count(violations.map((v) => v.enforcementLevel)),
        },
        controls: analysis.pack.policies.filter((p) => p.name !== SETTINGS_POLICY).map((p) => {
            const affected = affectedResources(p.name, violations, notApplicable, exemptions, remediations, resources);
            const enforcementLevel = analysis.config[p.name]?.enforcementLevel ?? p.enforcementLevel;
            return {
                id: p.name,
                title: p.displayName,
                description: p.description,
                category: categoryOf(p),
                severity: p.severity,
                hipaa: hipaaOf(p),
                remediation: p.remediationSteps,
                url: p.url,
                enforcementLevel,
                status: enforcementLevel === "disabled" ? "disabled" : controlStatus(affected, judgedUrns(p.name, target.resources)),
                resources: affected,
            };
        }),
    };
}

/** Exemptions arrive as not-applicable entries with an exemption's reason. */
export const isExemption = isExemptReason;

/** Could-not-verify reports are advisory findings in the outcome vocabulary's words. */
export const isUnverified = (f: Finding) => isUnverifiedMessage(f.message);

function affectedResources(
    policy: string,
    violations: Finding[],
    notApplicable: ScanReport["notApplicable"],
    exemptions: Exemption[],
    remediations: Remediated[],
    resources: Map<string, EngineResource>,
): AffectedResource[] {
    const describe = (urn: string) => ({ urn, type: resources.get(urn)?.type ?? "", name: resources.get(urn)?.name ?? "" });
    return [
        ...violations.filter((v) => v.policyName === policy).map((v) => ({ ...describe(v.urn), outcome: isUnverified(v) ? ("unverified" as const) : ("fail" as const), detail: v.message })),
        ...exemptions.filter((e) => e.policyName === policy).map((e) => ({ ...describe(e.urn), outcome: "exempt" as const, detail: exemptionText(e) })),
        ...remediations.filter((r) => r.policies.includes(policy)).map((r) => ({ ...describe(r.urn), outcome: "remediated" as const, detail: remediationText(r) })),
        ...notApplicable
            .filter((n) => n.policyName === policy && !isExemption(n.reason))
            .map((n) => ({ ...describe(n.urn), outcome: "not-applicable" as const, detail: n.reason })),
    ];
}

/** What a resource's remediations changed, in one line, as the text formats show it. */
export const remediationText = (r: ResourceRemediation) =>
    `remediated: ${r.changes.map((c) => `${c.path} ${JSON.stringify(c.before) ?? "unset"} -> ${JSON.stringify(c.after) ?? "unset"}`).join(", ")}`;

/** An exemption in one line, as the text formats show it. */
export const exemptionText = (e: Exemption) => `exempt until ${e.until}: ${e.reason} (${e.source})`;

const controlsById = new Map(CONTROLS.map((c) => [c.id, c]));

/** The target's resources that a control judges; every resource for a policy this build does not know. */
function judgedUrns(policy: string, resources: EngineResource[]): string[] {
    const control = controlsById.get(policy);
    return resources.filter((r) => !control || judgedTypes(control).has(r.type)).map((r) => r.urn);
}

/** The target's cloud resources that no control judges, one entry per type with its count. */
function unjudgedTypes(resources: EngineResource[]): NotExamined[] {
    const counts = new Map<string, number>();
    for (const r of cloudResources(resources)) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    for (const type of counts.keys()) if (CONTROLS.some((c) => judgedTypes(c).has(type))) counts.delete(type);
    return [...counts].map(([type, n]) => ({ kind: "unjudged-type", type, count: n, reason: `${n} resource${n === 1 ? "" : "s"} of type ${type}: no control judges this type` }));
}

/** The resources a control could judge: custom ones, not providers. */
const cloudResources = (resources: EngineResource[]) => resources.filter((r) => r.custom && !isProvider(r));

function controlStatus(affected: AffectedResource[], judged: string[]): ControlStatus {
    const has = (o: AffectedResource["outcome"]) => affected.some((a) => a.outcome === o);
    if (has("fail")) return "fail";
    if (has("unverified")) return "unverified";
    if (has("exempt")) return "exempt";
    if (has("remediated")) return "remediated";
    const notApplicable = new Set(affected.filter((a) => a.outcome === "not-applicable").map((a) => a.urn));
    // A stack policy's not-applicable carries no resource; a resource policy's must cover each judged resource.
    if (notApplicable.has("") || judged.every((u) => notApplicable.has(u))) return "not-applicable";
    return "pass";
}

export const hasMandatoryViolation = (r: ScanReport) => r.violations.some((v) => v.enforcementLevel === "mandatory");
