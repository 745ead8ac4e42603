import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { appOfAssignment, knownPrincipalIn, OwnRole, ownRole, resolveRole, RoleGrant, roleWith, toServicePrincipal } from "../../lib/azure-rbac";
import { Settled } from "../../lib/settled";
import { isUnknown } from "../../lib/values";

interface Config {
    breakGlassPrincipalIds: string[];
}

const settled = new Settled();

const SERVICE_PRINCIPAL_FIX =
    "a service principal cannot activate a role just in time: give it the narrow role its task needs on the resource it works on, or list it in breakGlassPrincipalIds";

function judge(assignment: ResourceInput, grant: RoleGrant | OwnRole, ctx: CheckContext<Config>): void {
    if (isUnknown(grant)) return ctx.unverified("roleDefinitionId", assignment.urn);
    if (grant === "not-built-in" || grant.kind === "other") return;
    if (grant.kind === "custom" && grant.unreadable) return ctx.unverified("roleDefinitionId", assignment.urn);
    if (!grant.role.privileged) return;
    const breakGlass = knownPrincipalIn(assignment, ctx.config.breakGlassPrincipalIds);
    if (breakGlass === true) return;
    if (isUnknown(breakGlass) && ctx.config.breakGlassPrincipalIds.length > 0) return ctx.unverified("principalId", assignment.urn);
    const fix = toServicePrincipal(assignment) ? SERVICE_PRINCIPAL_FIX : undefined;
    ctx.fail({ problem: `standing active assignment of ${roleWith(grant, "privileged")}`, at: "roleDefinitionId", urn: assignment.urn, fix });
}

export const azRbacPrivilegedStanding: ResourceControl<Config> = {
    id: "az-rbac-privileged-standing",
    title: "Owner, Contributor and access administrator roles are not standing assignments",
    cloud: "azure",
    judges: ROLE_ASSIGNMENTS,
    category: "standing-privilege",
    severity: "critical",
    hipaa: [prowler("164.308(a)(3)(i)"), prowler("164.312(a)(1)")],
    description:
        "An active RoleAssignment of Owner, Contributor, User Access Administrator or Role Based Access Control Administrator (or of a custom role whose permissions amount to one of them) gives its holder permanent rights to change every resource in scope or to grant themselves access to PHI. Privileged roles should be eligible through Privileged Identity Management and activated just in time, with approval and an audit trail.",
    remediation:
        "Remove the active assignment and make the principal eligible with azure-native:authorization:PimRoleEligibilitySchedule (with an expiry, a justification and a ticket), to be activated just in time; keep active assignments only for break-glass principals listed in breakGlassPrincipalIds.",
    unknowns:
        "An unknown roleDefinitionId taken from a RoleDefinition in the stack is that custom role, judged by its permissions (one whose permissions are unknown at preview is reported as unverified); otherwise it is reported as unverified (advisory), as is an unknown principalId when break-glass principals are configured.",
    acrossResources:
        "Only a role that is not a known built-in role, or unknown at preview (it may be a custom RoleDefinition of the stack, judged by its permissions like the built-in roles), and an assignment that says principalType ServicePrincipal: one made to a web or function app's managed identity of the stack is az-identity-scope's, any other is judged here.",
    config: {
        breakGlassPrincipalIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Object ids of break-glass (emergency access) principals that may hold standing privileged assignments.",
        },
    },
    types: ROLE_ASSIGNMENTS,
    checkResource(assignment, ctx) {
        // A role that is not built-in may be a custom RoleDefinition of the stack, and a service
        // principal may be an app's identity (az-identity-scope's): only the stack can say.
        const grant = ownRole(assignment);
        const own = !isUnknown(grant) && grant !== "not-built-in" && !toServicePrincipal(assignment);
        if (own) judge(assignment, grant, ctx);
        settled.record(assignment.urn, own);
    },
    checkStack(stack, ctx) {
        for (const assignment of stack.ofType(ROLE_ASSIGNMENTS)) {
            if (settled.has(assignment.urn)) continue;
            if (toServicePrincipal(assignment) && appOfAssignment(stack, assignment)) continue;
            judge(assignment, resolveRole(stack, assignment), ctx);
        }
    },
};
