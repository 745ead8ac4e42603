import { strict as assert } from "assert";
import { azIdentityScope as control } from "../../../../policies/azure/identity/scope";
import { azRbacPrivilegedStanding as standing } from "../../../../policies/azure/rbac/privileged-standing";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";

const RA = "azure-native:authorization:RoleAssignment";
const SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi";
const role = (guid: string) => `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const CONTRIBUTOR = role("b24988ac-6180-42a0-ab88-20f7382dd24c");
const OWNER = role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
const UAA = role("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9");
const BLOB_READER = role("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");

const app = (props: Record<string, unknown> = {}, type = "azure-native:web:WebApp", name = "api"): TestResource => ({
    type,
    name,
    props: { kind: "functionapp,linux", identity: { type: "SystemAssigned", principalId: unknown }, ...props },
});
const toApp = (target: TestResource, roleDefinitionId: unknown, name = "grant"): TestResource => ({
    type: RA,
    name,
    props: { principalId: unknown, roleDefinitionId, scope: SCOPE, principalType: "ServicePrincipal" },
    propertyDependencies: { principalId: [urnOf(target)] },
});

describe("az-identity-scope", () => {
    for (const [name, id] of [["Contributor", CONTRIBUTOR], ["Owner", OWNER], ["User Access Administrator", UAA]]) {
        it(`flags ${name} for a function app's system identity, on the assignment`, async () => {
            const a = app();
            const g = toApp(a, id);
            const r = await runStack(control, [a, g]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`managed identity of function app "api" holds ${name} at roleDefinitionId`));
            assert.deepEqual(r.urns, [urnOf(g)]);
        });
    }

    it("flags a web app's identity by its known principal id", async () => {
        const a = app({ kind: "app", identity: { type: "SystemAssigned", principalId: "AAAA0000-0000-0000-0000-000000000001" } });
        const g: TestResource = { type: RA, name: "g", props: { principalId: "aaaa0000-0000-0000-0000-000000000001", roleDefinitionId: CONTRIBUTOR, scope: SCOPE, principalType: "ServicePrincipal" } };
        const r = await runStack(control, [a, g]);
        assert.match(r.violations[0], /web app "api"/);
    });

    it("leaves an assignment to the app's identity that does not say principalType ServicePrincipal to az-rbac-privileged-standing, which judges it in Analyze", async () => {
        const a = app();
        for (const principalType of [undefined, unknown, "User"]) {
            const g = { ...toApp(a, CONTRIBUTOR), props: { principalId: unknown, roleDefinitionId: CONTRIBUTOR, scope: SCOPE, ...(principalType === undefined ? {} : { principalType }) } };
            assert.deepEqual(await runStack(control, [a, g]), { violations: [], unverified: [], urns: [] });
            assert.deepEqual((await runStack(standing, [a, g])).urns, [urnOf(g)]);
        }
    });

    it("flags a user-assigned identity the app uses (joined by propertyDependencies and by id)", async () => {
        const uai: TestResource = { type: "azure-native:managedidentity:UserAssignedIdentity", name: "app-id", props: { id: unknown, principalId: unknown } };
        const a = { ...app({ identity: { type: "UserAssigned", userAssignedIdentities: [unknown] } }), propertyDependencies: { identity: [urnOf(uai)] } };
        assert.equal((await runStack(control, [uai, a, toApp(uai, OWNER)])).violations.length, 1);
        const known: TestResource = { type: "azure-native:managedidentity:UserAssignedIdentity", name: "app-id2", props: { id: "/subscriptions/s/resourcegroups/phi/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app", principalId: unknown } };
        const b = app({ identity: { type: "UserAssigned", userAssignedIdentities: ["/subscriptions/s/resourceGroups/phi/providers/Microsoft.ManagedIdentity/userAssignedIdentities/app"] } }, "azure-native:web/v20240401:WebAppSlot", "slot");
        assert.equal((await runStack(control, [known, b, toApp(known, CONTRIBUTOR)])).violations.length, 1);
    });

    it("passes a data role for the app's identity", async () => {
        const a = app();
        assert.deepEqual(await runStack(control, [a, toApp(a, BLOB_READER)]), { violations: [], unverified: [], urns: [] });
    });

    it("ignores privileged assignments of other principals", async () => {
        const a = app();
        const other: TestResource = { type: RA, name: "ops", props: { principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: CONTRIBUTOR, scope: SCOPE } };
        assert.deepEqual((await runStack(control, [a, other])).violations, []);
    });

    it("ignores apps without a managed identity", async () => {
        const a = app();
        delete a.props.identity;
        assert.deepEqual((await runStack(control, [a, toApp(a, OWNER)])).violations, []);
    });

    it("says it could not verify an unknown role of the app's identity", async () => {
        const a = app();
        const r = await runStack(control, [a, toApp(a, unknown)]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify roleDefinitionId/);
    });

    it("does not echo the app's secret settings", async () => {
        const a = app({ siteConfig: { appSettings: [{ name: "DB", value: secret("s3cr3t") }] } });
        const r = await runStack(control, [a, toApp(a, OWNER)]);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
