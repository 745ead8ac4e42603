import { strict as assert } from "assert";
import { scopeLevel } from "../../../policies/lib/azure-scope";
import { roleDefinitionGuid } from "../../../policies/lib/azure/roles";
import { addressPrefixes, isInternetPrefix, portRanges } from "../../../policies/lib/nsg-rule";
import { isUnknown, UNKNOWN } from "../../../policies/lib/values";

describe("azure scope and role readers", () => {
    it("places scopes in the hierarchy in any case and with trailing slashes", () => {
        assert.equal(scopeLevel("/"), "root");
        assert.equal(scopeLevel("/providers/microsoft.management/managementGroups/mg1/"), "management-group");
        assert.equal(scopeLevel("/SUBSCRIPTIONS/abc"), "subscription");
        assert.equal(scopeLevel("/subscriptions/abc/resourcegroups/rg//"), "resource-group");
        assert.equal(scopeLevel("/subscriptions/abc/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s"), "resource");
        assert.equal(scopeLevel("/tenants/x"), "unrecognised");
        assert.ok(isUnknown(scopeLevel(UNKNOWN)));
    });

    it("reads role definition GUIDs bare or as full ids, in any case", () => {
        const owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        assert.equal(roleDefinitionGuid(owner.toUpperCase()), owner);
        assert.equal(roleDefinitionGuid(`/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/${owner}`), owner);
        assert.equal(roleDefinitionGuid(`/providers/Microsoft.Authorization/roleDefinitions/${owner}/`), owner);
        assert.equal(roleDefinitionGuid("Owner"), undefined);
    });
});

describe("nsg rule reader", () => {
    const rule = (props: Record<string, unknown>) => ({ at: "", props: props as any });

    it("knows the internet in its spellings and in wide pieces", () => {
        for (const p of ["*", "Internet", "0.0.0.0/0", "::/0", "0.0.0.0/1", "128.0.0.0/2", "2000::/3"]) assert.ok(isInternetPrefix(p), p);
        for (const p of ["10.0.0.0/8", "VirtualNetwork", "Storage", "203.0.113.7/32"]) assert.ok(!isInternetPrefix(p), p);
    });

    it("reads single and plural prefix and port forms together", () => {
        assert.deepEqual(addressPrefixes(rule({ destinationAddressPrefix: "*", destinationAddressPrefixes: ["10.0.0.0/8"] }), "destination"), ["*", "10.0.0.0/8"]);
        assert.deepEqual(portRanges(rule({ destinationPortRange: "20-25", destinationPortRanges: ["443", "*"] }), "destination"), [[20, 25], [443, 443], [0, 65535]]);
        assert.ok(isUnknown(portRanges(rule({ destinationPortRanges: ["22", UNKNOWN] }), "destination")));
    });
});
