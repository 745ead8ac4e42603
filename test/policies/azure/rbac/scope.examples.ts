import { azRbacScope as control } from "../../../../policies/azure/rbac/scope";
import { AZ_ROLES, AZ_SUBSCRIPTION, azRole, defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const assignment = (scope: unknown) => resource("azure-native:authorization:RoleAssignment", "dev-contrib", { principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: azRole(AZ_ROLES.contributor), scope });
const sub = assignment(AZ_SUBSCRIPTION);
const mg = assignment("/providers/Microsoft.Management/managementGroups/contoso");
const unknownScope = assignment(unknown);

export default defineExamples({
    control,
    passing: { baseline: { says: "Contributor on one resource group", resources: [assignment(`${AZ_SUBSCRIPTION}/resourceGroups/rg-phi`)] } },
    failing: {
        subscription: { says: "Contributor on the whole subscription", resources: [sub], findings: [fails(sub, "scope")] },
        "management-group": { says: "Contributor on a management group", resources: [mg], findings: [fails(mg, "scope")] },
        "unknown-scope": { says: "a scope unknown until the update, from no resource of the stack", resources: [unknownScope], findings: [unverifiedAt(unknownScope, "scope")] },
    },
});
