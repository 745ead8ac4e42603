import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import { ABOVE_RESOURCE_GROUP, resolveScopeLevel, scopeLevel, ScopeLevel } from "../../lib/azure-scope";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { Settled } from "../../lib/settled";
import { isUnknown, Unknown } from "../../lib/values";

interface Config {
    allowedPrincipalIds: string[];
}

const settled = new Settled();

function judge(assignment: ResourceInput, level: ScopeLevel | Unknown, ctx: CheckContext<Config>): void {
    if (isUnknown(level)) return ctx.unverified("scope", assignment.urn);
    if (level === "unrecognised") return ctx.fail({ problem: "the assignment scope is not a recognisable Azure scope", at: "scope", urn: assignment.urn });
    if (!ABOVE_RESOURCE_GROUP.includes(level)) return;
    const principal = assignment.props.principalId;
    const allowed = ctx.config.allowedPrincipalIds.map((p) => p.toLowerCase());
    if (typeof principal === "string" && allowed.includes(principal.trim().toLowerCase())) return;
    ctx.fail({ problem: `the role is assigned at ${level} scope, above any resource group`, at: "scope", urn: assignment.urn });
}

export const azRbacScope: ResourceControl<Config> = {
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
    acrossResources: "Only a scope unknown at preview: it is placed by the resource its id is taken from.",
    config: {
        allowedPrincipalIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Principal object ids (platform automation, break-glass) allowed to hold assignments above resource-group scope.",
        },
    },
    types: ROLE_ASSIGNMENTS,
    checkResource(assignment, ctx) {
        const level = scopeLevel(assignment.props.scope);
        if (!isUnknown(level)) judge(assignment, level, ctx);
        settled.record(assignment.urn, !isUnknown(level));
    },
    checkStack(stack, ctx) {
        for (const assignment of stack.ofType(ROLE_ASSIGNMENTS)) {
            if (!settled.has(assignment.urn)) judge(assignment, resolveScopeLevel(stack, assignment), ctx);
        }
    },
};
