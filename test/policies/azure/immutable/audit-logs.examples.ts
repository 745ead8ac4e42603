import { azImmutableAuditLogs as control } from "../../../../policies/azure/immutable/audit-logs";
import { change, defineExamples, fails, linked, resource } from "../../../examples";

const account = resource("azure-native:storage:StorageAccount", "auditlogs", {
    resourceGroupName: "rg-logs",
    kind: "StorageV2",
    sku: { name: "Standard_GRS" },
    immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2190, state: "Locked" } },
});
const container = linked("azure-native:storage:BlobContainer", "insights-logs-auditevent", "accountName", account, { resourceGroupName: "rg-logs", containerName: "insights-logs-auditevent" });
const baseline = [account, container];
const unlocked = change(baseline, "auditlogs", { immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2190, state: "Unlocked" } } });
const short = change(baseline, "auditlogs", { immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 365, state: "Locked" } } });

export default defineExamples({
    control,
    passing: { baseline: { says: "an audit-log container on an account with a locked six-year immutability policy", resources: baseline } },
    failing: {
        unlocked: { says: "the policy is not locked, so an administrator can shorten or remove it", resources: unlocked, findings: [fails(container, "accountName -> immutableStorageWithVersioning.immutabilityPolicy.state")] },
        "one-year": { says: "one year of immutability", resources: short, findings: [fails(container, "accountName -> immutableStorageWithVersioning.immutabilityPolicy.immutabilityPeriodSinceCreationInDays")] },
    },
});
