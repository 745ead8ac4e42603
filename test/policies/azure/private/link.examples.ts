import { azPrivateLink as control } from "../../../../policies/azure/private/link";
import { change, defineExamples, fails, resource, without } from "../../../examples";
import { unknown, urnOf } from "../../../harness";

const account = resource("azure-native:storage:StorageAccount", "records", { resourceGroupName: "rg-phi", kind: "StorageV2", sku: { name: "Standard_ZRS" }, publicNetworkAccess: "Disabled" });
const endpoint = resource(
    "azure-native:network:PrivateEndpoint",
    "records-pe",
    { resourceGroupName: "rg-phi", subnet: { id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/phi/subnets/data" }, privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: unknown, groupIds: ["blob"] }] },
    { propertyDependencies: { privateLinkServiceConnections: [urnOf(account)] } },
);
const baseline = [account, endpoint];
const publicToo = change(baseline, "records", { publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Deny", ipRules: [{ iPAddressOrRange: "203.0.113.0/24" }] } });

export default defineExamples({
    control,
    passing: { baseline: { says: "a storage account reachable only through a private endpoint", resources: baseline } },
    failing: {
        "no-private-endpoint": { says: "no private endpoint", resources: without(baseline, "records-pe"), findings: [fails(account, "privateEndpointConnections")] },
        "public-network-too": { says: "a private endpoint, but the public endpoint still on behind a firewall", resources: publicToo, findings: [fails(publicToo[0], "publicNetworkAccess")] },
    },
});
