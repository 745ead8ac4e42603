import { azAksCluster as control } from "../../../../policies/azure/aks/cluster";
import { change, defineExamples, fails, resource } from "../../../examples";

const cluster = resource("azure-native:containerservice:ManagedCluster", "phi-aks", {
    resourceGroupName: "rg-phi",
    dnsPrefix: "phi-aks",
    identity: { type: "SystemAssigned" },
    agentPoolProfiles: [{ name: "system", mode: "System", count: 3, vmSize: "Standard_D4s_v5" }],
    apiServerAccessProfile: { enablePrivateCluster: true },
    disableLocalAccounts: true,
    aadProfile: { managed: true, enableAzureRBAC: true },
});
const baseline = [cluster];
const restricted = change(baseline, "phi-aks", { apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24"] } });
const open = change(baseline, "phi-aks", { apiServerAccessProfile: undefined });
const anywhere = change(baseline, "phi-aks", { apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/0"] } });
const local = change(baseline, "phi-aks", { disableLocalAccounts: false });
const noAad = change(baseline, "phi-aks", { aadProfile: undefined });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a private cluster without local accounts, authorizing through Entra ID and Azure RBAC", resources: baseline },
        "authorized-ranges": { says: "a public API server limited to the administrators' range", resources: restricted },
    },
    failing: {
        "public-api-server": { says: "a public API server with no authorized ranges", resources: open, findings: [fails(open[0], "apiServerAccessProfile.authorizedIPRanges")] },
        "internet-range": { says: "authorized ranges that are the whole internet", resources: anywhere, findings: [fails(anywhere[0], "apiServerAccessProfile.authorizedIPRanges")] },
        "local-accounts": { says: "local accounts left enabled", resources: local, findings: [fails(local[0], "disableLocalAccounts")] },
        "no-entra-rbac": { says: "no Entra ID integration with Azure RBAC", resources: noAad, findings: [fails(noAad[0], "aadProfile.enableAzureRBAC")] },
    },
});
