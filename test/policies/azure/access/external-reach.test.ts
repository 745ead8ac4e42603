import { strict as assert } from "assert";
import { azAccessExternalReach as control } from "../../../../policies/azure/access/external-reach";
import { AZ_BOUNDARY, change } from "../../../examples";
import { assertFindings } from "../../../findings";
import { runStack, unknown, urnOf } from "../../../harness";
import { baseline, boundary, federation } from "./fixtures";

const foreign = `https://login.microsoftonline.com/${AZ_BOUNDARY.foreignTenant}/v2.0`;

describe("az-access-external-reach", () => {
    it("flags a foreign tenant federated into an identity that reads PHI, on the federated credential", async () => {
        const res = await runStack(control, change(baseline, "claims-api-federation", { issuer: foreign }), boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(federation(AZ_BOUNDARY.foreignTenant)) }]);
        assert.equal(
            res.violations[0].split(" at access paths")[0],
            `tenant ${AZ_BOUNDARY.foreignTenant}, outside the organisation's boundary, reads PHI through a chain: tenant ${AZ_BOUNDARY.foreignTenant} -> signs in as claims-api-id (federated credential) -> Storage Blob Data Reader on claimsstore (inherited from resource group claims-rg)`,
        );
    });

    it("passes the organisation's own tenant and issuers that name no tenant", async () => {
        assert.deepEqual(await runStack(control, baseline, boundary), { violations: [], unverified: [], urns: [] });
        const github = change(baseline, "claims-api-federation", { issuer: "https://token.actions.githubusercontent.com" });
        assert.deepEqual((await runStack(control, github, boundary)).violations, []);
    });

    it("passes an issuer unknown at preview: it is drawn unverified, not known to be outside", async () => {
        assert.deepEqual((await runStack(control, change(baseline, "claims-api-federation", { issuer: unknown }), boundary)).violations, []);
    });
});
