import { azLogRetention as control } from "../../../../policies/azure/log/retention";
import { change, defineExamples, fails, linked, resource } from "../../../examples";

const ws = resource("azure-native:operationalinsights:Workspace", "audit", { resourceGroupName: "rg-logs", sku: { name: "PerGB2018" }, retentionInDays: 90 });
const table = (tableName: string, totalRetentionInDays: number) => linked("azure-native:operationalinsights:Table", `audit-${tableName}`, "workspaceName", ws, { resourceGroupName: "rg-logs", tableName, retentionInDays: 90, totalRetentionInDays });
const baseline = [ws, ...["AzureActivity", "AzureDiagnostics", "StorageBlobLogs"].map((t) => table(t, 2190))];
const oneYear = change(baseline, "audit-AzureActivity", { totalRetentionInDays: 365 });

export default defineExamples({
    control,
    passing: { baseline: { says: "a workspace whose audit tables are archived for six years", resources: baseline } },
    failing: {
        "activity-one-year": { says: "the activity log table is kept one year", resources: oneYear, findings: [fails(oneYear[1], "totalRetentionInDays"), fails(ws, "retentionInDays")] },
        "no-archive": { says: "a 90-day workspace with no archived tables", resources: [ws], findings: [fails(ws, "retentionInDays")] },
    },
});
