import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { isOneOf, isPresent } from "../../lib/property-checks";
import { prowler } from "../../lib/hipaa";
import { accountOf, BLOB_SERVICES, STORAGE_ACCOUNTS } from "../../lib/azure-storage";
import { resolveScopeLevel, scopeLevel } from "../../lib/azure-scope";
import { groupBy, StackIndex, type StackResource } from "../../lib/stack-index";
import { TypeSet, types, unionOf } from "../../lib/type-tokens";
import { Settled } from "../../lib/settled";
import { DIAGNOSTIC_SETTINGS, SUBSCRIPTION_DIAGNOSTIC_SETTINGS } from "../../lib/azure/types";
import { asBool, asList, isObject, isUnknown } from "../../lib/values";

interface Config {
    requireActivityLog: boolean;
    activityLogCategories: string[];
}

const SQL_SERVERS = types("azure-native:sql:Server");
const SQL_DATABASES = types("azure-native:sql:Database");
const SQL_SERVER_AUDITING = types("azure-native:sql:ServerBlobAuditingPolicy", "azure-native:sql:ExtendedServerBlobAuditingPolicy");
const SQL_DATABASE_AUDITING = types("azure-native:sql:DatabaseBlobAuditingPolicy", "azure-native:sql:ExtendedDatabaseBlobAuditingPolicy");

/** Category groups that include every audit category of a resource type. */
const AUDIT_GROUPS = ["audit", "allLogs"];

/**
 * The PHI stores this control covers and the log categories that record access to their data:
 * each inner list is a set of alternatives, and every inner list must be covered.
 */
const STORES: { types: TypeSet; label: string; categories: string[][] }[] = [
    { types: STORAGE_ACCOUNTS, label: "storage account (blob service)", categories: [["StorageRead"], ["StorageWrite"], ["StorageDelete"]] },
    { types: types("azure-native:keyvault:Vault"), label: "key vault", categories: [["AuditEvent"]] },
    { types: SQL_SERVERS, label: "SQL server", categories: [["SQLSecurityAuditEvents"]] },
    { types: SQL_DATABASES, label: "SQL database", categories: [["SQLSecurityAuditEvents"]] },
    {
        types: types("azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount"),
        label: "Cosmos DB account",
        categories: [["DataPlaneRequests", "MongoRequests", "CassandraRequests", "GremlinRequests", "TableApiRequests"], ["ControlPlaneRequests"]],
    },
];

type Verdict = { ok: true } | { ok: false; missing: string } | "unknown";
const passes = (v: Verdict | undefined) => v !== undefined && v !== "unknown" && v.ok;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether a setting keeps the required log categories in a workspace or storage account. */
function judge(setting: ResourceInput, required: string[][]): Verdict {
    const p = setting.props;
    if (!isPresent(p.workspaceId) && !isPresent(p.storageAccountId)) return { ok: false, missing: "its logs to a Log Analytics workspace or storage account" };
    const logs = asList(p.logs);
    if (isUnknown(logs)) return "unknown";
    const enabled: string[] = [];
    let unknown = false;
    for (const entry of logs) {
        if (isUnknown(entry)) unknown = true;
        if (!isObject(entry)) continue;
        const on = asBool(entry.enabled);
        const name = isPresent(entry.categoryGroup) ? entry.categoryGroup : entry.category;
        if (isUnknown(on) || isUnknown(name)) unknown = true;
        else if (on === true && typeof name === "string") enabled.push(name.trim());
    }
    if (enabled.some((n) => AUDIT_GROUPS.some((g) => sameName(g, n)))) return { ok: true };
    const missing = required.filter((alternatives) => !alternatives.some((c) => enabled.some((n) => sameName(n, c))));
    if (missing.length === 0) return { ok: true };
    if (unknown) return "unknown";
    return { ok: false, missing: `the ${missing.map((m) => m.join(" or ")).join(", ")} log categories (or categoryGroup "audit")` };
}

/**
 * SQL auditing written straight to a storage account (a blob auditing policy with a storage
 * endpoint) keeps the audit log without a diagnostic setting; the Azure Monitor target alone does
 * not, since it needs the diagnostic setting on the master database to go anywhere.
 */
