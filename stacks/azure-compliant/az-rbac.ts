// Access to the PHI resource group the way phi-guard expects it: a delete lock, a quarterly access
// review that applies its decisions, administrators eligible through PIM with an expiry and a ticket,
// a narrow custom role, and a function app whose identity holds only the data role it needs.
import * as authorization from "@pulumi/azure-native/authorization";
import * as web from "@pulumi/azure-native/web";
import { rg } from "./foundation";

const role = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const CONTRIBUTOR = role("b24988ac-6180-42a0-ab88-20f7382dd24c");
const BLOB_READER = role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
const TENANT = "77777777-7777-7777-7777-777777777777";

new authorization.ManagementLockAtResourceGroupLevel("phi-delete-lock", {
    resourceGroupName: rg.name,
    level: "CanNotDelete",
    notes: "PHI records: removing this lock needs a change ticket",
});

new authorization.ScopeAccessReviewScheduleDefinitionById("phi-quarterly-review", {
    scope: rg.id,
    displayName: "PHI resource group access, quarterly",
    descriptionForReviewers: "Confirm each person still needs access to PHI.",
    type: "absoluteMonthly",
    interval: 3,
    range: { type: "noEnd", startDate: "2026-01-01T00:00:00Z" },
    instanceDurationInDays: 14,
    autoApplyDecisionsEnabled: true,
    defaultDecisionEnabled: true,
    defaultDecision: "Deny",
    includeAccessBelowResource: true,
    justificationRequiredOnApproval: true,
    mailNotificationsEnabled: true,
    reminderNotificationsEnabled: true,
    reviewers: [{ principalId: "55555555-5555-5555-5555-555555555555" }],
});

/** Platform administrators are eligible for Contributor on the PHI resource group for 180 days at a time. */
new authorization.PimRoleEligibilitySchedule("platform-admins-eligible", {
    principalId: "33333333-3333-3333-3333-333333333333",
    roleDefinitionId: CONTRIBUTOR,
    scope: rg.id,
    justification: "Platform on-call administration of the PHI workload",
    ticketInfo: { ticketNumber: "SEC-1050", ticketSystem: "Jira" },
    scheduleInfo: { startDateTime: "2026-01-01T00:00:00Z", expiration: { type: "AfterDuration", duration: "P180D" } },
});

/** Operators may restart the portal and nothing else, only on the PHI resource group. */
new authorization.RoleDefinition("portal-restarter", {
    roleName: "PHI portal restarter",
    description: "Restart App Service apps in the PHI resource group",
    scope: rg.id,
    assignableScopes: [rg.id],
    permissions: [{ actions: ["Microsoft.Web/sites/read", "Microsoft.Web/sites/restart/action"] }],
});

const plan = new web.AppServicePlan("claims-plan", { resourceGroupName: rg.name, kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3" } });

const fn = new web.WebApp("claims-fn", {
    resourceGroupName: rg.name,
    serverFarmId: plan.id,
    kind: "functionapp,linux",
    httpsOnly: true,
    identity: { type: "SystemAssigned" },
    siteConfig: { minTlsVersion: "1.2", scmMinTlsVersion: "1.2", ftpsState: "Disabled", linuxFxVersion: "NODE|20" },
});

new web.WebAppAuthSettingsV2("claims-fn-auth", {
    resourceGroupName: rg.name,
    name: fn.name,
    platform: { enabled: true },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "Return401" },
    identityProviders: {
        azureActiveDirectory: {
            enabled: true,
            registration: { clientId: "99999999-9999-9999-9999-999999999999", openIdIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0` },
        },
    },
});

/** The function reads claim documents and nothing else. */
new authorization.RoleAssignment("claims-fn-blob-reader", {
    principalId: fn.identity.apply((i) => i?.principalId ?? ""),
    principalType: "ServicePrincipal",
    roleDefinitionId: BLOB_READER,
    scope: rg.id,
    description: "Claims function reads claim documents; ticket SEC-1051; owner claims-team",
});
