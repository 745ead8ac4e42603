import { azIdentityScope as control } from "../../../../policies/azure/identity/scope";
import { AZ_ROLES, AZ_SUBSCRIPTION, azRole, defineExamples, fails, linked, resource } from "../../../examples";

const app = resource("azure-native:web:WebApp", "api", { resourceGroupName: "rg-phi", serverFarmId: "plan", kind: "functionapp,linux", identity: { type: "SystemAssigned" } });
const grant = (role: string) => linked("azure-native:authorization:RoleAssignment", "api-grant", "principalId", app, { roleDefinitionId: azRole(role), scope: `${AZ_SUBSCRIPTION}/resourceGroups/rg-phi`, principalType: "ServicePrincipal" });
const contributor = grant(AZ_ROLES.contributor);
const owner = grant(AZ_ROLES.owner);

export default defineExamples({
    control,
    passing: { baseline: { says: "the function app's identity may read blobs in its resource group", resources: [app, grant(AZ_ROLES.storageBlobDataReader)] } },
    failing: {
        contributor: { says: "the app's identity is Contributor on the resource group", resources: [app, contributor], findings: [fails(contributor, "roleDefinitionId")] },
        owner: { says: "the app's identity is Owner", resources: [app, owner], findings: [fails(owner, "roleDefinitionId")] },
    },
});
