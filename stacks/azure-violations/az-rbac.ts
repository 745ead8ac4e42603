// RBAC, privileged access and workload identity paths to PHI. The module's own PHI resource group is
// locked and reviewed quarterly, and each grant below carries a ticket, so that every resource
// triggers the one control it demonstrates (the function app's Contributor is also a standing
// privileged assignment, which az-rbac-privileged-standing reports as well).
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as web from "@pulumi/azure-native/web";

const role = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const OWNER = role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
const CONTRIBUTOR = role("b24988ac-6180-42a0-ab88-20f7382dd24c");
const WEBSITE_CONTRIBUTOR = role("de139f84-1756-47ae-9be6-808fbbe84772");
const BLOB_READER = role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
const TENANT = "77777777-7777-7777-7777-777777777777";

const rg = new resources.ResourceGroup("rbac-phi", { tags: { "data-classification": "phi" } });
new authorization.ManagementLockAtResourceGroupLevel("rbac-phi-lock", { resourceGroupName: rg.name, level: "CanNotDelete", notes: "PHI records" });

const quarterly = {
    type: "absoluteMonthly",
    interval: 3,
    autoApplyDecisionsEnabled: true,
    defaultDecisionEnabled: true,
    defaultDecision: "Deny",
    includeAccessBelowResource: true,
    instanceDurationInDays: 14,
    range: { type: "noEnd", startDate: "2026-01-01T00:00:00Z" },
    reviewers: [{ principalId: "55555555-5555-5555-5555-555555555555" }],
};
new authorization.ScopeAccessReviewScheduleDefinitionById("rbac-phi-review", { scope: rg.id, displayName: "PHI access, quarterly", ...quarterly });

// az-rbac-privileged-standing: a database administrator holds Owner permanently instead of through PIM.
new authorization.RoleAssignment("dba-owner-standing", {
    principalId: "33333333-3333-3333-3333-333333333333",
    principalType: "User",
    roleDefinitionId: OWNER,
    scope: rg.id,
    description: "Database administration; ticket SEC-2001",
});

// az-rbac-custom-roles: a custom role with every action, and a narrow one assignable across the subscription.
new authorization.RoleDefinition("ops-everything", {
    roleName: "Ops everything",
    scope: rg.id,
    assignableScopes: [rg.id],
    permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Delete"] }],
});
new authorization.RoleDefinition("restart-anywhere", {
    roleName: "Restart anywhere",
    scope: "/subscriptions/00000000-0000-0000-0000-000000000000",
    assignableScopes: ["/subscriptions/00000000-0000-0000-0000-000000000000"],
    permissions: [{ actions: ["Microsoft.Web/sites/restart/action"] }],
});

// az-rbac-deny-assignments: a PHI resource group with a review but no lock.
const unlocked = new resources.ResourceGroup("phi-unlocked", { tags: { "data-classification": "phi" } });
new authorization.ScopeAccessReviewScheduleDefinitionById("phi-unlocked-review", { scope: unlocked.id, displayName: "Unlocked PHI access", ...quarterly });

// az-access-reviews: a locked PHI resource group that no access review covers, and a review that runs once a year.
const unreviewed = new resources.ResourceGroup("phi-unreviewed", { tags: { "data-classification": "phi" } });
new authorization.ManagementLockAtResourceGroupLevel("phi-unreviewed-lock", { resourceGroupName: unreviewed.name, level: "ReadOnly" });
new authorization.ScopeAccessReviewScheduleDefinitionById("rbac-phi-yearly-review", { scope: rg.id, displayName: "PHI access, yearly", ...quarterly, interval: 12 });

// az-segregation-of-duties: the release engineer deploys the app and also reads the PHI blobs.
const releaseEngineer = "44444444-4444-4444-4444-444444444444";
new authorization.RoleAssignment("release-deploy", {
    principalId: releaseEngineer,
    principalType: "User",
    roleDefinitionId: WEBSITE_CONTRIBUTOR,
    scope: rg.id,
    description: "Release deployments; ticket SEC-2002",
});
new authorization.RoleAssignment("release-blob-reader", {
    principalId: releaseEngineer,
    principalType: "User",
    roleDefinitionId: BLOB_READER,
    scope: rg.id,
    description: "Debugging exports; ticket SEC-2003",
});

// az-grant-justification: a PHI data grant nobody explained, and an Owner eligibility that never expires.
new authorization.RoleAssignment("support-blob-reader", {
    principalId: "66666666-6666-6666-6666-666666666666",
    principalType: "Group",
    roleDefinitionId: BLOB_READER,
    scope: rg.id,
});
new authorization.PimRoleEligibilitySchedule("admin-eligible-forever", {
    principalId: "88888888-8888-8888-8888-888888888888",
    roleDefinitionId: OWNER,
    scope: rg.id,
    justification: "Platform on-call",
    ticketInfo: { ticketNumber: "SEC-2004", ticketSystem: "Jira" },
    scheduleInfo: { startDateTime: "2026-01-01T00:00:00Z", expiration: { type: "NoExpiration" } },
});

// az-identity-scope: a function app whose managed identity is Contributor on its resource group.
const plan = new web.AppServicePlan("rbac-plan", { resourceGroupName: rg.name, kind: "linux", reserved: true, sku: { name: "P1v3", tier: "PremiumV3" } });
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
new authorization.RoleAssignment("claims-fn-contributor", {
    principalId: fn.identity.apply((i) => i?.principalId ?? ""),
    principalType: "ServicePrincipal",
    roleDefinitionId: CONTRIBUTOR,
    scope: rg.id,
    description: "Function deploys its own resources; ticket SEC-2005",
});
