import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { appOfAssignment, resolveRole, roleWith, toServicePrincipal, WEB_APPS } from "../../lib/azure-rbac";
import { isUnknown } from "../../lib/values";
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
    acrossResources:
        "Every judgement: which role assignments are made to a web or function app's managed identity (its system identity, or a user-assigned identity it uses), and which role each grants. It judges the assignments that say principalType ServicePrincipal; az-rbac-privileged-standing judges any other privileged assignment in Analyze, where it can block the step.",
    checkStack(stack, ctx) {
        for (const assignment of stack.ofType(ROLE_ASSIGNMENTS)) {
            if (!toServicePrincipal(assignment)) continue;
            const app = appOfAssignment(stack, assignment);
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
