import { strict as assert } from "assert";
import { azExfilReplication as control } from "../../../../policies/azure/exfil/replication";
import { runResource, runStack, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { AZ_BOUNDARY, azBoundarySettings, azIdIn } from "../../../examples";

const ACCOUNT = "azure-native:storage:StorageAccount";
const ORP = "azure-native:storage:ObjectReplicationPolicy";
const FOG = "azure-native:sql:FailoverGroup";
const DB = "azure-native:sql:Database";
const inside = azIdIn(AZ_BOUNDARY.subscription, "rg/providers/Microsoft.Storage/storageAccounts/dr");
const outside = azIdIn(AZ_BOUNDARY.foreignSubscription, "rg/providers/Microsoft.Storage/storageAccounts/drop");
const source = { type: ACCOUNT, name: "records", props: { allowCrossTenantReplication: false } };
const orp = (destinationAccount: unknown, extra: object = {}) => ({
    type: ORP,
    name: "orp",
    props: { sourceAccount: unknown, destinationAccount },
    propertyDependencies: { sourceAccount: [urnOf(source)] },
    ...extra,
});
const provider = (subscriptionId: string, name = "default_3_28_0") => ({ type: "pulumi:providers:azure-native", name, props: { subscriptionId, tenantId: AZ_BOUNDARY.tenant } });

describe("az-exfil-replication", () => {
    describe("allowCrossTenantReplication", () => {
        it("flags true, in any spelling the provider takes, on a versioned token too", async () => {
            for (const [type, value] of [[ACCOUNT, true], ["azure-native:storage/v20230101:StorageAccount", "True"]] as const) {
                assertFindings(await runResource(control, { type, props: { allowCrossTenantReplication: value } }), [{ at: "allowCrossTenantReplication" }]);
            }
        });

        it("flags an omitted flag only at API versions before 2023-01-01, whose default was true", async () => {
            const old = "azure-native:storage/v20220901:StorageAccount";
            assertFindings(await runResource(control, { type: old, props: {} }), [{ at: "allowCrossTenantReplication" }]);
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: {} }), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runResource(control, { type: "azure-native:storage/v20230101:StorageAccount", props: {} }), { violations: [], unverified: [], urns: [] });
        });

        it("reports an unknown flag as unverified, and a secret one by its value without echoing it", async () => {
            const r = await runResource(control, { type: ACCOUNT, props: { allowCrossTenantReplication: unknown } });
            assertFindings(r, [{ at: "allowCrossTenantReplication", outcome: "unverified" }]);
            const s = await runResource(control, { type: ACCOUNT, props: { allowCrossTenantReplication: secret(true) } });
            assert.equal(s.violations.length, 1);
            assert.doesNotMatch(s.violations[0], /\btrue\b/);
        });

        it("honours the PHI scope", async () => {
            assert.deepEqual(await runResource(control, { type: ACCOUNT, props: { allowCrossTenantReplication: true } }, { settings: { phiScope: "tagged" } }), { violations: [], unverified: [], urns: [] });
        });
    });

    describe("object replication", () => {
        it("passes a destination in a trusted subscription, given in any case", async () => {
            const r = await runStack(control, [source, orp(inside.toUpperCase())], azBoundarySettings);
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });

        it("flags a destination in another subscription, on the policy", async () => {
            const r = await runStack(control, [source, orp(outside)], azBoundarySettings);
            assertFindings(r, [{ at: "destinationAccount", urn: urnOf({ type: ORP, name: "orp" }) }]);
            assert.match(r.violations[0], /outside the organisation's boundary/);
        });

        it("flags a secret destination id without echoing it", async () => {
            const r = await runStack(control, [source, orp(secret(outside))], azBoundarySettings);
            assert.equal(r.violations.length, 1);
            assert.doesNotMatch(r.violations[0], new RegExp(AZ_BOUNDARY.foreignSubscription));
        });

        it("says the owner could not be told for a bare account name, not that it is unknown", async () => {
            const r = await runStack(control, [source, orp("partnerdrop")], azBoundarySettings);
            assertFindings(r, [{ at: "destinationAccount", urn: urnOf({ type: ORP, name: "orp" }), outcome: "unverified" }]);
            assert.match(r.unverified[0], /owner could not be told/);
            assert.doesNotMatch(r.unverified[0], /during preview/);
        });

        it("places a destination unknown at preview through the stack account it is taken from", async () => {
            const dr = { type: ACCOUNT, name: "dr", props: { allowCrossTenantReplication: false } };
            const linked = orp(unknown, { propertyDependencies: { sourceAccount: [urnOf(source)], destinationAccount: [urnOf(dr)] } });
            assert.deepEqual(await runStack(control, [source, dr, linked], azBoundarySettings), { violations: [], unverified: [], urns: [] });
            const loose = await runStack(control, [source, orp(unknown)], azBoundarySettings);
            assertFindings(loose, [{ at: "destinationAccount", urn: urnOf({ type: ORP, name: "orp" }), outcome: "unverified" }]);
        });

        it("skips replication from an account outside the PHI scope, and judges one from an account outside the stack", async () => {
            const r = await runStack(control, [source, orp(outside)], { ...azBoundarySettings, settings: { ...azBoundarySettings.settings, phiScope: "tagged" } });
            assert.deepEqual(r.violations, []);
            const external = await runStack(control, [{ type: ORP, name: "orp", props: { sourceAccount: "/subscriptions/x/elsewhere", destinationAccount: outside } }], azBoundarySettings);
            assert.equal(external.violations.length, 1);
        });

        it("takes the boundary from the stack's provider when none is configured", async () => {
            const r = await runStack(control, [provider(AZ_BOUNDARY.subscription), source, orp(outside), { ...orp(inside), name: "orp2" }]);
            assertFindings(r, [{ at: "destinationAccount", urn: urnOf({ type: ORP, name: "orp" }) }]);
        });

        it("says once per stack that the boundary could not be told, when the stack does not show it", async () => {
            const r = await runStack(control, [source, orp(outside), { ...orp(inside), name: "orp2" }]);
            assertFindings(r, [{ at: "the organisation boundary", outcome: "unverified" }]);
            assert.match(r.unverified[0], /2 destinations .*configure trustedAzureSubscriptionIds \/ trustedAzureTenantIds/);
        });

        it("counts the scan's placeholder subscription as the stack's own", async () => {
            const r = await runStack(control, [source, orp("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/dr")]);
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });
    });

    describe("SQL", () => {
        it("flags each failover group partner in another subscription, at its index", async () => {
            const partners = [{ id: azIdIn(AZ_BOUNDARY.subscription, "rg/providers/Microsoft.Sql/servers/a") }, { id: azIdIn(AZ_BOUNDARY.foreignSubscription, "rg/providers/Microsoft.Sql/servers/b") }];
            const r = await runStack(control, [{ type: "azure-native:sql/v20230801preview:FailoverGroup", name: "fog", props: { partnerServers: partners } }], azBoundarySettings);
            assertFindings(r, [{ at: "partnerServers[1].id", urn: urnOf({ type: "azure-native:sql/v20230801preview:FailoverGroup", name: "fog" }) }]);
            const pending = await runStack(control, [{ type: FOG, name: "fog", props: { partnerServers: unknown } }], azBoundarySettings);
            assertFindings(pending, [{ at: "partnerServers", urn: urnOf({ type: FOG, name: "fog" }), outcome: "unverified" }]);
        });

        it("flags a database copied or made a secondary in another subscription, and passes one in the stack's", async () => {
            const db = (createMode: unknown, sub: string) => ({ type: DB, name: "copy", props: { createMode, id: azIdIn(sub, "rg/providers/Microsoft.Sql/servers/s/databases/copy") } });
            for (const mode of ["Copy", "secondary", "OnlineSecondary"]) {
                assertFindings(await runStack(control, [db(mode, AZ_BOUNDARY.foreignSubscription)], azBoundarySettings), [{ at: "createMode", urn: urnOf({ type: DB, name: "copy" }) }]);
            }
            assert.deepEqual(await runStack(control, [db("Copy", AZ_BOUNDARY.subscription)], azBoundarySettings), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runStack(control, [db("Default", AZ_BOUNDARY.foreignSubscription)], azBoundarySettings), { violations: [], unverified: [], urns: [] });
        });

        it("places a copy whose id is unknown by the providers: unverified while one of them points outside", async () => {
            const copy = { type: DB, name: "copy", props: { createMode: "Copy", id: unknown } };
            assert.deepEqual(await runStack(control, [provider(AZ_BOUNDARY.subscription), copy], azBoundarySettings), { violations: [], unverified: [], urns: [] });
            const r = await runStack(control, [provider(AZ_BOUNDARY.subscription), provider(AZ_BOUNDARY.foreignSubscription, "partner"), copy], azBoundarySettings);
            assertFindings(r, [{ at: "createMode", urn: urnOf({ type: DB, name: "copy" }), outcome: "unverified" }]);
        });
    });
});
