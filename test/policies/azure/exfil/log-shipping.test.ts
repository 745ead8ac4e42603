import { strict as assert } from "assert";
import { azExfilLogShipping as control } from "../../../../policies/azure/exfil/log-shipping";
import { runResource, runStack, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { AZ_BOUNDARY, azBoundarySettings, azIdIn } from "../../../examples";

const WORKSPACE = "azure-native:operationalinsights:Workspace";
const SETTING = "azure-native:monitor:DiagnosticSetting";
const SUB_SETTING = "azure-native:insights:SubscriptionDiagnosticSetting";
const EXPORT = "azure-native:operationalinsights:DataExport";
const clean = { violations: [], unverified: [], urns: [] };
const inside = azIdIn(AZ_BOUNDARY.subscription, "rg/providers/Microsoft.OperationalInsights/workspaces/audit");
const outside = azIdIn(AZ_BOUNDARY.foreignSubscription, "rg/providers/Microsoft.Storage/storageAccounts/collector");
const setting = (props: Record<string, unknown>, type = SETTING, name = "diag") => ({ type, name, props: { resourceUri: "/subscriptions/x/kv", logs: [{ categoryGroup: "audit", enabled: true }], ...props } });

describe("az-exfil-log-shipping", () => {
    describe("workspaces", () => {
        it("passes a workspace closed to public queries, in any case and on a versioned token", async () => {
            assert.deepEqual(await runResource(control, { type: WORKSPACE, props: { publicNetworkAccessForQuery: "disabled" } }), clean);
            assert.deepEqual(await runResource(control, { type: "azure-native:operationalinsights/v20230901:Workspace", props: { publicNetworkAccessForQuery: "Disabled" } }), clean);
        });

        it("flags the default and Enabled, and reports unknown as unverified", async () => {
            assertFindings(await runResource(control, { type: WORKSPACE, props: {} }), [{ at: "publicNetworkAccessForQuery" }]);
            assertFindings(await runResource(control, { type: WORKSPACE, props: { publicNetworkAccessForQuery: "Enabled" } }), [{ at: "publicNetworkAccessForQuery" }]);
            assertFindings(await runResource(control, { type: WORKSPACE, props: { publicNetworkAccessForQuery: unknown } }), [{ at: "publicNetworkAccessForQuery", outcome: "unverified" }]);
        });

        it("honours the PHI scope", async () => {
            assert.deepEqual(await runResource(control, { type: WORKSPACE, props: {} }, { settings: { phiScope: "tagged" } }), clean);
        });
    });

    describe("destinations", () => {
        it("passes every destination in a trusted subscription, ids in any case", async () => {
            const r = await runStack(control, [setting({ workspaceId: inside.toUpperCase(), storageAccountId: inside, eventHubAuthorizationRuleId: inside })], azBoundarySettings);
            assert.deepEqual(r, clean);
        });

        it("flags each destination in another subscription, on resource and subscription settings and workspace exports", async () => {
            const r = await runStack(
                control,
                [
                    setting({ workspaceId: inside, storageAccountId: secret(outside), eventHubAuthorizationRuleId: outside }),
                    setting({ workspaceId: outside }, SUB_SETTING, "activity"),
                    { type: EXPORT, name: "export", props: { resourceId: outside, tableNames: ["StorageBlobLogs"] } },
                ],
                azBoundarySettings,
            );
            assertFindings(r, [
                { at: "storageAccountId", urn: urnOf({ type: SETTING, name: "diag" }) },
                { at: "eventHubAuthorizationRuleId", urn: urnOf({ type: SETTING, name: "diag" }) },
                { at: "workspaceId", urn: urnOf({ type: SUB_SETTING, name: "activity" }) },
                { at: "resourceId", urn: urnOf({ type: EXPORT, name: "export" }) },
            ]);
            assert.doesNotMatch(r.violations.join("\n"), new RegExp(AZ_BOUNDARY.foreignSubscription));
        });

        it("places a destination unknown at preview through the stack workspace it is taken from, else reports it unverified", async () => {
            const ws = { type: WORKSPACE, name: "audit", props: { publicNetworkAccessForQuery: "Disabled" } };
            const linked = { ...setting({ workspaceId: unknown }), propertyDependencies: { workspaceId: [urnOf(ws)] } };
            assert.deepEqual(await runStack(control, [ws, linked], azBoundarySettings), clean);
            assertFindings(await runStack(control, [setting({ workspaceId: unknown })], azBoundarySettings), [{ at: "workspaceId", urn: urnOf({ type: SETTING, name: "diag" }), outcome: "unverified" }]);
        });

        it("says the owner could not be told for a destination without a subscription", async () => {
            const r = await runStack(control, [setting({ storageAccountId: "collector" })], azBoundarySettings);
            assertFindings(r, [{ at: "storageAccountId", urn: urnOf({ type: SETTING, name: "diag" }), outcome: "unverified" }]);
            assert.match(r.unverified[0], /owner could not be told/);
        });

        it("says once per stack that the boundary could not be told", async () => {
            const r = await runStack(control, [setting({ workspaceId: outside }), setting({ storageAccountId: outside }, SETTING, "diag2")]);
            assertFindings(r, [{ at: "the organisation boundary", outcome: "unverified" }]);
        });
    });
});
