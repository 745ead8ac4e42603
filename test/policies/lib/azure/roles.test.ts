import { strict as assert } from "assert";
import * as fc from "fast-check";
import { BUILT_IN_ROLES, judgeRole, RoleCapabilities } from "../../../../policies/lib/azure/roles";
import { MACHINES, PHI_STORES, WEB_APPS } from "../../../../policies/lib/azure/types";
import { sdkHasType } from "../sdk-types";

const flags = (c: RoleCapabilities) => [c.privileged && "privileged", c.controlWrite && "change", c.dataRead && "reads PHI"].filter(Boolean).join(", ") || "none";

describe("lib/azure/roles: one role model for built-in and custom roles", () => {
    const BUILT_IN: [string, string][] = [
        ["Owner", "privileged, change, reads PHI"],
        ["Contributor", "privileged, change, reads PHI"],
        ["User Access Administrator", "privileged, change"],
        ["Role Based Access Control Administrator", "privileged, change"],
        ["Website Contributor", "change"],
        ["Storage Account Contributor", "change, reads PHI"],
        ["Storage Blob Data Reader", "reads PHI"],
        ["Storage Blob Data Owner", "reads PHI"],
        ["Key Vault Secrets User", "reads PHI"],
        ["Key Vault Crypto Service Encryption User", "reads PHI"],
        ["Key Vault Certificates Officer", "none"],
        ["Cosmos DB Account Reader Role", "reads PHI"],
        ["AcrPush", "change"],
    ];
    for (const [name, want] of BUILT_IN) {
        it(`judges built-in ${name}: ${want}`, () => {
            const role = Object.values(BUILT_IN_ROLES).find((r) => r.name === name)!;
            assert.equal(flags(role), want);
        });
    }

    const CUSTOM: [string, Parameters<typeof judgeRole>[0], string][] = [
        ["Contributor under another name", [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"] }], "privileged, change, reads PHI"],
        ["Microsoft.Storage/* with every blob data action", [{ actions: ["Microsoft.Storage/*"], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"] }], "change, reads PHI"],
        ["role assignment writer", [{ actions: ["Microsoft.Authorization/roleAssignments/write"] }], "privileged, change"],
        ["storage without listKeys", [{ actions: ["Microsoft.Storage/storageAccounts/*"], notActions: ["Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.Storage/storageAccounts/listAccountSas/action"] }], "change"],
        ["scale set writer (changes what every VM of the set runs)", [{ actions: ["Microsoft.Compute/virtualMachineScaleSets/write"] }], "change"],
        ["run command on a scale set's VMs", [{ actions: ["Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action"] }], "change"],
        ["reader of everything", [{ actions: ["*/read"] }], "none"],
        ["blob reader through a wildcard data action", [{ actions: [], dataActions: ["*"] }], "reads PHI"],
        ["blob data with the read excluded", [{ actions: [], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/*"], notDataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }], "none"],
    ];
    for (const [name, permissions, want] of CUSTOM) {
        it(`judges a custom role (${name}): ${want}`, () => assert.equal(flags(judgeRole(permissions)), want));
    }

    it("judges a custom role with a built-in role's permissions as that role (property)", () => {
        fc.assert(
            fc.property(fc.constantFrom(...Object.values(BUILT_IN_ROLES)), fc.boolean(), (role, lower) => {
                const [p] = role.permissions;
                const cased = (l?: readonly string[]) => l?.map((a) => (lower ? a.toLowerCase() : a));
                const custom = judgeRole([{ actions: cased(p.actions)!, notActions: cased(p.notActions), dataActions: cased(p.dataActions), notDataActions: cased(p.notDataActions) }]);
                return flags(custom) === flags(role);
            }),
        );
    });
});

describe("lib/azure/types: one type set per concept", () => {
    it("counts a deployment slot as a web app", () => assert.ok(WEB_APPS.has("azure-native:web:WebAppSlot") && WEB_APPS.has("azure-native:web/v20240401:WebAppSlot")));
    // `documentdb:DatabaseAccount` is the token of azure-native 1.x and 2.x, still found in exported stacks.
    const current = [...WEB_APPS.canonical, ...PHI_STORES.canonical, ...MACHINES.canonical].filter((t) => t !== "azure-native:documentdb:DatabaseAccount");
    for (const t of current) it(`${t} is a type of @pulumi/azure-native`, () => assert.ok(sdkHasType(t)));
});
