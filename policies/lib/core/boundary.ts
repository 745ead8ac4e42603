import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/**
 * The organisation's boundary: the accounts, organizations, tenants and subscriptions PHI may be
 * copied or shared into. A pack-wide setting (policies/settings.ts), read by every control that
 * judges data leaving the organisation. Left empty, a cloud's boundary is the stack's own account
 * or subscription where the stack shows it; when it cannot be told, the controls say so once per
 * stack instead of guessing.
 */
export interface BoundarySettings {
    trustedAwsAccountIds: string[];
    trustedAwsOrganizationIds: string[];
    trustedAzureTenantIds: string[];
    trustedAzureSubscriptionIds: string[];
}

const GUID = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

function idList(pattern: string, description: string): PolicyConfigJSONSchema {
    return { type: "array", items: { type: "string", pattern }, uniqueItems: true, default: [], description };
}

export const BOUNDARY_OPTIONS: Record<keyof BoundarySettings, PolicyConfigJSONSchema> = {
    trustedAwsAccountIds: idList(
        "^\\d{12}$",
        "AWS account ids inside the organisation's boundary (12 digits). PHI copied, shared or readable outside them is exfiltration. Empty: the stack's own account, where the stack shows it (the provider's allowedAccountIds, account ids in known ARNs).",
    ),
    trustedAwsOrganizationIds: idList(
        "^o-[a-z0-9]{10,32}$",
        "AWS Organizations ids (o-...) whose member accounts are inside the boundary, for grants conditioned on aws:PrincipalOrgID or aws:ResourceOrgID.",
    ),
    trustedAzureTenantIds: idList(
        GUID,
        "Microsoft Entra tenant ids inside the organisation's boundary. Empty: the tenant the stack shows (azure-native:tenantId, the tenant of its own principals).",
    ),
    trustedAzureSubscriptionIds: idList(
        GUID,
        "Azure subscription ids inside the organisation's boundary. Empty: the stack's own subscription, where the stack shows it (azure-native:subscriptionId, known resource ids).",
    ),
};
