import { strict as assert } from "assert";
import { builtInRole, BUILT_IN_ROLES, roleDefinitionGuid } from "../../../policies/lib/azure-roles";
import { coversScope, isBelow, locationOfPath, sameScope, ScopeLocation } from "../../../policies/lib/azure-rbac";

describe("lib/azure-roles and lib/azure-rbac", () => {
    it("keys every built-in role by a lower-case GUID", () => {
        for (const guid of Object.keys(BUILT_IN_ROLES)) assert.match(guid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.equal(new Set(Object.values(BUILT_IN_ROLES).map((r) => r.name)).size, Object.keys(BUILT_IN_ROLES).length);
    });

    it("marks exactly the four catalog roles privileged", () => {
        const privileged = Object.values(BUILT_IN_ROLES).filter((r) => r.privileged).map((r) => r.name).sort();
        assert.deepEqual(privileged, ["Contributor", "Owner", "Role Based Access Control Administrator", "User Access Administrator"]);
    });

    it("reads role GUIDs from full ids in any case and ignores look-alikes", () => {
        const guid = roleDefinitionGuid("/Subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1");
        assert.equal(guid, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
        assert.equal(builtInRole(guid as string)?.dataRead, true);
        assert.equal(builtInRole("constructor"), undefined);
    });

    it("places scopes and compares them", () => {
        const sub = locationOfPath("/subscriptions/S");
        const rg = locationOfPath("/subscriptions/s/resourceGroups/PHI/");
        const res = locationOfPath("/subscriptions/s/resourceGroups/phi/providers/Microsoft.Storage/storageAccounts/a");
        assert.equal(rg.rgName, "phi");
        assert.ok(isBelow(rg, sub) && isBelow(res, rg) && !isBelow(sub, rg));
        assert.ok(coversScope(sub, rg, true) && !coversScope(sub, rg, false));
        assert.ok(coversScope(locationOfPath("/"), sub, true));
        const byUrn: ScopeLocation = { level: "resource-group", rgUrn: "u1" };
        assert.ok(sameScope(byUrn, { level: "resource-group", rgUrn: "u1" }) && !sameScope(byUrn, { level: "resource-group", rgUrn: "u2" }));
        assert.ok(isBelow({ level: "resource", rgUrn: "u1", resourceUrn: "r" }, byUrn));
    });
});
