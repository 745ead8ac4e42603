import { azRbacCustomRoles as control } from "../../../../policies/azure/rbac/custom-roles";
import { AZ_SUBSCRIPTION, defineExamples, fails, resource } from "../../../examples";

const role = (props: Record<string, unknown>) =>
    resource("azure-native:authorization:RoleDefinition", "app-operator", { roleName: "app-operator", scope: `${AZ_SUBSCRIPTION}/resourceGroups/rg-phi`, assignableScopes: [`${AZ_SUBSCRIPTION}/resourceGroups/rg-phi`], permissions: [{ actions: ["Microsoft.Web/sites/restart/action"] }], ...props });
const star = role({ permissions: [{ actions: ["*"] }] });
const assignsRoles = role({ permissions: [{ actions: ["Microsoft.Authorization/roleAssignments/write"] }] });
const subscription = role({ assignableScopes: [AZ_SUBSCRIPTION] });

export default defineExamples({
    control,
    passing: { baseline: { says: "a custom role that may restart web apps in one resource group", resources: [role({})] } },
    failing: {
        "every-action": { says: 'actions ["*"]: an Owner in disguise', resources: [star], findings: [fails(star, "permissions[0].actions")] },
        "assigns-roles": { says: "a role that may write role assignments", resources: [assignsRoles], findings: [fails(assignsRoles, "permissions[0].actions")] },
        "subscription-assignable": { says: "assignable at subscription scope", resources: [subscription], findings: [fails(subscription, "assignableScopes[0]")] },
    },
});