function sqlAuditing(stack: StackIndex, store: StackResource): Verdict | undefined {
    const policies = stack.derive(SQL_SERVERS.has(store.type) ? serverAuditing : databaseAuditing).get(store.urn) ?? [];
    let unknown = false;
    for (const p of policies) {
        const enabled = isOneOf(p.props.state, "Enabled");
        if (isUnknown(enabled)) unknown = true;
        else if (enabled && isPresent(p.props.storageEndpoint)) return { ok: true };
    }
    return unknown ? "unknown" : undefined;
}

const serverAuditing = (stack: StackIndex) => stack.companionsByTarget(stack.ofType(SQL_SERVER_AUDITING), "serverName");
const databaseAuditing = (stack: StackIndex) => stack.companionsByTarget(stack.ofType(SQL_DATABASE_AUDITING), "databaseName");

/** The stack's resources by their known id, lower case, in stack order. */
function resourcesById(stack: StackIndex): Map<string, StackResource[]> {
    // Read without copying each resource: only the id is needed, of every resource of the stack.
    return groupBy(stack.resources, (r) => StackIndex.knownString(r, "id")?.toLowerCase() || undefined);
}

/** The stores a diagnostic setting reports on; a blob service setting counts for its account. */
function targets(stack: StackIndex, setting: StackResource): StackResource[] | "unresolved" {
    const linked = stack.linked(setting, "resourceUri");
    if (linked.length > 0) return linked.map((t) => (BLOB_SERVICES.has(t.type) ? accountOf(stack, t) ?? t : t));
    const uri = setting.props.resourceUri;
    if (typeof uri !== "string") return "unresolved";
    // Without URN links, a known id may name the store itself or a child of it (blobServices/default).
    const u = uri.trim().toLowerCase().replace(/\/+$/, "");
    const byId = stack.derive(resourcesById);
    const found = new Set(byId.get(u));
    for (let i = u.indexOf("/"); i >= 0; i = u.indexOf("/", i + 1)) for (const r of byId.get(u.slice(0, i)) ?? []) found.add(r);
    return [...found];
}

const settled = new Settled();

/** A subscription diagnostic setting, or a diagnostic setting whose resourceUri is known to be a subscription: the activity log's. */
const ownSubscriptionWide = (s: ResourceInput) => SUBSCRIPTION_DIAGNOSTIC_SETTINGS.has(s.type) || scopeLevel(s.props.resourceUri) === "subscription";

function checkActivityLog(s: ResourceInput, ctx: CheckContext<Config>): void {
    const v = judge(s, ctx.config.activityLogCategories.map((c) => [c]));
    if (v === "unknown") ctx.unverified("logs", s.urn);
    else if (!v.ok) ctx.fail({ problem: `the subscription activity log setting does not send ${v.missing}`, at: "logs", urn: s.urn });
}

/** Settings whose resourceUri Analyze could not place (unknown at preview), and whether the stack sends the activity log at all. */
function checkActivityLogAcross(stack: StackIndex, settings: StackResource[], ctx: CheckContext<Config>): void {
    const subscriptionWide = settings.filter((s) => resolveScopeLevel(stack, s, "resourceUri") === "subscription");
    for (const s of subscriptionWide) if (!settled.has(s.urn)) checkActivityLog(s, ctx);
    // A stack that deploys nothing to Azure has no subscription of its own to log.
    const deploysToAzure = stack.resources.some((r) => r.type.startsWith("azure-native:"));
    if (ctx.config.requireActivityLog && deploysToAzure && subscriptionWide.length === 0 && stack.ofType(SUBSCRIPTION_DIAGNOSTIC_SETTINGS).length === 0) {
        ctx.fail({
            problem: "the stack sends no subscription activity log to a workspace or storage account",
            at: "monitor.SubscriptionDiagnosticSetting",
            fix: `add an azure-native monitor.SubscriptionDiagnosticSetting with a workspaceId and the ${ctx.config.activityLogCategories.join(", ")} categories enabled`,
        });
    }
}

