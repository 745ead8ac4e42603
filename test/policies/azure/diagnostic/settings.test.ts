import { strict as assert } from "assert";
import { azDiagnosticSettings as control } from "../../../../policies/azure/diagnostic/settings";
import { runStack, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const ACCOUNT = "azure-native:storage:StorageAccount";
const VAULT = "azure-native:keyvault:Vault";
const SERVER = "azure-native:sql:Server";
const DATABASE = "azure-native:sql:Database";
const COSMOS = "azure-native:cosmosdb:DatabaseAccount";
const SETTING = "azure-native:monitor:DiagnosticSetting";
const SUB_SETTING = "azure-native:monitor:SubscriptionDiagnosticSetting";

const store = (type: string, name = "store", props: Record<string, unknown> = {}) => ({ type, name, props });
const audit = [{ categoryGroup: "audit", enabled: true }];
/** Store coverage alone: the activity log requirement has its own tests below. */
const storesOnly = { config: { requireActivityLog: false } };
const setting = (target: { type: string; name: string }, props: Record<string, unknown> = {}, name = `${target.name}-diag`, type = SETTING) => ({
    type,
    name,
    props: { resourceUri: unknown, workspaceId: unknown, logs: audit, ...props },
    propertyDependencies: { resourceUri: [urnOf(target)] },
});

describe("az-diagnostic-settings", () => {
    it("passes every kind of PHI store with an audit setting to a workspace", async () => {
        const stores = [store(ACCOUNT, "sa"), store(VAULT, "kv"), store(SERVER, "sql"), store(DATABASE, "db"), store(COSMOS, "cosmos")];
        const r = await runStack(control, [...stores, ...stores.map((s) => setting(s))], storesOnly);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags each store without a diagnostic setting, on the store", async () => {
        const r = await runStack(control, [store(VAULT, "kv"), store(COSMOS, "cosmos"), store(ACCOUNT, "sa")], storesOnly);
        assert.equal(r.violations.length, 3);
        assert.match(r.violations.join("\n"), /the key vault has no diagnostic setting sending its audit logs to a workspace or storage account at monitor\.DiagnosticSetting/);
        assert.ok(r.urns.includes(urnOf({ type: VAULT, name: "kv" })));
    });

    it("counts a blob service setting for its storage account", async () => {
        const blob = { type: "azure-native:storage:BlobServiceProperties", name: "blob", props: { accountName: unknown }, propertyDependencies: { accountName: [urnOf({ type: ACCOUNT, name: "sa" })] } };
        const logs = ["StorageRead", "StorageWrite", "StorageDelete"].map((category) => ({ category, enabled: true }));
        const r = await runStack(control, [store(ACCOUNT, "sa"), blob, setting(blob, { logs })], storesOnly);
        assert.deepEqual(r.violations, []);
    });

    it("flags a storage setting missing StorageRead, naming the category", async () => {
        const sa = store(ACCOUNT, "sa");
        const r = await runStack(control, [sa, setting(sa, { logs: [{ category: "StorageWrite", enabled: true }, { category: "StorageDelete", enabled: true }, { category: "StorageRead", enabled: false }] })], storesOnly);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no diagnostic setting of the storage account \(blob service\) sends the StorageRead log categories \(or categoryGroup "audit"\) at monitor\.DiagnosticSetting/);
    });

    it("accepts allLogs and category names in any case, and string booleans", async () => {
        const kv = store(VAULT, "kv");
        const r = await runStack(control, [kv, setting(kv, { logs: [{ categoryGroup: "AllLogs", enabled: "true" }] })], storesOnly);
        assert.deepEqual(r.violations, []);
        const r2 = await runStack(control, [kv, setting(kv, { logs: [{ category: "auditevent", enabled: true }] })], storesOnly);
        assert.deepEqual(r2.violations, []);
    });

    it("flags a setting that only streams to an event hub", async () => {
        const kv = store(VAULT, "kv");
        const r = await runStack(control, [kv, setting(kv, { workspaceId: null, eventHubAuthorizationRuleId: "/subscriptions/x/rule" })], storesOnly);
        assert.match(r.violations[0], /sends its logs to a Log Analytics workspace or storage account/);
    });

    it("flags metrics-only settings", async () => {
        const kv = store(VAULT, "kv");
        const r = await runStack(control, [kv, setting(kv, { logs: [], metrics: [{ category: "AllMetrics", enabled: true }] })], storesOnly);
        assert.match(r.violations[0], /AuditEvent log categories/);
    });

    it("covers a SQL database through its server's audit setting", async () => {
        const server = store(SERVER, "sql");
        const db = { ...store(DATABASE, "db", { serverName: unknown }), propertyDependencies: { serverName: [urnOf(server)] } };
        const r = await runStack(control, [server, db, setting(server, { logs: [{ category: "SQLSecurityAuditEvents", enabled: true }] })], storesOnly);
        assert.deepEqual(r.violations, []);
    });

    it("accepts SQL auditing written to a storage account instead of a diagnostic setting", async () => {
        const server = store(SERVER, "sql");
        const auditing = (type: string, props: Record<string, unknown>) => ({ type, name: "auditing", props: { serverName: unknown, ...props }, propertyDependencies: { serverName: [urnOf(server)] } });
        const ok = await runStack(control, [server, auditing("azure-native:sql:ExtendedServerBlobAuditingPolicy", { state: "Enabled", storageEndpoint: unknown })], storesOnly);
        assert.deepEqual(ok, { violations: [], unverified: [], urns: [] });
        const monitorOnly = await runStack(control, [server, auditing("azure-native:sql:ServerBlobAuditingPolicy", { state: "Enabled", isAzureMonitorTargetEnabled: true })], storesOnly);
        assert.match(monitorOnly.violations[0], /the SQL server has no diagnostic setting/);
        const disabled = await runStack(control, [server, auditing("azure-native:sql:ServerBlobAuditingPolicy", { state: "Disabled", storageEndpoint: "https://x.blob.core.windows.net" })], storesOnly);
        assertFindings(disabled, [{ at: "monitor.DiagnosticSetting", urn: "urn:pulumi:test::test::azure-native:sql:Server::sql" }]);
        const pending = await runStack(control, [server, auditing("azure-native:sql:ServerBlobAuditingPolicy", { state: unknown, storageEndpoint: "https://x.blob.core.windows.net" })], storesOnly);
        assertFindings(pending, [{ at: "diagnostic settings (logs)", urn: "urn:pulumi:test::test::azure-native:sql:Server::sql", outcome: "unverified" }]);
    });

    it("accepts database-level SQL auditing to storage for that database", async () => {
        const db = store(DATABASE, "db");
        const r = await runStack(control, [
            db,
            { type: "azure-native:sql:DatabaseBlobAuditingPolicy", name: "a", props: { databaseName: unknown, state: "Enabled", storageEndpoint: "https://x" }, propertyDependencies: { databaseName: [urnOf(db)] } },
        ], storesOnly);
        assert.deepEqual(r.violations, []);
    });

    it("requires a data-plane and the control-plane category for Cosmos DB", async () => {
        const c = store(COSMOS, "cosmos");
        const r = await runStack(control, [c, setting(c, { logs: [{ category: "DataPlaneRequests", enabled: true }] })], storesOnly);
        assert.match(r.violations[0], /ControlPlaneRequests/);
        const ok = await runStack(control, [c, setting(c, { logs: [{ category: "MongoRequests", enabled: true }, { category: "ControlPlaneRequests", enabled: true }] })], storesOnly);
        assert.deepEqual(ok.violations, []);
    });

    it("matches the insights alias and versioned tokens", async () => {
        const kv = store("azure-native:keyvault/v20230701:Vault", "kv");
        const r = await runStack(control, [kv, setting(kv, {}, "d", "azure-native:insights:DiagnosticSetting"), store("azure-native:documentdb:DatabaseAccount", "doc")], storesOnly);
        assert.equal(r.violations.length, 1);
        assert.equal(r.urns[0], urnOf({ type: "azure-native:documentdb:DatabaseAccount", name: "doc" }));
    });

    it("joins by a known resource id when there are no URN links", async () => {
        const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa";
        const r = await runStack(control, [
            store(ACCOUNT, "sa", { id }),
            { type: SETTING, name: "d", props: { resourceUri: `${id.toUpperCase()}/blobServices/default`, storageAccountId: "/subscriptions/s/x", logs: audit } },
        ], storesOnly);
        assert.deepEqual(r.violations, []);
    });

    it("honours the PHI scope", async () => {
        const r = await runStack(control, [store(VAULT, "kv")], { ...storesOnly, settings: { phiScope: "tagged" } });
        assert.deepEqual(r.violations, []);
    });

    it("reports unknown log entries, and stores when a setting cannot be joined, as unverified", async () => {
        const kv = store(VAULT, "kv");
        const r = await runStack(control, [kv, setting(kv, { logs: unknown })], storesOnly);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        const loose = await runStack(control, [kv, { type: SETTING, name: "d", props: { resourceUri: unknown, workspaceId: "w", logs: audit } }], storesOnly);
        assert.deepEqual(loose.violations, []);
        assert.equal(loose.unverified.length, 1);
    });

    describe("subscription activity log", () => {
        const sub = (logs: unknown[], props: Record<string, unknown> = {}) => ({ type: SUB_SETTING, name: "activity", props: { workspaceId: unknown, logs, ...props } });
        const categories = (...names: string[]) => names.map((category) => ({ category, enabled: true }));

        it("passes a subscription setting with the audit categories", async () => {
            const r = await runStack(control, [sub(categories("Administrative", "Security", "Policy", "ServiceHealth"))], { config: { requireActivityLog: true } });
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });

        it("flags a subscription setting missing Security", async () => {
            const r = await runStack(control, [sub(categories("Administrative", "Policy"))]);
            assert.match(r.violations[0], /activity log setting does not send the Security log categories/);
        });

        it("treats a DiagnosticSetting at subscription scope as the activity log", async () => {
            const r = await runStack(control, [{ type: SETTING, name: "s", props: { resourceUri: "/subscriptions/00000000-0000-0000-0000-000000000000", workspaceId: "w", logs: categories("Administrative") } }]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /Security, Policy/);
        });

        it("requires one by default of a stack that deploys to Azure, as a stack finding", async () => {
            const r = await runStack(control, [{ type: "azure-native:resources:ResourceGroup", name: "rg", props: {} }]);
            assertFindings(r, [{ at: "monitor.SubscriptionDiagnosticSetting" }]);
            assert.match(r.violations[0], /no subscription activity log/);
        });

        it("requires none of a stack that deploys nothing to Azure (an AWS-only stack)", async () => {
            assert.deepEqual(await runStack(control, [{ type: "aws:s3/bucket:Bucket", name: "b", props: {} }]), { violations: [], unverified: [], urns: [] });
        });

        it("does not require one when requireActivityLog is false (the platform sends it centrally)", async () => {
            assert.deepEqual(await runStack(control, [], { config: { requireActivityLog: false } }), { violations: [], unverified: [], urns: [] });
        });
    });
});
