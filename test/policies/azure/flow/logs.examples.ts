import { azFlowLogs as control } from "../../../../policies/azure/flow/logs";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const nsg = resource("azure-native:network:NetworkSecurityGroup", "phi-nsg", { resourceGroupName: "rg-phi" });
const flow = linked("azure-native:network:FlowLog", "phi-flow", "targetResourceId", nsg, {
    resourceGroupName: "NetworkWatcherRG",
    networkWatcherName: "NetworkWatcher_eastus",
    storageId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-logs/providers/Microsoft.Storage/storageAccounts/flowlogs",
    enabled: true,
    retentionPolicy: { enabled: true, days: 365 },
});
const baseline = [nsg, flow];
const disabled = change(baseline, "phi-flow", { enabled: false });
const short = change(baseline, "phi-flow", { retentionPolicy: { enabled: true, days: 30 } });

export default defineExamples({
    control,
    passing: { baseline: { says: "an NSG with an enabled flow log kept a year", resources: baseline } },
    failing: {
        "no-flow-log": { says: "an NSG without a flow log", resources: without(baseline, "phi-flow"), findings: [fails(nsg, "flowLogs")] },
        disabled: { says: "the flow log is disabled", resources: disabled, findings: [fails(disabled[1], "enabled")] },
        "short-retention": { says: "flow logs kept 30 days", resources: short, findings: [fails(short[1], "retentionPolicy.days")] },
    },
});
