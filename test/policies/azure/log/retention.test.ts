import { strict as assert } from "assert";
import { azLogRetention as control } from "../../../../policies/azure/log/retention";
import { runStack, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const TABLE = "azure-native:operationalinsights:Table";
const ws = (props: Record<string, unknown> = {}, name = "law", type = WORKSPACE) => ({ type, name, props });
const table = (tableName: string, props: Record<string, unknown>, workspace = "law") => ({
    type: TABLE,
    name: `${workspace}-${tableName}`,
    props: { tableName, workspaceName: unknown, ...props },
    propertyDependencies: { workspaceName: [urnOf({ type: WORKSPACE, name: workspace })] },
});
const archived = (days = 2190) => ["AzureActivity", "AzureDiagnostics", "StorageBlobLogs"].map((t) => table(t, { retentionInDays: 90, totalRetentionInDays: days }));

describe("az-log-retention", () => {
    it("passes a workspace whose audit tables archive for 6 years", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 90 }), ...archived()]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a workspace that itself keeps 6 years", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 2190 })]);
        assert.deepEqual(r.violations, []);
    });

    it("flags a workspace at the 30-day default with no archived tables, naming the tables", async () => {
        const r = await runStack(control, [ws()]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /keeps data 30 days and declares no 2190-day total retention for its audit tables AzureActivity, AzureDiagnostics, StorageBlobLogs at retentionInDays/);
    });

    it("flags a workspace when one required table is missing", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 730 }), ...archived().slice(0, 2)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /audit tables StorageBlobLogs at/);
    });

    it("flags an audit table whose total retention is short, on the table", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 2190 }), table("AZKVAuditLogs", { totalRetentionInDays: 365 })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /keeps data 365 days in total, less than 2190 at totalRetentionInDays/);
        assert.equal(r.urns[0], urnOf({ type: TABLE, name: "law-AZKVAuditLogs" }));
    });

    it("falls back from -1 to the table's and then the workspace's retention", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 2190 }), table("StorageBlobLogs", { totalRetentionInDays: -1, retentionInDays: -1 })]);
        assert.deepEqual(r.violations, []);
        const r2 = await runStack(control, [ws({ retentionInDays: 2190 }), table("StorageBlobLogs", { totalRetentionInDays: -1, retentionInDays: 90 })]);
        assert.match(r2.violations[0], /keeps data 90 days in total/);
    });

    it("ignores tables that are not audit tables", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 2190 }), table("Perf", { totalRetentionInDays: 30 })]);
        assert.deepEqual(r.violations, []);
    });

    it("honours configured thresholds and table lists", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 400 })], { config: { minimumDays: 365 } });
        assert.deepEqual(r.violations, []);
        const r2 = await runStack(control, [ws({ retentionInDays: 90 }), table("AppAudit_CL", { totalRetentionInDays: 2190 })], { config: { requiredTables: ["AppAudit_CL"] } });
        assert.deepEqual(r2.violations, []);
    });

    it("flags immediate purge after 30 days", async () => {
        const r = await runStack(control, [ws({ retentionInDays: 2190, features: { immediatePurgeDataOn30Days: true } })]);
        assert.match(r.violations[0], /purges data after 30 days at features\.immediatePurgeDataOn30Days/);
    });

    it("matches versioned tokens", async () => {
        const r = await runStack(control, [ws({}, "law", "azure-native:operationalinsights/v20221001:Workspace")]);
        assertFindings(r, [{ at: "retentionInDays", urn: "urn:pulumi:test::test::azure-native:operationalinsights/v20221001:Workspace::law" }]);
    });

    it("reports unknown retention as unverified", async () => {
        const r = await runStack(control, [ws({ retentionInDays: unknown }), table("AzureActivity", { totalRetentionInDays: unknown }, "law")]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
        const orphan = await runStack(control, [{ type: TABLE, name: "t", props: { tableName: "AzureActivity", workspaceName: "elsewhere" } }]);
        assert.match(orphan.unverified[0], /could not verify totalRetentionInDays/);
    });

    it("reports a workspace as unverified when a required table's retention is unknown", async () => {
        const tables = archived();
        tables[0] = table("AzureActivity", { totalRetentionInDays: unknown });
        const r = await runStack(control, [ws({ retentionInDays: 90 }), ...tables]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
    });
});
