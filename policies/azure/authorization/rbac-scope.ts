import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { ABOVE_RESOURCE_GROUP, scopeLevel } from "../../lib/azure-scope";
import { types } from "../../lib/type-tokens";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedPrincipalIds: string[];
}

export const azRbacScope: ResourceControl<Config> = {
    id: "az-rbac-scope",
    title: "Azure role assignments are scoped to a resource group or below",
    cloud: "azure",
    category: "rbac-scope",
    severity: "high",
    hipaa: [inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A role assignment at the tenant root, a management group or a subscription reaches every resource group beneath it, including ones that hold PHI and ones created later. Access to PHI should be granted where the data lives.",
    remediation:
        "Assign the role at the resource group (or resource) that the principal works on, e.g. scope: resourceGroup.id; grant wider scopes only to configured platform principals.",
    unknowns: "An unknown scope is reported as unverified (advisory).",
    config: {
        allowedPrincipalIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Principal object ids (platform automation, break-glass) allowed to hold assignments above resource-group scope.",
        },
    },
    types: types("azure-native:authorization:RoleAssignment"),
    checkResource(resource, ctx) {
        const level = scopeLevel(resource.props.scope);
        if (isUnknown(level)) return ctx.unverified("scope");
        if (level === "unrecognised") {
            return ctx.fail({ problem: "the assignment scope is not a recognisable Azure scope", at: "scope" });
        }
        if (!ABOVE_RESOURCE_GROUP.includes(level)) return;
        const principal = resource.props.principalId;
        if (typeof principal === "string" && ctx.config.allowedPrincipalIds.some((p) => p.toLowerCase() === principal.trim().toLowerCase())) return;
        ctx.fail({ problem: `the role is assigned at ${level} scope, above any resource group`, at: "scope" });
    },
};
