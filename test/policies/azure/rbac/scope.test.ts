import { strict as assert } from "assert";
import { azRbacScope as control } from "../../../../policies/azure/rbac/scope";
import { runResource, runStack, runStackPart, TestResource, unknown, urnOf } from "../../../harness";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const assignment = (scope: unknown, extra: Partial<TestResource> = {}, type = "azure-native:authorization:RoleAssignment"): TestResource => ({
    type,
    name: "a",
    props: { scope, principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: "b24988ac-6180-42a0-ab88-20f7382dd24c" },
    ...extra,
});

describe("az-rbac-scope", () => {
    for (const [what, scope] of [
        ["the tenant root", "/"],
        ["a management group", "/providers/Microsoft.Management/managementGroups/contoso"],
        ["a subscription", SUB],
        ["a subscription in upper case with a trailing slash", `${SUB.toUpperCase()}/`],
    ]) {
        it(`flags an assignment at ${what}`, async () => {
            const r = await runStack(control, [assignment(scope)]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /at scope:/);
        });
    }

    it("flags the versioned token too", async () => {
        const r = await runStack(control, [assignment(SUB, {}, "azure-native:authorization/v20220401:RoleAssignment")]);
        assert.equal(r.violations.length, 1);
    });

    it("passes resource-group and resource scopes in any case", async () => {
        const r = await runStack(control, [
            assignment(`${SUB}/resourceGroups/phi`),
            assignment(`${SUB}/RESOURCEGROUPS/phi/providers/Microsoft.Storage/storageAccounts/records/`, { name: "b" }),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes an unknown scope taken from a resource group's id", async () => {
        const rg: TestResource = { type: "azure-native:resources:ResourceGroup", name: "phi", props: {} };
        const r = await runStack(control, [rg, assignment(unknown, { propertyDependencies: { scope: [urnOf(rg)] } })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags an unknown scope taken from a subscription alias", async () => {
        const sub: TestResource = { type: "azure-native:subscription:Alias", name: "phi-sub", props: {} };
        const r = await runStack(control, [sub, assignment(unknown, { propertyDependencies: { scope: [urnOf(sub)] } })]);
        assert.equal(r.violations.length, 1);
    });

    it("says it could not verify an unknown scope of unknown origin", async () => {
        const r = await runStack(control, [assignment(unknown)]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });

    it("flags a scope that is not an Azure scope", async () => {
        const r = await runStack(control, [assignment("subscriptions")]);
        assert.match(r.violations[0], /not a recognisable Azure scope/);
    });

    it("allows configured platform principals at subscription scope, in any case", async () => {
        const r = await runStack(control, [assignment(SUB)], { config: { allowedPrincipalIds: ["11111111-1111-1111-1111-111111111111".toUpperCase()] } });
        assert.deepEqual(r.violations, []);
    });

    describe("when each part runs", () => {
        it("flags a subscription-scope assignment in Analyze, so the assignment's own step is stopped", async () => {
            const r = await runResource(control, assignment(SUB));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /assigned at subscription scope/);
        });

        it("leaves an unknown scope to the stack part without reporting in Analyze", async () => {
            assert.deepEqual(await runResource(control, assignment(unknown)), { violations: [], unverified: [], urns: [] });
        });

        it("does not judge again in AnalyzeStack what Analyze settled", async () => {
            assert.deepEqual(await runStackPart(control, [assignment(SUB)]), { violations: [], unverified: [], urns: [] });
        });
    });
});
