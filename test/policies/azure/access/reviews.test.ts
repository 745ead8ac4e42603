import { strict as assert } from "assert";
import { azAccessReviews as control } from "../../../../policies/azure/access/reviews";
import { runStack, TestResource, unknown, urnOf } from "../../../harness";

const RG = "azure-native:resources:ResourceGroup";
const RA = "azure-native:authorization:RoleAssignment";
const SCOPED = "azure-native:authorization:ScopeAccessReviewScheduleDefinitionById";
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const OWNER = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const group = (name = "phi", props: Record<string, unknown> = {}): TestResource => ({ type: RG, name, props: { id: unknown, tags: { "data-classification": "phi" }, ...props } });
const review = (target: TestResource | string, props: Record<string, unknown> = {}, name = "review"): TestResource => ({
    type: SCOPED,
    name,
    props: { scope: typeof target === "string" ? target : unknown, type: "absoluteMonthly", interval: 3, autoApplyDecisionsEnabled: true, defaultDecision: "Deny", ...props },
    propertyDependencies: typeof target === "string" ? {} : { scope: [urnOf(target)] },
});
const owner = (scope: unknown, deps?: TestResource): TestResource => ({
    type: RA,
    name: "owner",
    props: { principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: OWNER, scope },
    propertyDependencies: deps ? { scope: [urnOf(deps)] } : {},
});
const clean = { violations: [], unverified: [], urns: [] };

describe("az-access-reviews", () => {
    it("flags a PHI resource group without an access review, on the resource group", async () => {
        const g = group();
        const r = await runStack(control, [g]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the PHI resource group is not covered by any access review at authorization\.ScopeAccessReviewScheduleDefinitionById/);
        assert.deepEqual(r.urns, [urnOf(g)]);
    });

    it("passes a quarterly auto-applying review of the resource group joined through propertyDependencies", async () => {
        const g = group();
        assert.deepEqual(await runStack(control, [g, review(g)]), clean);
    });

    it("passes a weekly review given as the resource group's id, in another case", async () => {
        const g = group("phi", { id: `${SUB}/resourceGroups/phi` });
        assert.deepEqual(await runStack(control, [g, review(`${SUB}/RESOURCEGROUPS/PHI/`, { type: "weekly", interval: 2 })]), clean);
    });

    it("passes a subscription-wide review that includes access below it, and the output shape of scope", async () => {
        const g = group();
        const sub: TestResource = { type: "azure-native:authorization:AccessReviewScheduleDefinitionById", name: "sub", props: { type: "absoluteMonthly", interval: 1, autoApplyDecisionsEnabled: true, includeAccessBelowResource: true } };
        assert.deepEqual(await runStack(control, [g, sub]), clean);
        const out = review(SUB, { scope: { resourceId: SUB }, includeAccessBelowResource: true });
        assert.deepEqual((await runStack(control, [g, out])).violations, []);
    });

    it("flags a resource group under a subscription review that does not include access below it", async () => {
        const g = group();
        const r = await runStack(control, [g, review(SUB)]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(g)]);
    });

    it("flags a review of another resource group, and one that excludes this one", async () => {
        const g = group();
        const other = group("other", { tags: {} });
        const r = await runStack(control, [g, other, review(other)], { settings: { phiScope: "tagged" } });
        assert.deepEqual(r.urns, [urnOf(g)]);
        const excluding = { ...review(SUB, { includeAccessBelowResource: true, excludeResourceId: unknown }), propertyDependencies: { excludeResourceId: [urnOf(g)] } };
        assert.equal((await runStack(control, [g, excluding])).violations.length, 1);
    });

    it("flags a privileged assignment at subscription scope that no review covers", async () => {
        const g = group();
        const a = owner(SUB);
        const r = await runStack(control, [g, review(g), a]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the Owner assignment is not covered/);
        assert.deepEqual(r.urns, [urnOf(a)]);
    });

    it("passes a privileged assignment on a reviewed resource group, and flags it when the review excludes its role", async () => {
        const g = group();
        assert.deepEqual(await runStack(control, [g, review(g), owner(unknown, g)]), clean);
        const r = await runStack(control, [g, review(g, { excludeRoleDefinitionId: OWNER }), owner(unknown, g)]);
        assert.deepEqual(r.urns, [urnOf(owner(unknown, g))]);
    });

    it("flags a privileged PIM eligibility that no review covers", async () => {
        const e: TestResource = { type: "azure-native:authorization:PimRoleEligibilitySchedule", name: "e", props: { principalId: "x", roleDefinitionId: OWNER, scope: SUB } };
        const r = await runStack(control, [e], { settings: { phiScope: "tagged" } });
        assert.match(r.violations[0], /the Owner eligibility is not covered/);
    });

    it("flags a review that recurs less than quarterly, once a year, or not at all, on the review", async () => {
        const g = group();
        for (const props of [{ interval: 6 }, { type: "weekly", interval: 14 }, { type: undefined, interval: undefined }]) {
            const rv = review(g, props);
            for (const k of Object.keys(props)) if ((props as any)[k] === undefined) delete rv.props[k];
            const r = await runStack(control, [g, rv]);
            assert.equal(r.violations.length, 1, JSON.stringify(props));
            assert.deepEqual(r.urns, [urnOf(rv)]);
        }
    });

    it("flags a review that does not apply its decisions", async () => {
        const g = group();
        const r = await runStack(control, [g, review(g, { autoApplyDecisionsEnabled: false })]);
        assert.match(r.violations[0], /does not apply its decisions, so denied access stays at autoApplyDecisionsEnabled/);
    });

    it("matches the versioned review token", async () => {
        const g = group();
        const rv = { ...review(g), type: "azure-native:authorization/v20211201preview:ScopeAccessReviewScheduleDefinitionById" };
        assert.deepEqual(await runStack(control, [g, rv]), clean);
    });

    it("says it could not verify unknown recurrence and auto-apply values", async () => {
        const g = group();
        const r = await runStack(control, [g, review(g, { interval: unknown, autoApplyDecisionsEnabled: unknown })]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 2);
    });

    it("says it could not verify a review scope that cannot be placed", async () => {
        const g = group();
        const r = await runStack(control, [g, review(unknown as unknown as string)]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify authorization\.ScopeAccessReviewScheduleDefinitionById\.scope/);
    });

    it("reads the provider's output shape: type holds the resource type, so a short interval decides", async () => {
        const g = group();
        const out = (interval: number) => review(g, { type: "Microsoft.Authorization/accessReviewScheduleDefinitions", interval });
        assert.deepEqual(await runStack(control, [g, out(3)]), clean);
        const r = await runStack(control, [g, out(6)]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify type/);
    });

    it("passes a subscription-scope privileged assignment under a subscription-wide review", async () => {
        const sub: TestResource = { type: "azure-native:authorization:AccessReviewScheduleDefinitionById", name: "sub", props: { type: "weekly", interval: 4, autoApplyDecisionsEnabled: true } };
        const r = await runStack(control, [sub, owner(SUB)]);
        assert.deepEqual(r, clean);
    });
});
