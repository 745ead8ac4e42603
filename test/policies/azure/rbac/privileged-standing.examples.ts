import { azRbacPrivilegedStanding as control } from "../../../../policies/azure/rbac/privileged-standing";
import { AZ_ROLES, AZ_SUBSCRIPTION, azRole, defineExamples, fails, resource } from "../../../examples";

const assignment = (role: string, principalId = "11111111-1111-1111-1111-111111111111") => resource("azure-native:authorization:RoleAssignment", "ops", { principalId, roleDefinitionId: azRole(role), scope: `${AZ_SUBSCRIPTION}/resourceGroups/rg-phi` });
const owner = assignment(AZ_ROLES.owner);
const uaa = assignment(AZ_ROLES.userAccessAdministrator);

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a standing Reader assignment", resources: [assignment(AZ_ROLES.reader)] },
        "break-glass": { says: "a standing Owner for the break-glass account the config names", resources: [owner], options: { config: { breakGlassPrincipalIds: ["11111111-1111-1111-1111-111111111111"] } } },
    },
    failing: {
        "standing-owner": { says: "a permanent Owner assignment instead of a PIM eligibility", resources: [owner], findings: [fails(owner, "roleDefinitionId")] },
        "standing-user-access-admin": { says: "a permanent User Access Administrator", resources: [uaa], findings: [fails(uaa, "roleDefinitionId")] },
    },
});
