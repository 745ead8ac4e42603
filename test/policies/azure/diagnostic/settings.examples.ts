import { azDiagnosticSettings as control } from "../../../../policies/azure/diagnostic/settings";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const vault = resource("azure-native:keyvault:Vault", "phi-kv", { resourceGroupName: "rg-phi", properties: { tenantId: "00000000-0000-0000-0000-0000000000aa", sku: { family: "A", name: "standard" }, enableRbacAuthorization: true } });
const workspace = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/audit";
const setting = linked("azure-native:monitor:DiagnosticSetting", "phi-kv-diag", "resourceUri", vault, { workspaceId: workspace, logs: [{ categoryGroup: "audit", enabled: true }] });
const activityLog = resource("azure-native:monitor:SubscriptionDiagnosticSetting", "activity-log", {
    workspaceId: workspace,
    logs: ["Administrative", "Security", "Policy"].map((category) => ({ category, enabled: true })),
});
const baseline = [vault, setting, activityLog];
const disabled = change(baseline, "phi-kv-diag", { logs: [{ categoryGroup: "audit", enabled: false }] });

export default defineExamples({
    control,
    passing: { baseline: { says: "a key vault that sends its audit logs to a Log Analytics workspace, and the subscription activity log sent there too", resources: baseline } },
    failing: {
        "no-setting": { says: "a key vault with no diagnostic setting", resources: without(baseline, "phi-kv-diag"), findings: [fails(vault, "monitor.DiagnosticSetting")] },
        "no-activity-log": { says: "the stack does not send the subscription activity log", resources: without(baseline, "activity-log"), findings: [{ at: "monitor.SubscriptionDiagnosticSetting" }] },
        "audit-disabled": { says: "the audit category group is disabled", resources: disabled, findings: [fails(vault, "monitor.DiagnosticSetting")] },
    },
});
