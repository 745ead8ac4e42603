import { azRbacDenyAssignments as control } from "../../../../policies/azure/rbac/deny-assignments";
import { defineExamples, fails, linked, resource } from "../../../examples";

const group = resource("azure-native:resources:ResourceGroup", "rg-phi", { resourceGroupName: "rg-phi", location: "eastus", tags: { "data-classification": "phi" } });
const lock = linked("azure-native:authorization:ManagementLockAtResourceGroupLevel", "rg-phi-lock", "resourceGroupName", group, { level: "CanNotDelete", notes: "PHI: deletion needs a change ticket" });
const baseline = [group, lock];

export default defineExamples({
    control,
    passing: { baseline: { says: "a PHI resource group under a CanNotDelete lock", resources: baseline } },
    failing: {
        "no-lock": { says: "a PHI resource group with neither a lock nor a deny assignment", resources: [group], findings: [fails(group, "authorization.ManagementLockAtResourceGroupLevel")] },
    },
});