export const azDiagnosticSettings: ResourceControl<Config> = {
    id: "az-diagnostic-settings",
    title: "PHI stores and the subscription activity log send audit logs to a workspace or storage",
    cloud: "azure",
    judges: unionOf(...STORES.map((s) => s.types), DIAGNOSTIC_SETTINGS, SUBSCRIPTION_DIAGNOSTIC_SETTINGS),
    category: "audit-logging",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(b)")],
    description:
        "Without a diagnostic setting, reads and changes of PHI in storage, Key Vault, SQL and Cosmos DB leave no record an investigator can query, so an insider's access cannot be detected or reconstructed. Each PHI store must send its audit log categories to a Log Analytics workspace or storage account where they are retained.",
    remediation:
        'Add a monitor.DiagnosticSetting per store with resourceUri set to the store\'s id (for storage, `${account.id}/blobServices/default`; for SQL, the database or `${server.id}/databases/master`), workspaceId set to a Log Analytics workspace, and logs: [{ categoryGroup: "audit", enabled: true }]. For SQL, an enabled (Extended)ServerBlobAuditingPolicy with a storageEndpoint also counts.',
    unknowns:
        "Unknown destinations count as set (a workspace created in the same update); unknown log entries are reported as unverified (advisory). A store without a setting is reported as unverified rather than failed when some setting's resourceUri is unknown and not linked to any resource.",
    config: {
        requireActivityLog: {
            type: "boolean",
            default: true,
            description:
                "Require the stack to declare a subscription-scoped diagnostic setting for the activity log. Set false only where the platform team sends every subscription's activity log centrally (an Azure Policy deployIfNotExists assignment, say), and record that in the policy config.",
        },
        activityLogCategories: {
            type: "array",
            items: { type: "string" },
            default: ["Administrative", "Security", "Policy"],
            description: "Activity log categories a subscription diagnostic setting must send (categoryGroup allLogs or audit also counts).",
        },
    },
    acrossResources:
        "Coverage: each PHI store needs a diagnostic setting that targets it (or, for SQL, an auditing policy with a storage endpoint, or its server's setting); a setting whose resourceUri is unknown at preview is placed by the resource it is taken from; the stack must send the subscription activity log (requireActivityLog, on by default).",
    types: types(...DIAGNOSTIC_SETTINGS.canonical, ...SUBSCRIPTION_DIAGNOSTIC_SETTINGS.canonical),
    checkResource(setting, ctx) {
        if (ownSubscriptionWide(setting)) checkActivityLog(setting, ctx);
        settled.record(setting.urn, SUBSCRIPTION_DIAGNOSTIC_SETTINGS.has(setting.type) || !isUnknown(scopeLevel(setting.props.resourceUri)));
    },
    checkStack(stack, ctx) {
        const settings = stack.ofType(DIAGNOSTIC_SETTINGS);
        const byStore = new Map<string, StackResource[]>();
        let unresolved = false;
        for (const s of settings) {
            const t = targets(stack, s);
            if (t === "unresolved") unresolved = true;
            else for (const store of t) byStore.set(store.urn, [...(byStore.get(store.urn) ?? []), s]);
        }
        const verdicts = new Map<string, Verdict>();
        const verdictOf = (store: StackResource, required: string[][]): Verdict => {
            const own = byStore.get(store.urn) ?? [];
            let unknown = own.length === 0 && unresolved;
            let failed: Verdict | undefined;
            for (const s of own) {
                const v = judge(s, required);
                if (v === "unknown") unknown = true;
                else if (v.ok) return v;
                else failed ??= v;
            }
            return unknown ? "unknown" : failed ?? { ok: false, missing: "" };
        };
        for (const kind of STORES) {
            for (const store of stack.ofType(kind.types)) {
                let v = verdictOf(store, kind.categories);
                if (!passes(v) && (SQL_SERVERS.has(store.type) || SQL_DATABASES.has(store.type))) {
                    v = sqlAuditing(stack, store) ?? v;
                }
                verdicts.set(store.urn, v);
            }
        }
        for (const kind of STORES) {
            for (const store of stack.ofType(kind.types)) {
                if (!ctx.isPhi(store)) continue;
                let v = verdicts.get(store.urn)!;
                // Server-level auditing (a setting on the master database) covers every database of the server.
                if (SQL_DATABASES.has(store.type) && !passes(v)) {
                    const server = stack.linked(store, "serverName").find((r) => SQL_SERVERS.has(r.type));
                    const sv = server && verdicts.get(server.urn);
                    if (sv && passes(sv)) v = sv;
                }
                if (v === "unknown") ctx.unverified("diagnostic settings (logs)", store.urn);
                else if (!v.ok) {
                    ctx.fail({
                        problem:
                            v.missing === ""
                                ? `the ${kind.label} has no diagnostic setting sending its audit logs to a workspace or storage account`
                                : `no diagnostic setting of the ${kind.label} sends ${v.missing}`,
                        at: "monitor.DiagnosticSetting",
                        urn: store.urn,
                    });
                }
            }
        }
        checkActivityLogAcross(stack, settings, ctx);
    },
};
