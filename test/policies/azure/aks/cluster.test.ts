import { azAksCluster as control } from "../../../../policies/azure/aks/cluster";
import { runResource, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const MC = "azure-native:containerservice:ManagedCluster";
const good = {
    resourceGroupName: "rg",
    apiServerAccessProfile: { enablePrivateCluster: true },
    disableLocalAccounts: true,
    aadProfile: { managed: true, enableAzureRBAC: true },
};
const cluster = (props: Record<string, unknown>) => {
    const merged: Record<string, unknown> = { ...good, ...props };
    for (const [k, v] of Object.entries(props)) if (v === undefined) delete merged[k];
    return { type: MC, props: merged };
};
const RANGES = "apiServerAccessProfile.authorizedIPRanges";

describe("az-aks-cluster", () => {
    it("passes a private cluster without local accounts, with Entra ID and Azure RBAC", async () => {
        assertFindings(await runResource(control, cluster({})), []);
    });

    it("passes a public API server limited to known ranges, and one with public network access disabled", async () => {
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24", "198.51.100.7/32"] } })), []);
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: undefined, publicNetworkAccess: "disabled" })), []);
    });

    it("flags a public API server without authorized ranges, and one whose ranges are empty strings", async () => {
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: undefined })), [{ at: RANGES }]);
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: { enablePrivateCluster: false, authorizedIPRanges: [" "] } })), [{ at: RANGES }]);
    });

    it("flags authorized ranges that add up to the internet (0.0.0.0/0, or halves of it)", async () => {
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: { authorizedIPRanges: ["10.0.0.0/8", "0.0.0.0/0"] } })), [{ at: RANGES }]);
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: { authorizedIPRanges: ["0.0.0.0/1", "128.0.0.0/1"] } })), [{ at: RANGES }]);
    });

    it("with requirePrivateCluster, flags a public API server even with narrow ranges", async () => {
        const r = await runResource(control, cluster({ apiServerAccessProfile: { authorizedIPRanges: ["203.0.113.0/24"] } }), { config: { requirePrivateCluster: true } });
        assertFindings(r, [{ at: "apiServerAccessProfile.enablePrivateCluster" }]);
    });

    it("flags local accounts left on (unset or false) and a cluster without Azure RBAC, given as strings too", async () => {
        assertFindings(await runResource(control, cluster({ disableLocalAccounts: undefined })), [{ at: "disableLocalAccounts" }]);
        assertFindings(await runResource(control, cluster({ disableLocalAccounts: "false", aadProfile: { managed: true, enableAzureRBAC: "false" } })), [
            { at: "disableLocalAccounts" },
            { at: "aadProfile.enableAzureRBAC" },
        ]);
        assertFindings(await runResource(control, cluster({ aadProfile: undefined })), [{ at: "aadProfile.enableAzureRBAC" }]);
    });

    it("reports unknown values as unverified", async () => {
        const r = await runResource(control, cluster({ apiServerAccessProfile: { enablePrivateCluster: unknown }, disableLocalAccounts: unknown, aadProfile: unknown }));
        assertFindings(r, [
            { at: "apiServerAccessProfile.enablePrivateCluster", outcome: "unverified" },
            { at: "disableLocalAccounts", outcome: "unverified" },
            { at: "aadProfile.enableAzureRBAC", outcome: "unverified" },
        ]);
        assertFindings(await runResource(control, cluster({ apiServerAccessProfile: { authorizedIPRanges: [unknown] } })), [{ at: RANGES, outcome: "unverified" }]);
    });

    it("judges an API-versioned ManagedCluster token", async () => {
        const r = await runResource(control, { ...cluster({ disableLocalAccounts: false }), type: "azure-native:containerservice/v20240801:ManagedCluster" });
        assertFindings(r, [{ at: "disableLocalAccounts" }]);
    });
});
