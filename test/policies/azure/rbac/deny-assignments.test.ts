import { strict as assert } from "assert";
import { azRbacDenyAssignments as control } from "../../../../policies/azure/rbac/deny-assignments";
import { runStack, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const RG = "azure-native:resources:ResourceGroup";
const group = (name = "phi", props: Record<string, unknown> = {}): TestResource => ({ type: RG, name, props: { id: unknown, name: unknown, tags: { "data-classification": "phi" }, ...props } });
const rgLock = (target: TestResource, level: unknown = "CanNotDelete", type = "azure-native:authorization:ManagementLockAtResourceGroupLevel"): TestResource => ({
    type,
    name: "lock",
    props: { level, resourceGroupName: unknown },
    propertyDependencies: { resourceGroupName: [urnOf(target)] },
});
const deny = (target: TestResource, props: Record<string, unknown> = {}): TestResource => ({
    type: "azure-native:authorization:DenyAssignment",
    name: "deny",
    props: { scope: unknown, permissions: [{ actions: ["*/delete"] }], principals: [{ id: "00000000-0000-0000-0000-000000000000", type: "SystemDefined" }], ...props },
    propertyDependencies: { scope: [urnOf(target)] },
});

describe("az-rbac-deny-assignments", () => {
    it("flags a PHI resource group without a lock, on the resource group", async () => {
        const g = group();
        const r = await runStack(control, [g]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no CanNotDelete or ReadOnly management lock or deny assignment at authorization\.ManagementLockAtResourceGroupLevel/);
        assert.deepEqual(r.urns, [urnOf(g)]);
    });

    for (const level of ["CanNotDelete", "ReadOnly", "cannotdelete"]) {
        it(`passes a ${level} lock joined through propertyDependencies`, async () => {
            const g = group();
            const r = await runStack(control, [g, rgLock(g, level)]);
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });
    }

    it("passes a versioned lock token matched by the resource group's known name", async () => {
        const g = group("phi", { name: "rg-phi-prod" });
        const lock: TestResource = { type: "azure-native:authorization/v20200501:ManagementLockAtResourceGroupLevel", name: "lock", props: { level: "CanNotDelete", resourceGroupName: "RG-PHI-PROD" } };
        const r = await runStack(control, [g, lock]);
        assert.deepEqual(r.violations, []);
    });

    it("flags a NotSpecified lock", async () => {
        const g = group();
        const r = await runStack(control, [g, rgLock(g, "NotSpecified")]);
        assertFindings(r, [{ at: "authorization.ManagementLockAtResourceGroupLevel", urn: "urn:pulumi:test::test::azure-native:resources:ResourceGroup::phi" }]);
    });

    it("flags a lock on another resource group", async () => {
        const g = group();
        const other = group("other");
        const r = await runStack(control, [g, other, rgLock(other)], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(g)]);
    });

    it("passes a ManagementLockByScope on the resource group id and a subscription lock", async () => {
        const g = group("phi", { id: "/subscriptions/s/resourceGroups/phi" });
        const byScope: TestResource = { type: "azure-native:authorization:ManagementLockByScope", name: "l", props: { level: "ReadOnly", scope: "/subscriptions/s/resourceGroups/PHI/" } };
        assert.deepEqual((await runStack(control, [g, byScope])).violations, []);
        const sub: TestResource = { type: "azure-native:authorization:ManagementLockAtSubscriptionLevel", name: "s", props: { level: "CanNotDelete" } };
        assert.deepEqual((await runStack(control, [group(), sub])).violations, []);
    });

    it("passes a deny assignment that denies deletes on the resource group", async () => {
        const g = group();
        const r = await runStack(control, [g, deny(g)]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags a deny assignment that denies only reads", async () => {
        const g = group();
        const r = await runStack(control, [g, deny(g, { permissions: [{ actions: ["*/read"] }] })]);
        assertFindings(r, [{ at: "authorization.ManagementLockAtResourceGroupLevel", urn: "urn:pulumi:test::test::azure-native:resources:ResourceGroup::phi" }]);
    });

    it("flags a deny assignment when protection is lock", async () => {
        const g = group();
        const r = await runStack(control, [g, deny(g)], { config: { protection: "lock" } });
        assert.match(r.violations[0], /no CanNotDelete or ReadOnly management lock at/);
    });

    it("flags a lock when protection is deny-assignment", async () => {
        const g = group();
        const r = await runStack(control, [g, rgLock(g)], { config: { protection: "deny-assignment" } });
        assert.match(r.violations[0], /no deny assignment that denies deleting it at authorization\.DenyAssignment/);
    });

    it("ignores resource groups outside PHI scope when phiScope is tagged", async () => {
        const r = await runStack(control, [group("plain", { tags: { env: "dev" } })], { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify a lock level unknown at preview", async () => {
        const g = group();
        const r = await runStack(control, [g, rgLock(g, unknown)]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify level/);
        assert.deepEqual(r.urns, [urnOf({ type: "azure-native:authorization:ManagementLockAtResourceGroupLevel", name: "lock" })]);
    });
});
