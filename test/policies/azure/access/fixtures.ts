import { UNKNOWN_WIRE_VALUE } from "../../../../engine/resource";
import { AZ_BOUNDARY, AZ_ROLES, azRole, linked, resource } from "../../../examples";
import { urnOf } from "../../../harness";
import type { TestResource } from "../../../harness";

/**
 * A small Azure stack for the access controls: a PHI storage account in a resource group, an app
 * whose user-assigned identity reads it through an assignment on the group (inherited), and a
 * group of developers that deploys code to the app.
 */
export const rg = resource("azure-native:resources:ResourceGroup", "claims-rg", { resourceGroupName: "claims-rg" });
export const account = linked("azure-native:storage:StorageAccount", "claimsstore", "resourceGroupName", rg, { kind: "StorageV2", sku: { name: "Standard_GRS" } });
export const identity = linked("azure-native:managedidentity:UserAssignedIdentity", "claims-api-id", "resourceGroupName", rg);
export const app = resource(
    "azure-native:web:WebApp",
    "claims-api",
    { resourceGroupName: "claims-rg", identity: { type: "UserAssigned", userAssignedIdentities: [] } },
    { propertyDependencies: { identity: [identity.urn ?? `urn:pulumi:test::test::${identity.type}::${identity.name}`] } },
);
export const scoped = (name: string, role: string, principalId: string, principalType: string, props: Record<string, unknown> = {}): TestResource =>
    linked("azure-native:authorization:RoleAssignment", name, "scope", rg, { roleDefinitionId: azRole(role), principalId, principalType, ...props });
/** The app's identity reads the group's blobs: its principalId is the identity's output, linked as the engine links it. */
export const appReads: TestResource = resource(
    "azure-native:authorization:RoleAssignment",
    "claims-api-reads",
    { scope: UNKNOWN_WIRE_VALUE, principalId: UNKNOWN_WIRE_VALUE, roleDefinitionId: azRole(AZ_ROLES.storageBlobDataReader), principalType: "ServicePrincipal" },
    { propertyDependencies: { scope: [urnOf(rg)], principalId: [urnOf(identity)] } },
);
export const DEVELOPERS = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
export const developersDeploy = scoped("developers-deploy", AZ_ROLES.websiteContributor, DEVELOPERS, "Group");
export const federation = (tenant: string) =>
    linked("azure-native:managedidentity:FederatedIdentityCredential", "claims-api-federation", "resourceName", identity, {
        resourceGroupName: "claims-rg",
        issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        subject: "batch-export",
        audiences: ["api://AzureADTokenExchange"],
    });

export const boundary = { settings: { trustedAzureSubscriptionIds: [AZ_BOUNDARY.subscription], trustedAzureTenantIds: [AZ_BOUNDARY.tenant] } };

/** The compliant baseline: the app reads the account; nobody else reaches it; the identity trusts its own tenant. */
export const baseline: TestResource[] = [rg, account, identity, app, appReads, federation(AZ_BOUNDARY.tenant)];
