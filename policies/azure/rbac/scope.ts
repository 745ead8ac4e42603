import type { StackControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { ABOVE_RESOURCE_GROUP, resolveScopeLevel } from "../../lib/azure-scope";
import { ROLE_ASSIGNMENTS } from "../../lib/azure-roles";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedPrincipalIds: string[];
}

export const azRbacScope: StackControl<Config> = {
    id: "az-rbac-scope",
    title: "Azure role assignments are scoped to a resource group or below",
    cloud: "azure",
    judges: ROLE_ASSIGNMENTS,
    category: "rbac-scope",
    severity: "high",
    hipaa: [inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A role assignment at the tenant root, a management group or a subscription reaches every resource group beneath it, including ones that hold PHI and ones created later. Access to PHI should be granted where the data lives.",
    remediation:
        "Assign the role at the resource group (or resource) that the principal works on, e.g. scope: resourceGroup.id; grant wider scopes only to configured platform principals.",
    unknowns: "An unknown scope taken from a resource in the stack is judged by that resource's type (a resource group's id is a resource-group scope); otherwise it is reported as unverified (advisory).",
    config: {
        allowedPrincipalIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Principal object ids (platform automation, break-glass) allowed to hold assignments above resource-group scope.",
        },
    },
    checkStack(stack, ctx) {
        for (const assignment of stack.ofType(ROLE_ASSIGNMENTS)) {
            const level = resolveScopeLevel(stack, assignment);
            if (isUnknown(level)) {
                ctx.unverified("scope", assignment.urn);
                continue;
            }
            if (level === "unrecognised") {
                ctx.fail({ problem: "the assignment scope is not a recognisable Azure scope", at: "scope", urn: assignment.urn });
                continue;
            }
            if (!ABOVE_RESOURCE_GROUP.includes(level)) continue;
            const principal = assignment.props.principalId;
            const allowed = ctx.config.allowedPrincipalIds.map((p) => p.toLowerCase());
            if (typeof principal === "string" && allowed.includes(principal.trim().toLowerCase())) continue;
            ctx.fail({ problem: `the role is assigned at ${level} scope, above any resource group`, at: "scope", urn: assignment.urn });
        }
    },
};
