import * as network from "@pulumi/azure-native/network";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";

const rg = new resources.ResourceGroup("phi-violations");

// az-rbac-scope: Contributor at subscription scope reaches every PHI resource group.
new authorization.RoleAssignment("ops-contributor-subscription", {
    principalId: "11111111-1111-1111-1111-111111111111",
    principalType: "Group",
    roleDefinitionId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
    scope: "/subscriptions/00000000-0000-0000-0000-000000000000",
});

// az-nsg-egress: an inline outbound rule to the Internet service tag.
new network.NetworkSecurityGroup("app-nsg", {
    resourceGroupName: rg.name,
    securityRules: [
        {
            name: "allow-internet-out",
            priority: 100,
            direction: "Outbound",
            access: "Allow",
            protocol: "*",
            sourceAddressPrefix: "VirtualNetwork",
            sourcePortRange: "*",
            destinationAddressPrefix: "Internet",
            destinationPortRange: "*",
        },
    ],
});

// az-nsg-egress: a standalone rule that splits the internet into two halves.
new network.SecurityRule("db-out-split", {
    resourceGroupName: rg.name,
    networkSecurityGroupName: "db-nsg",
    priority: 110,
    direction: "Outbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"],
    destinationPortRange: "443",
});
