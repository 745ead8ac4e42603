import { azSegregationOfDuties as control } from "../../../../policies/azure/segregation/of-duties";
import { AZ_ROLES, AZ_SUBSCRIPTION, azRole, defineExamples, fails, resource } from "../../../examples";

const assign = (name: string, role: string, principalId: string) => resource("azure-native:authorization:RoleAssignment", name, { principalId, roleDefinitionId: azRole(role), scope: `${AZ_SUBSCRIPTION}/resourceGroups/rg-phi` });
const deploy = assign("deploy", AZ_ROLES.websiteContributor, "11111111-1111-1111-1111-111111111111");
const read = assign("read", AZ_ROLES.storageBlobDataReader, "22222222-2222-2222-2222-222222222222");
const readSame = assign("read", AZ_ROLES.storageBlobDataReader, "11111111-1111-1111-1111-111111111111");

export default defineExamples({
    control,
    passing: { baseline: { says: "one principal deploys the app, another reads PHI blobs", resources: [deploy, read] } },
    failing: {
        "same-principal": { says: "the deploying principal also reads PHI blobs", resources: [deploy, readSame], findings: [fails(readSame, "roleDefinitionId")] },
    },
});
