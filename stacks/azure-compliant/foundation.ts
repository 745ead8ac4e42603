import * as network from "@pulumi/azure-native/network";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";

export const rg = new resources.ResourceGroup("phi", { tags: { "data-classification": "phi" } });

/** Storage Blob Data Reader for the analytics group, on the PHI resource group only. */
new authorization.RoleAssignment("analysts-blob-reader", {
    principalId: "22222222-2222-2222-2222-222222222222",
    principalType: "Group",
    roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    scope: rg.id,
    description: "Analytics read access to PHI exports; ticket SEC-1042; owner data-platform; expires 2027-06-30",
});

export const nsg = new network.NetworkSecurityGroup("app-nsg", {
    resourceGroupName: rg.name,
    securityRules: [
        {
            name: "allow-storage-out",
            priority: 100,
            direction: "Outbound",
            access: "Allow",
            protocol: "Tcp",
            sourceAddressPrefix: "VirtualNetwork",
            sourcePortRange: "*",
            destinationAddressPrefix: "Storage",
            destinationPortRange: "443",
        },
        {
            name: "deny-internet-out",
            priority: 4000,
            direction: "Outbound",
            access: "Deny",
            protocol: "*",
            sourceAddressPrefix: "*",
            sourcePortRange: "*",
            destinationAddressPrefix: "Internet",
            destinationPortRange: "*",
        },
    ],
});
