import { strict as assert } from "assert";
import fc from "fast-check";
import { builtInRole, BUILT_IN_ROLES, roleDefinitionGuid } from "../../../policies/lib/azure/roles";
import { coversScope, isBelow, locationOfPath, sameScope, ScopeIndex, ScopeLocation } from "../../../policies/lib/azure-rbac";
import { isUnknown, UNKNOWN } from "../../../policies/lib/values";

describe("lib/azure/roles and lib/azure-rbac", () => {
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

describe("lib/azure-rbac ScopeIndex", () => {
    const level = fc.constantFrom<ScopeLocation["level"]>("root", "management-group", "subscription", "resource-group", "resource", "unrecognised");
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const rgPath = fc.constantFrom("/subscriptions/s1/resourcegroups/a", "/subscriptions/s1/resourcegroups/b", "subscriptions/s1/resourcegroups/a", "//subscriptions/s1/resourcegroups/a");
    const path = fc.oneof(rgPath, rgPath.map((p) => `${p}/providers/microsoft.storage/storageaccounts/x`), fc.constantFrom("/subscriptions/s1", ""));
    const location: fc.Arbitrary<ScopeLocation> = fc.record({
        level,
        path: maybe(path),
        rgUrn: maybe(fc.constantFrom("urn:rg-a", "urn:rg-b")),
        rgName: maybe(fc.constantFrom("a", "b")),
        resourceUrn: maybe(fc.constantFrom("urn:st-x", "urn:st-y")),
    });

    it("offers, in the order added, every item at the target's scope or above it", () => {
        fc.assert(
            fc.property(fc.array(fc.option(location, { nil: UNKNOWN })), location, (items, target) => {
                const index = new ScopeIndex<number>();
                items.forEach((l, i) => index.add(l, i));
                const found = index.candidates(target);
                assert.deepEqual(found, [...found].sort((a, b) => a - b));
                items.forEach((l, i) => {
                    if (isUnknown(l) || sameScope(l, target) || isBelow(target, l)) assert.ok(found.includes(i), `item ${i} missing`);
                });
            }),
            { numRuns: 5000, seed: 20261129 },
        );
    });
});
