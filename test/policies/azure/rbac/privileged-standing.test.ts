import { strict as assert } from "assert";
import { azRbacPrivilegedStanding as control } from "../../../../policies/azure/rbac/privileged-standing";
import { runResource, runStack, runStackPart, secret, TestResource, unknown, urnOf } from "../../../harness";

const RA = "azure-native:authorization:RoleAssignment";
const RG_SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi";
const full = (guid: string) => `/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const assignment = (name: string, roleDefinitionId: unknown, extra: Record<string, unknown> = {}): TestResource => ({
    type: RA,
    name,
    props: { principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId, scope: RG_SCOPE, ...extra },
});

describe("az-rbac-privileged-standing", () => {
    const privileged: [string, string][] = [
        ["Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"],
        ["Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"],
        ["User Access Administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"],
        ["Role Based Access Control Administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"],
    ];
    for (const [name, guid] of privileged) {
        it(`flags a standing ${name} assignment by full role definition id`, async () => {
            const r = await runStack(control, [assignment("a", full(guid))]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`privileged role ${name} at roleDefinitionId: .*PimRoleEligibilitySchedule`));
            assert.deepEqual(r.urns, [urnOf({ type: RA, name: "a" })]);
        });
    }

    it("flags a bare upper-case GUID with a trailing slash", async () => {
        const r = await runStack(control, [assignment("a", "8E3AF657-A8FF-443C-A75C-2FE8C4BCB635/")]);
        assert.equal(r.violations.length, 1);
    });

    it("flags the tenant-level role definition id form", async () => {
        const r = await runStack(control, [assignment("a", "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c")]);
        assert.equal(r.violations.length, 1);
    });

    it("flags a versioned RoleAssignment token", async () => {
        const r = await runStack(control, [{ ...assignment("a", full(privileged[0][1])), type: "azure-native:authorization/v20220401:RoleAssignment" }]);
        assert.equal(r.violations.length, 1);
    });

    it("flags a privileged assignment whose principal is a secret without echoing it", async () => {
        const r = await runStack(control, [assignment("a", full(privileged[1][1]), { principalId: secret("s3cr3t-principal") })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("passes a configured break-glass principal, in any case", async () => {
        const r = await runStack(control, [assignment("a", full(privileged[0][1]), { principalId: "AAAAAAAA-0000-0000-0000-000000000001" })], {
            config: { breakGlassPrincipalIds: ["aaaaaaaa-0000-0000-0000-000000000001"] },
        });
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes data roles and unknown built-in roles", async () => {
        const r = await runStack(control, [
            assignment("reader", full("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")),
            assignment("reader-role", full("acdd72a7-3385-48ef-bd42-f606fba81ae7")),
        ]);
        assert.deepEqual(r.violations, []);
    });

    it("passes an unknown role definition id that comes from a custom RoleDefinition in the stack", async () => {
        const def: TestResource = { type: "azure-native:authorization:RoleDefinition", name: "custom", props: { roleName: "ops", scope: RG_SCOPE, permissions: [] } };
        const a = { ...assignment("a", unknown), propertyDependencies: { roleDefinitionId: [urnOf(def)] } };
        const r = await runStack(control, [def, a]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    const CONTRIBUTOR_NOT_ACTIONS = ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"];
    const customCases: [string, Record<string, unknown>[]][] = [
        ["Contributor under another name", [{ actions: ["*"], notActions: CONTRIBUTOR_NOT_ACTIONS }]],
        ["a role that writes role assignments", [{ actions: ["Microsoft.Authorization/roleAssignments/write", "*/read"] }]],
    ];
    for (const [shape, permissions] of customCases) {
        it(`flags a standing assignment of a custom role of the stack that is ${shape}, by its permissions`, async () => {
            const def: TestResource = { type: "azure-native:authorization:RoleDefinition", name: "custom", props: { roleName: "ops", scope: RG_SCOPE, roleDefinitionId: "0f1e2d3c-4b5a-4968-8776-655443322110", permissions } };
            const byLink = { ...assignment("a", unknown), propertyDependencies: { roleDefinitionId: [urnOf(def)] } };
            const byGuid = assignment("b", full("0f1e2d3c-4b5a-4968-8776-655443322110"));
            const r = await runStack(control, [def, byLink, byGuid]);
            assert.deepEqual(r.urns, [urnOf(byLink), urnOf(byGuid)]);
            assert.match(r.violations[0], /standing active assignment of a custom role with privileged permissions at roleDefinitionId/);
        });
    }

    it("says it could not verify an assignment of a custom role whose permissions are unknown at preview", async () => {
        const def: TestResource = { type: "azure-native:authorization:RoleDefinition", name: "custom", props: { roleName: "ops", scope: RG_SCOPE, permissions: unknown } };
        const a = { ...assignment("a", unknown), propertyDependencies: { roleDefinitionId: [urnOf(def)] } };
        const r = await runStack(control, [def, a]);
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.urns, [urnOf(a)]);
        assert.match(r.unverified[0], /could not verify roleDefinitionId/);
    });

    it("says it could not verify an unknown role definition id from outside the stack", async () => {
        const r = await runStack(control, [assignment("a", unknown)]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /could not verify roleDefinitionId/);
    });

    it("flags an unknown principal when no break-glass principal is configured", async () => {
        const r = await runStack(control, [assignment("a", full(privileged[0][1]), { principalId: unknown })]);
        assert.equal(r.violations.length, 1);
    });

    it("says it could not verify an unknown principal when break-glass principals are configured", async () => {
        const r = await runStack(control, [assignment("a", full(privileged[0][1]), { principalId: unknown })], { config: { breakGlassPrincipalIds: ["x"] } });
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify principalId/);
    });

    describe("when each part runs", () => {
        it("flags a standing Owner assignment in Analyze, so the assignment's own step is stopped", async () => {
            const r = await runResource(control, assignment("a", full(privileged[0][1])));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /privileged role Owner/);
        });

        it("leaves an unknown role definition id to the stack part without reporting in Analyze", async () => {
            assert.deepEqual(await runResource(control, assignment("a", unknown)), { violations: [], unverified: [], urns: [] });
        });

        it("leaves an assignment that says principalType ServicePrincipal to the stack: an app's identity is az-identity-scope's, any other service principal is flagged there with a fix that is not just-in-time activation", async () => {
            const sp = assignment("sp", full(privileged[1][1]), { principalType: "ServicePrincipal" });
            assert.deepEqual(await runResource(control, sp), { violations: [], unverified: [], urns: [] });
            const external = await runStackPart(control, [sp]);
            assert.deepEqual(external.urns, [urnOf(sp)]);
            assert.match(external.violations[0], /privileged role Contributor at roleDefinitionId: a service principal cannot activate a role just in time/);
            const app: TestResource = { type: "azure-native:web:WebApp", name: "api", props: { kind: "app", identity: { type: "SystemAssigned", principalId: "11111111-1111-1111-1111-111111111111" } } };
            assert.deepEqual(await runStackPart(control, [app, sp]), { violations: [], unverified: [], urns: [] });
        });

        it("does not judge again in AnalyzeStack what Analyze settled", async () => {
            assert.deepEqual(await runStackPart(control, [assignment("a", full(privileged[0][1]))]), { violations: [], unverified: [], urns: [] });
        });
    });
});
