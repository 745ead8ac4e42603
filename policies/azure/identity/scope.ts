import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { identityKeys, principalKey, resolveRole, roleWith, USER_ASSIGNED_IDENTITIES, userAssignedIdentityById, WEB_APPS } from "../../lib/azure-rbac";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { at, isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

export const azIdentityScope: StackControl = {
    id: "az-identity-scope",
    title: "Web and function app identities hold no Owner, Contributor or access administrator role",
    cloud: "azure",
    judges: unionOf(WEB_APPS, ROLE_ASSIGNMENTS),
    category: "service-identity",
    severity: "high",
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "A web app's or function app's managed identity is usable by anyone who can change or run code in the app, so Owner, Contributor or an access administrator role on it hands those rights to every deployer and to any code injection. Workload identities should hold only the data roles their code needs.",
    remediation:
        "Replace the assignment with the narrow data role the app uses (e.g. Storage Blob Data Reader on its container, Key Vault Secrets User on its vault); deploy infrastructure from a pipeline identity, not from the app.",
    unknowns:
        "The app's identity is matched through propertyDependencies of the assignment's principalId (the app or a user-assigned identity it uses), so unknown principal ids still join; an unknown role of such an assignment is reported as unverified (advisory).",
    acrossResources: "Every judgement: which role assignments are made to a web or function app's managed identity (its system identity, or a user-assigned identity it uses), and which role each grants.",
    checkStack(stack, ctx) {
        const apps = new Map<string, StackResource>();
        for (const app of stack.ofType(WEB_APPS)) {
            for (const key of appIdentityKeys(stack, app)) apps.set(key, app);
        }
        if (apps.size === 0) return;
        for (const assignment of stack.ofType(ROLE_ASSIGNMENTS)) {
            const key = principalKey(stack, assignment);
            const app = key === undefined ? undefined : apps.get(key);
            if (!app) continue;
            const grant = resolveRole(stack, assignment);
            if (isUnknown(grant)) {
                ctx.unverified("roleDefinitionId", assignment.urn);
                continue;
            }
            if (grant.kind === "other" || !grant.role.privileged) continue;
            const kind = /functionapp/i.test(String(app.props.kind ?? "")) ? "function app" : "web app";
            ctx.fail({
                problem: `the managed identity of ${kind} "${app.name}" holds ${grant.kind === "built-in" ? grant.role.name : roleWith(grant, "privileged")}`,
                at: "roleDefinitionId",
                urn: assignment.urn,
            });
        }
    },
};

/** The principal keys of an app's identities: its system identity and the user-assigned ones it uses. */
function appIdentityKeys(stack: StackIndex, app: StackResource): string[] {
    const identity = app.props.identity;
    if (identity === undefined || identity === null) return [];
    const keys = identityKeys(app);
    for (const uai of stack.linked(app, "identity").filter((r) => USER_ASSIGNED_IDENTITIES.has(r.type))) keys.push(...identityKeys(uai));
    const assigned = at(identity, "userAssignedIdentities");
    const ids = Array.isArray(assigned) ? assigned : assigned && typeof assigned === "object" && !isUnknown(assigned) ? Object.keys(assigned) : [];
    for (const id of ids) {
        if (typeof id !== "string") continue;
        const uai = userAssignedIdentityById(stack, id);
        if (uai) keys.push(...identityKeys(uai));
    }
    return keys;
}
