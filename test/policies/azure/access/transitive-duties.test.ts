import { strict as assert } from "assert";
import { azAccessTransitiveDuties as control } from "../../../../policies/azure/access/transitive-duties";
import { azSegregationOfDuties } from "../../../../policies/azure/segregation/of-duties";
import { AZ_ROLES, resource } from "../../../examples";
import { assertFindings } from "../../../findings";
import { runStack, unknown, urnOf } from "../../../harness";
import { baseline, boundary, DEVELOPERS, developersDeploy, scoped } from "./fixtures";

describe("az-access-transitive-duties", () => {
    it("flags deployers of an app whose identity reads PHI through an assignment inherited from the resource group, printing the chain", async () => {
        const res = await runStack(control, [...baseline, developersDeploy], boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(developersDeploy) }]);
        assert.equal(
            res.violations[0].split(" at access paths")[0],
            `group ${DEVELOPERS} changes code or infrastructure (Website Contributor) and reads PHI through a chain: group ${DEVELOPERS} -> deploys code to claims-api with Website Contributor (inherited from resource group claims-rg) -> runs as claims-api-id -> Storage Blob Data Reader on claimsstore (inherited from resource group claims-rg)`,
        );
    });

    it("passes when no deployer reaches PHI, and leaves a principal that holds both roles itself to az-segregation-of-duties", async () => {
        assert.deepEqual(await runStack(control, baseline, boundary), { violations: [], unverified: [], urns: [] });
        const reads = scoped("developers-read", AZ_ROLES.storageBlobDataReader, DEVELOPERS, "Group");
        const stack = [...baseline, developersDeploy, reads];
        assert.deepEqual((await runStack(control, stack, boundary)).violations, [], "one step: the direct-grant control's finding");
        assert.equal((await runStack(azSegregationOfDuties, stack, boundary)).violations.length, 1);
    });

    it("reports unverified when the deployers' role is unknown at preview", async () => {
        const unknownRole = resource("azure-native:authorization:RoleAssignment", "developers-deploy", { ...developersDeploy.props, roleDefinitionId: unknown }, { propertyDependencies: developersDeploy.propertyDependencies });
        // An unknown role is drawn as a possible read, not as a deployment right: the deployers do not change the app as far as the stack shows.
        assert.deepEqual((await runStack(control, [...baseline, unknownRole], boundary)).violations, []);
    });
});
