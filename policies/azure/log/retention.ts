import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import type { StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { Settled } from "../../lib/settled";
import { LOG_ANALYTICS_WORKSPACES as WORKSPACES } from "../../lib/azure/types";
import { wildcardMatch } from "../../lib/wildcard";
import { asBool, asNumber, at, isUnknown, Unknown, UNKNOWN } from "../../lib/values";

interface Config {
    minimumDays: number;
    auditTables: string[];
    requiredTables: string[];
}

const TABLES = types("azure-native:operationalinsights:Table");

/** Log Analytics keeps data this many days when a workspace sets no retentionInDays. */
const WORKSPACE_DEFAULT_DAYS = 30;

function workspaceDays(ws: ResourceInput): number | Unknown {
    const days = asNumber(ws.props.retentionInDays);
    return days === undefined ? WORKSPACE_DEFAULT_DAYS : days;
}

const tableName = (t: ResourceInput) => (typeof t.props.tableName === "string" && t.props.tableName.trim() !== "" ? t.props.tableName.trim() : t.name);

/**
 * A table's own total retention (interactive plus archive): -1 or an omitted value falls back,
 * totalRetentionInDays to the table's retentionInDays, that to its workspace's retention.
 */
function ownTotalDays(t: ResourceInput): number | Unknown | "workspace" {
    for (const prop of ["totalRetentionInDays", "retentionInDays"]) {
        const days = asNumber(t.props[prop]);
        if (isUnknown(days)) return UNKNOWN;
        if (days !== undefined && days !== -1) return days;
    }
    return "workspace";
}

function tableTotalDays(t: ResourceInput, ws: ResourceInput | undefined): number | Unknown {
    const own = ownTotalDays(t);
    return own !== "workspace" ? own : ws ? workspaceDays(ws) : UNKNOWN;
}

function judgeTable(t: ResourceInput, days: number | Unknown, ctx: CheckContext<Config>): void {
    const min = ctx.config.minimumDays;
    if (isUnknown(days)) ctx.unverified("totalRetentionInDays", t.urn);
    else if (days < min) {
        ctx.fail({
            problem: `the audit table keeps data ${days} days in total, less than ${min}`,
            at: "totalRetentionInDays",
            fix: `set totalRetentionInDays to at least ${min} (archive beyond the interactive retentionInDays counts)`,
            urn: t.urn,
        });
    }
}

const isAuditTable = (t: ResourceInput, config: Config) => config.auditTables.some((p) => wildcardMatch(p, tableName(t)));

const settled = new Settled();

export const azLogRetention: ResourceControl<Config> = {
    id: "az-log-retention",
    title: "Log Analytics keeps audit logs for at least six years",
    cloud: "azure",
    judges: unionOf(WORKSPACES, TABLES),
    category: "log-retention",
    severity: "medium",
    hipaa: [inferred("164.312(b)"), inferred("164.316(b)(2)")],
    description:
        "Audit logs of PHI access are evidence for investigations and HIPAA documentation, which must be retained six years; Log Analytics deletes data after the workspace retention (30 days by default, at most two years interactive). Long-term retention (archive) on the tables that hold audit logs keeps them up to twelve years at low cost.",
    remediation:
        "Declare an operationalinsights.Table for each audit table of the workspace (AzureActivity, AzureDiagnostics, StorageBlobLogs, or the resource-specific tables you use) with totalRetentionInDays: 2190 or more, or set the workspace's retentionInDays to 2190 or more where the plan allows it; do not enable immediatePurgeDataOn30Days.",
    unknowns: "Unknown retention values are reported as unverified (advisory), as is a table whose retention falls back to a workspace outside the stack.",
    config: {
        minimumDays: { type: "number", default: 2190, description: "Minimum total retention in days (six years)." },
        auditTables: {
            type: "array",
            items: { type: "string" },
            default: ["AzureActivity", "AzureDiagnostics", "Storage*Logs", "AZKVAuditLogs", "SQLSecurityAuditEvents", "CDB*Requests", "AuditLogs", "SigninLogs"],
            description: "Names (wildcards * and ?) of tables that hold audit logs; every declared Table with such a name must keep minimumDays in total.",
        },
        requiredTables: {
            type: "array",
            items: { type: "string" },
            default: ["AzureActivity", "AzureDiagnostics", "StorageBlobLogs"],
            description:
                "Tables that diagnostic settings write to by default: a workspace that itself keeps less than minimumDays passes only when the stack declares each of them for it with minimumDays of total retention.",
        },
    },
    acrossResources:
        "A table whose retention falls back to its workspace's, and a workspace that keeps less than minimumDays: it passes only when the stack declares each required table for it with minimumDays of total retention.",
    types: types(...WORKSPACES.canonical, ...TABLES.canonical),
    checkResource(r, ctx) {
        if (TABLES.has(r.type)) {
            const own = ownTotalDays(r);
            if (own !== "workspace" && isAuditTable(r, ctx.config)) judgeTable(r, own, ctx);
            return settled.record(r.urn, own !== "workspace");
        }
        const purge = asBool(at(r.props, "features.immediatePurgeDataOn30Days"));
        if (isUnknown(purge)) ctx.unverified("features.immediatePurgeDataOn30Days");
        else if (purge === true) ctx.fail({ problem: "the workspace purges data after 30 days", at: "features.immediatePurgeDataOn30Days", fix: "remove immediatePurgeDataOn30Days" });
        if (isUnknown(workspaceDays(r))) ctx.unverified("retentionInDays");
    },
    checkStack(stack, ctx) {
        const min = ctx.config.minimumDays;
        const tablesOf = new Map<string, StackResource[]>();
        for (const t of stack.ofType(TABLES)) {
            const ws = stack.linked(t, "workspaceName").find((w) => WORKSPACES.has(w.type));
            if (ws) tablesOf.set(ws.urn, [...(tablesOf.get(ws.urn) ?? []), t]);
            if (!settled.has(t.urn) && isAuditTable(t, ctx.config)) judgeTable(t, tableTotalDays(t, ws), ctx);
        }
        for (const ws of stack.ofType(WORKSPACES)) {
            const days = workspaceDays(ws);
            if (isUnknown(days) || days >= min) continue;
            const tables = tablesOf.get(ws.urn) ?? [];
            const missing: string[] = [];
            let unknown = false;
            for (const name of ctx.config.requiredTables) {
                const totals = tables.filter((t) => tableName(t).toLowerCase() === name.toLowerCase()).map((t) => tableTotalDays(t, ws));
                if (totals.some((d) => !isUnknown(d) && d >= min)) continue;
                if (totals.some(isUnknown)) unknown = true;
                else missing.push(name);
            }
            if (missing.length > 0) {
                ctx.fail({
                    problem: `the workspace keeps data ${days} days and declares no ${min}-day total retention for its audit tables ${missing.join(", ")}`,
                    at: "retentionInDays",
                    fix: `add an operationalinsights.Table per audit table (${missing.join(", ")}) of this workspace with totalRetentionInDays: ${min}`,
                    urn: ws.urn,
                });
            } else if (unknown) ctx.unverified("retentionInDays", ws.urn);
        }
    },
};
