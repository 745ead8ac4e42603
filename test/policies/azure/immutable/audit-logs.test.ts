import { strict as assert } from "assert";
import { azImmutableAuditLogs as control } from "../../../../policies/azure/immutable/audit-logs";
import { runStack, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const ACCOUNT = "azure-native:storage:StorageAccount";
const CONTAINER = "azure-native:storage:BlobContainer";
const POLICY = "azure-native:storage:BlobContainerImmutabilityPolicy";
const accountUrn = urnOf({ type: ACCOUNT, name: "logs" });

const account = (props: Record<string, unknown> = {}) => ({ type: ACCOUNT, name: "logs", props });
const lockedAccount = (days: unknown = 2190, state: unknown = "Locked", enabled: unknown = true) =>
    account({ immutableStorageWithVersioning: { enabled, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: days, state } } });
const container = (name: string, props: Record<string, unknown> = {}) => ({
    type: CONTAINER,
    name,
    props: { accountName: unknown, ...props },
    propertyDependencies: { accountName: [accountUrn] },
});
const policy = (containerName: string, props: Record<string, unknown>) => ({
    type: POLICY,
    name: `${containerName}-policy`,
    props: { accountName: unknown, containerName: unknown, ...props },
    propertyDependencies: { accountName: [accountUrn], containerName: [urnOf({ type: CONTAINER, name: containerName })] },
});

describe("az-immutable-audit-logs", () => {
    it("passes an audit container on an account with a locked 6-year default policy", async () => {
        const r = await runStack(control, [lockedAccount(), container("insights-logs-auditevent")]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("ignores containers that do not receive audit logs", async () => {
        const r = await runStack(control, [account(), container("exports")]);
        assert.deepEqual(r.violations, []);
    });

    it("flags audit containers by name pattern, containerName and metadata marker", async () => {
        const r = await runStack(control, [
            account(),
            container("insights-activity-logs"),
            container("c2", { containerName: "audit-trail" }),
            container("c3", { metadata: { purpose: "Audit-Logs" } }),
        ]);
        assert.equal(r.violations.length, 3);
        assert.match(r.violations[0], /no immutability policy of its own, and the account has no account-level immutability policy at accountName -> immutableStorageWithVersioning/);
    });

    it("honours configured patterns", async () => {
        const r = await runStack(control, [account(), container("siem-export")], { config: { auditContainerPatterns: ["siem-*"] } });
        assertFindings(r, [{ at: "accountName -> immutableStorageWithVersioning", urn: "urn:pulumi:test::test::azure-native:storage:BlobContainer::siem-export" }]);
    });

    it("flags an account default policy that is too short or not locked", async () => {
        const short = await runStack(control, [lockedAccount(365), container("audit")]);
        assert.match(short.violations[0], /shorter than 2190 days at accountName -> immutableStorageWithVersioning\.immutabilityPolicy\.immutabilityPeriodSinceCreationInDays/);
        const unlocked = await runStack(control, [lockedAccount(2190, "Unlocked"), container("audit")]);
        assert.match(unlocked.violations[0], /not locked/);
        const disabled = await runStack(control, [lockedAccount(2190, "Locked", false), container("audit")]);
        assert.match(disabled.violations[0], /no account-level immutability policy/);
    });

    it("passes a locked container policy of 6 years, which overrides the account default", async () => {
        const r = await runStack(control, [account(), container("audit"), policy("audit", { immutabilityPeriodSinceCreationInDays: 2555, state: "Locked" })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags a short container policy on the policy", async () => {
        const r = await runStack(control, [lockedAccount(), container("audit"), policy("audit", { immutabilityPeriodSinceCreationInDays: 30, state: "Locked" })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at immutabilityPeriodSinceCreationInDays/);
        assert.equal(r.urns[0], urnOf({ type: POLICY, name: "audit-policy" }));
    });

    it("flags a container policy whose state is known to be Unlocked", async () => {
        const r = await runStack(control, [account(), container("audit"), policy("audit", { immutabilityPeriodSinceCreationInDays: 2190, state: "Unlocked" })]);
        assert.match(r.violations[0], /not locked.* at state: lock the policy/);
    });

    it("reports a new container policy (state not yet known) as unverified unless acceptPendingLock", async () => {
        const resources = [account(), container("audit"), policy("audit", { immutabilityPeriodSinceCreationInDays: 2190 })];
        const r = await runStack(control, resources);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /could not verify state/);
        const accepted = await runStack(control, resources, { config: { acceptPendingLock: true } });
        assert.deepEqual(accepted, { violations: [], unverified: [], urns: [] });
    });

    it("joins a container policy by plain container and account names", async () => {
        const r = await runStack(control, [
            { type: CONTAINER, name: "c", props: { accountName: "logsacct", containerName: "audit" } },
            { type: POLICY, name: "p", props: { accountName: "logsacct", containerName: "audit", immutabilityPeriodSinceCreationInDays: 2190, state: "Locked" } },
        ]);
        assert.deepEqual(r.violations, []);
    });

    it("flags a version-level immutable container outside the stack's accounts with no policy", async () => {
        const r = await runStack(control, [{ type: CONTAINER, name: "audit", props: { accountName: "elsewhere", immutableStorageWithVersioning: { enabled: true } } }]);
        assert.match(r.violations[0], /version-level immutability but has no retention policy/);
    });

    it("judges an account tagged as audit storage once, on the account", async () => {
        const r = await runStack(control, [account({ tags: { purpose: "audit-logs" } }), container("insights-logs-storageread"), container("other")]);
        assert.equal(r.violations.length, 1);
        assert.equal(r.urns[0], accountUrn);
        const ok = await runStack(control, [{ ...lockedAccount(), props: { ...lockedAccount().props, tags: { purpose: "audit" } } }]);
        assert.deepEqual(ok.violations, []);
    });

    it("matches versioned tokens", async () => {
        const r = await runStack(control, [
            { type: "azure-native:storage/v20230101:StorageAccount", name: "logs", props: {} },
            { ...container("audit"), type: "azure-native:storage/v20230101:BlobContainer" },
        ]);
        assertFindings(r, [{ at: "immutableStorageWithVersioning", urn: "urn:pulumi:test::test::azure-native:storage/v20230101:BlobContainer::audit" }]);
    });

    it("reports unknown periods and states as unverified", async () => {
        const r = await runStack(control, [lockedAccount(unknown, "Locked"), container("audit")]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify accountName -> immutableStorageWithVersioning\.immutabilityPolicy\.immutabilityPeriodSinceCreationInDays/);
        const s = await runStack(control, [lockedAccount(2190, unknown), container("audit")]);
        assertFindings(s, [{ at: "accountName -> immutableStorageWithVersioning.immutabilityPolicy.state", urn: "urn:pulumi:test::test::azure-native:storage:BlobContainer::audit", outcome: "unverified" }]);
        const e = await runStack(control, [lockedAccount(2190, "Locked", unknown), container("audit")]);
        assert.match(e.unverified[0], /could not verify accountName -> immutableStorageWithVersioning\.enabled/);
    });
});
