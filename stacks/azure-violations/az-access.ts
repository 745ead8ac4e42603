// Access paths to PHI on Azure that no single assignment shows: developers who deploy code to an
// app whose identity reads PHI through an assignment inherited from the resource group, and a
// foreign tenant federated into that identity. Each resource is otherwise hardened, so that the
// access controls show the paths; expected/az-access.json lists the findings.
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as web from "@pulumi/azure-native/web";
import { account, rg } from "./az-data";

const role = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const WEBSITE_CONTRIBUTOR = role("de139f84-1756-47ae-9be6-808fbbe84772");
const BLOB_READER = role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
const TENANT = "77777777-7777-7777-7777-777777777777";
const FOREIGN_TENANT = "12121212-3434-5656-7878-909090909090";

// az-access-human-readers (a limit of 0 for this account in policy-config.json): the developers read it through the app.
account("phiaccessclaims");

// The app's identity reads blobs through an assignment on the resource group, inherited by every account in it.
const identity = new managedidentity.UserAssignedIdentity("claims-api-id", { resourceGroupName: rg.name });
new authorization.RoleAssignment("claims-api-blob-reader", {
    principalId: identity.principalId,
    principalType: "ServicePrincipal",
    roleDefinitionId: BLOB_READER,
    scope: rg.id,
    description: "Claims API reads claim documents; ticket SEC-2101",
});
const plan = new web.AppServicePlan("access-plan", { resourceGroupName: rg.name, kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3" } });
const app = new web.WebApp("claims-api", {
    resourceGroupName: rg.name,
    serverFarmId: plan.id,
    kind: "functionapp,linux",
    httpsOnly: true,
    identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
    siteConfig: { minTlsVersion: "1.2", scmMinTlsVersion: "1.2", ftpsState: "Disabled", linuxFxVersion: "NODE|20" },
});
new web.WebAppAuthSettingsV2("claims-api-auth", {
    resourceGroupName: rg.name,
    name: app.name,
    platform: { enabled: true },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "Return401" },
    identityProviders: {
        azureActiveDirectory: {
            enabled: true,
            registration: { clientId: "99999999-9999-9999-9999-999999999999", openIdIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0` },
        },
    },
});

// az-access-transitive-duties: the developers deploy code to the app (Website Contributor), which reads PHI as its identity.
new authorization.RoleAssignment("app-developers-deploy", {
    principalId: "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    principalType: "Group",
    roleDefinitionId: WEBSITE_CONTRIBUTOR,
    scope: rg.id,
    description: "Claims API releases; ticket SEC-2102",
});

// az-access-external-reach: tokens of another tenant may act as the app's identity.
new managedidentity.FederatedIdentityCredential("claims-api-partner-federation", {
    resourceGroupName: rg.name,
    resourceName: identity.name,
    issuer: `https://login.microsoftonline.com/${FOREIGN_TENANT}/v2.0`,
    subject: "partner-batch-export",
    audiences: ["api://AzureADTokenExchange"],
});
