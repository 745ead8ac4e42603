import { strict as assert } from "assert";
import { azGrantJustification as control } from "../../../../policies/azure/grant/justification";
import { runResource, runStack, runStackPart, secret, TestResource, unknown, urnOf } from "../../../harness";

const RA = "azure-native:authorization:RoleAssignment";
const PIM = "azure-native:authorization:PimRoleEligibilitySchedule";
const SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi";
const OWNER = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const BLOB_READER = "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const READER = "/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7";
const assign = (roleDefinitionId: unknown, description?: unknown): TestResource => ({
    type: RA,
    name: "a",
    props: { principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId, scope: SCOPE, ...(description === undefined ? {} : { description }) },
});
const eligibility = (props: Record<string, unknown> = {}): TestResource => ({
    type: PIM,
    name: "e",
    props: {
        principalId: "11111111-1111-1111-1111-111111111111",
        roleDefinitionId: OWNER,
        scope: SCOPE,
        justification: "On-call platform admin",
        ticketInfo: { ticketNumber: "SEC-7", ticketSystem: "Jira" },
        scheduleInfo: { startDateTime: "2026-01-01T00:00:00Z", expiration: { type: "AfterDuration", duration: "P180D" } },
        ...props,
    },
});

describe("az-grant-justification", () => {
    it("flags a privileged assignment without a description", async () => {
        const r = await runStack(control, [assign(OWNER)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /privileged role assignment has no description .* at description/);
        assert.deepEqual(r.urns, [urnOf({ type: RA, name: "a" })]);
    });

    it("flags a PHI data assignment whose description gives no justification", async () => {
        const r = await runStack(control, [assign(BLOB_READER, "blob access")]);
        assert.match(r.violations[0], /PHI data role assignment's description gives no justification or ticket/);
    });

    for (const d of ["Claims export; ticket 1042", "SEC-1042 analytics", "justification: quarterly audit"]) {
        it(`passes the description "${d}"`, async () => {
            const r = await runStack(control, [assign(BLOB_READER, d)]);
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });
    }

    it("does not take a name with a dash and one digit for a ticket id", async () => {
        const r = await runStack(control, [assign(OWNER, "access for team-2")]);
        assert.equal(r.violations.length, 1);
    });

    it("passes roles that are neither privileged nor PHI data roles", async () => {
        const r = await runStack(control, [assign(READER)]);
        assert.deepEqual(r.violations, []);
    });

    it("takes a configured pattern", async () => {
        const r = await runStack(control, [assign(OWNER, "CHG0012345")], { config: { justificationPattern: "^CHG\\d{7}$" } });
        assert.deepEqual(r.violations, []);
    });

    it("fails closed on an invalid configured pattern", async () => {
        const r = await runStack(control, [assign(OWNER, "ticket 1")], { config: { justificationPattern: "(" } });
        assert.match(r.violations[0], /justificationPattern is not a valid regular expression/);
    });

    it("judges a secret description without echoing it", async () => {
        const r = await runStack(control, [assign(OWNER, secret("s3cr3t words only"))]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("says it could not verify an unknown description of a privileged role", async () => {
        const r = await runStack(control, [assign(OWNER, unknown)]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify description/);
    });

    it("says it could not verify an unknown role without a justifying description", async () => {
        const r = await runStack(control, [assign(unknown)]);
        assert.match(r.unverified[0], /could not verify roleDefinitionId/);
        assert.deepEqual((await runStack(control, [assign(unknown, "ticket SEC-1")])).unverified, []);
    });

    it("passes a PIM eligibility with justification, ticket and an expiry", async () => {
        const r = await runStack(control, [eligibility()]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags a PIM eligibility that never expires (any case)", async () => {
        const r = await runStack(control, [eligibility({ scheduleInfo: { expiration: { type: "noExpiration" } } })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /never expires .* at scheduleInfo\.expiration\.type/);
    });

    it("flags a PIM eligibility without an expiry, and AfterDuration without a duration", async () => {
        assert.match((await runStack(control, [eligibility({ scheduleInfo: {} })])).violations[0], /sets no expiry/);
        assert.match((await runStack(control, [eligibility({ scheduleInfo: { expiration: { type: "AfterDuration" } } })])).violations[0], /at scheduleInfo\.expiration\.duration/);
        assert.match((await runStack(control, [eligibility({ scheduleInfo: { expiration: { type: "AfterDateTime", endDateTime: "" } } })])).violations[0], /endDateTime/);
    });

    it("flags a PIM eligibility without justification or ticket", async () => {
        const e = eligibility({ justification: " " });
        delete e.props.ticketInfo;
        const r = await runStack(control, [{ ...e, type: "azure-native:authorization/v20201001:PimRoleEligibilitySchedule" }]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations.join("\n"), /at justification/);
        assert.match(r.violations.join("\n"), /at ticketInfo\.ticketNumber/);
    });

    it("accepts unknown PIM justification, ticket and expiry (presence checks)", async () => {
        const r = await runStack(control, [eligibility({ justification: unknown, ticketInfo: unknown, scheduleInfo: { expiration: unknown } })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    describe("when each part runs", () => {
        it("flags an unjustified Owner assignment and an eligibility without expiry in Analyze, and not again in AnalyzeStack", async () => {
            const eternal = eligibility({ scheduleInfo: { expiration: { type: "NoExpiration" } } });
            assert.equal((await runResource(control, assign(OWNER))).violations.length, 1);
            assert.equal((await runResource(control, eternal)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [assign(OWNER), eternal]), { violations: [], unverified: [], urns: [] });
        });

        it("leaves a role that is not a known built-in role to the stack, which may find it among its custom roles", async () => {
            assert.deepEqual(await runResource(control, assign("/providers/Microsoft.Authorization/roleDefinitions/99999999-9999-9999-9999-999999999999")), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runResource(control, assign(unknown)), { violations: [], unverified: [], urns: [] });
        });
    });
});
