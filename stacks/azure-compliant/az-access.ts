// Access paths kept short: an identity reads PHI blobs through one assignment, nobody deploys code
// that runs as it, and it trusts tokens only of the organisation's own tenant.
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { rg } from "./foundation";

const BLOB_READER = "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const TENANT = "33333333-3333-3333-3333-333333333333";

const identity = new managedidentity.UserAssignedIdentity("claims-export-id", { resourceGroupName: rg.name });
new authorization.RoleAssignment("claims-export-blob-reader", {
    principalId: identity.principalId,
    principalType: "ServicePrincipal",
    roleDefinitionId: BLOB_READER,
    scope: rg.id,
    description: "Nightly claims export; ticket SEC-2201",
});
new managedidentity.FederatedIdentityCredential("claims-export-ci", {
    resourceGroupName: rg.name,
    resourceName: identity.name,
    issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    subject: "claims-export-pipeline",
    audiences: ["api://AzureADTokenExchange"],
});
