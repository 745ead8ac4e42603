import { azDefenderPurview as control } from "../../../../policies/azure/defender/purview";
import { AZ_SUBSCRIPTION, change, defineExamples, fails, resource, without } from "../../../examples";

const pricing = (plan: string, tier = "Standard") => resource("azure-native:security:Pricing", `defender-${plan}`, { pricingName: plan, pricingTier: tier, scopeId: AZ_SUBSCRIPTION });
const storage = resource("azure-native:storage:StorageAccount", "records", { resourceGroupName: "rg-phi", kind: "StorageV2", sku: { name: "Standard_ZRS" } });
const purview = resource("azure-native:purview:Account", "purview", { resourceGroupName: "rg-phi", identity: { type: "SystemAssigned" }, publicNetworkAccess: "Disabled" });
const baseline = [storage, ...["StorageAccounts", "KeyVaults", "SqlServers", "Arm"].map((p) => pricing(p)), purview];
const free = change(baseline, "defender-StorageAccounts", { pricingTier: "Free" });

export default defineExamples({
    control,
    passing: { baseline: { says: "Defender for Storage, Key Vault, SQL and Resource Manager at Standard, and a Purview account", resources: baseline } },
    failing: {
        "storage-plan-free": { says: "Defender for Storage at the Free tier", resources: free, findings: [fails(free[1], "pricingTier")] },
        "no-storage-plan": { says: "no Defender for Storage plan", resources: without(baseline, "defender-StorageAccounts"), findings: [fails(storage, "(security.Pricing)")] },
    },
});
