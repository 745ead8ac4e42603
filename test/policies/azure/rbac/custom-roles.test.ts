import { strict as assert } from "assert";
import { azRbacCustomRoles as control } from "../../../../policies/azure/rbac/custom-roles";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const RD = "azure-native:authorization:RoleDefinition";
const RG_SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi";
const role = (props: Record<string, unknown>, name = "role"): TestResource => ({
    type: RD,
    name,
    props: { roleName: "app-operator", scope: RG_SCOPE, assignableScopes: [RG_SCOPE], permissions: [{ actions: ["Microsoft.Web/sites/restart/action"] }], ...props },
});
const group: TestResource = { type: "azure-native:resources:ResourceGroup", name: "phi", props: { id: unknown } };

describe("az-rbac-custom-roles", () => {
    for (const action of ["*", "*/write", "*/delete", "*/*", " * "]) {
        it(`flags action "${action.trim()}"`, async () => {
            const r = await runStack(control, [role({ permissions: [{ actions: ["Microsoft.Web/sites/read", action] }] })]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /every resource provider at permissions\[0\]\.actions/);
        });
    }

    it("flags a Contributor-like role: actions * with notActions", async () => {
        const r = await runStack(control, [role({ permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Write"] }] })]);
        assertFindings(r, [{ at: "permissions[0].actions", urn: "urn:pulumi:test::test::azure-native:authorization:RoleDefinition::role" }]);
    });

    it("flags a role that may write role assignments through a Microsoft.Authorization wildcard, in any case", async () => {
        const r = await runStack(control, [role({ permissions: [{ actions: ["MICROSOFT.AUTHORIZATION/*"] }] })]);
        assert.match(r.violations[0], /grant itself any role/);
    });

    it("passes Microsoft.Authorization/* when notActions exclude role assignment writes", async () => {
        const r = await runStack(control, [role({ permissions: [{ actions: ["Microsoft.Authorization/*"], notActions: ["Microsoft.Authorization/roleAssignments/*"] }] })]);
        assert.deepEqual(r.violations, []);
    });

    for (const data of ["*", "*/read", "Microsoft.Storage/*"]) {
        it(`flags data action "${data}" in the second permission block`, async () => {
            const r = await runStack(control, [role({ permissions: [{ actions: [] }, { dataActions: [data] }] })]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /at permissions\[1\]\.dataActions/);
        });
    }

    for (const [scope, level] of [
        ["/subscriptions/00000000-0000-0000-0000-000000000000", "subscription"],
        ["/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/", "subscription"],
        ["/providers/Microsoft.Management/managementGroups/corp", "management-group"],
        ["/", "root"],
    ]) {
        it(`flags assignable scope ${scope}`, async () => {
            const r = await runStack(control, [role({ assignableScopes: [RG_SCOPE, scope] })]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`at ${level} scope, above any resource group at assignableScopes\\[1\\]`));
        });
    }

    it("flags a role without assignableScopes defined at subscription scope", async () => {
        const r0 = role({ scope: "/subscriptions/00000000-0000-0000-0000-000000000000" });
        delete r0.props.assignableScopes;
        const r = await runStack(control, [r0]);
        assert.match(r.violations[0], /at scope:/);
    });

    it("flags a versioned RoleDefinition token", async () => {
        const r = await runStack(control, [{ ...role({ permissions: [{ actions: ["*"] }] }), type: "azure-native:authorization/v20220401:RoleDefinition" }]);
        assertFindings(r, [{ at: "permissions[0].actions", urn: "urn:pulumi:test::test::azure-native:authorization/v20220401:RoleDefinition::role" }]);
    });

    it("passes narrow actions and data actions at resource-group scope", async () => {
        const r = await runStack(control, [
            role({ permissions: [{ actions: ["Microsoft.Web/sites/*/read", "Microsoft.Web/sites/restart/action"], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }] }),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes an assignable scope that is the unknown id of a resource group in the stack", async () => {
        const r = await runStack(control, [group, { ...role({ assignableScopes: [unknown] }), propertyDependencies: { assignableScopes: [urnOf(group)] } }]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify an unknown assignable scope from outside the stack", async () => {
        const r = await runStack(control, [role({ assignableScopes: [unknown] })]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify assignableScopes/);
    });

    it("says it could not verify unknown permissions and actions", async () => {
        const r = await runStack(control, [role({ permissions: unknown }, "a"), role({ permissions: [{ actions: unknown, dataActions: [] }] }, "b")]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
    });

    it("does not echo a secret role description or name", async () => {
        const r = await runStack(control, [role({ roleName: secret("s3cr3t-name"), description: secret("s3cr3t-desc"), permissions: [{ actions: ["*"] }] })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("ignores non-string entries in assignableScopes", async () => {
        const r = await runStack(control, [role({ assignableScopes: [RG_SCOPE, 42, null] })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        const wide = await runStack(control, [role({ assignableScopes: [42, "/"] })]);
        assert.match(wide.violations[0], /at assignableScopes\[1\]/);
    });
});
