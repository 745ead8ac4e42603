import { azExfilLogShipping as control } from "../../../../policies/azure/exfil/log-shipping";
import { AZ_BOUNDARY, azBoundarySettings, azIdIn, change, defineExamples, fails, linked, resource } from "../../../examples";

const options = azBoundarySettings;
const workspace = resource("azure-native:operationalinsights:Workspace", "phi-audit", {
    resourceGroupName: "rg-logs",
    sku: { name: "PerGB2018" },
    publicNetworkAccessForQuery: "Disabled",
});
const vault = resource("azure-native:keyvault:Vault", "phi-keys", { resourceGroupName: "rg-phi", properties: { tenantId: AZ_BOUNDARY.tenant, sku: { family: "A", name: "standard" }, enableRbacAuthorization: true } });
const setting = linked("azure-native:monitor:DiagnosticSetting", "phi-keys-diag", "resourceUri", vault, {
    workspaceId: azIdIn(AZ_BOUNDARY.subscription, "rg-logs/providers/Microsoft.OperationalInsights/workspaces/phi-audit"),
    logs: [{ categoryGroup: "audit", enabled: true }],
});
const baseline = [workspace, vault, setting];
const foreign = azIdIn(AZ_BOUNDARY.foreignSubscription, "rg-x/providers/Microsoft.Storage/storageAccounts/collector");

export default defineExamples({
    control,
    passing: { baseline: { says: "the key vault's audit logs go to a private workspace in a trusted subscription", resources: baseline, options } },
    failing: {
        "foreign-storage": {
            says: "the diagnostic setting also archives the logs to a storage account in another subscription",
            resources: change(baseline, "phi-keys-diag", { storageAccountId: foreign }),
            options,
            findings: [fails(setting, "storageAccountId")],
        },
        "public-query": {
            says: "the workspace answers queries from public networks",
            resources: change(baseline, "phi-audit", { publicNetworkAccessForQuery: "Enabled" }),
            options,
            findings: [fails(workspace, "publicNetworkAccessForQuery")],
        },
    },
});
