import { strict as assert } from "assert";
import { awsIamGrantJustification as control, clock } from "../../../../policies/aws/iam/grant-justification";
import { runResource, runStack, runStackPart, TestResource, unknown, urnOf } from "../../../harness";

const TAGS = { justification: "on-call database repair", ticket: "SEC-123", owner: "dba-team" };
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });
const reader = [{ name: "p", policy: doc(allow("s3:GetObject", "arn:aws:s3:::phi/*")) }];
const role = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:iam/role:Role", name, props: { assumeRolePolicy: "{}", ...props } });

describe("aws-iam-grant-justification", () => {
    const realToday = clock.today;
    beforeEach(() => (clock.today = () => "2026-06-15"));
    afterEach(() => (clock.today = realToday));

    it("flags a PHI-reading role without justification tags, listing the missing keys", async () => {
        const r = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { owner: "data-team" } })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /grants PHI data access \(s3:GetObject\) without the "justification", "ticket" tags .* at tags/);
    });

    it("flags a role with AdministratorAccess and no tags at all", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })]);
        assert.match(r.violations[0], /administrator rights/);
    });

    it("flags a user with IAM write on every resource through a UserPolicy", async () => {
        const u: TestResource = { type: "aws:iam/user:User", name: "alice", props: { tags: {} } };
        const r = await runStack(control, [u, { type: "aws:iam/userPolicy:UserPolicy", name: "up", props: { user: unknown, policy: doc(allow("iam:AttachRolePolicy")) }, propertyDependencies: { user: [urnOf(u)] } }]);
        assert.match(r.violations[0], /administrator rights \(iam:AttachRolePolicy on every target, so it can grant itself any right\)/);
        assert.deepEqual(r.urns, [urnOf(u)]);
    });

    it("passes a tagged PHI-reading role (tag keys in any case) and an unprivileged untagged role", async () => {
        const r = await runStack(control, [
            role("reader", { inlinePolicies: reader, tags: { Justification: "claims processing", Ticket: "CHG-1", Owner: "claims" } }),
            role("logger", { managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] }),
        ]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it('judges Action "*" on a Resource unknown at preview as PHI access to one resource of the stack, not administrator rights', async () => {
        const r = await runStack(control, [role("r"), { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { role: unknown, policy: { Statement: [allow("*", unknown)] } }, propertyDependencies: { role: [urnOf(role("r"))] } }]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /PHI data access/);
    });

    it("treats empty tag values as missing and unknown tag values as present", async () => {
        const a = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { ...TAGS, ticket: " " } })]);
        assert.match(a.violations[0], /"ticket" tag /);
        const b = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { ...TAGS, owner: unknown } })]);
        assert.equal(b.violations.length, 0);
    });

    it("flags an expires date in the past, and passes today or a future date", async () => {
        const past = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { ...TAGS, expires: "2026-06-14" } })]);
        assert.match(past.violations[0], /expired on 2026-06-14 .* at tags\.expires/);
        const today = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { ...TAGS, expires: "2026-06-15T00:00:00Z" } })]);
        assert.equal(today.violations.length, 0);
    });

    it("flags an expires tag that is not a date, without echoing it", async () => {
        const r = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { ...TAGS, expires: "whenever-hunter2" } })]);
        assert.match(r.violations[0], /not a date/);
        assert.doesNotMatch(r.violations[0], /hunter2/);
    });

    it("uses configured tag names and requires the expiry when configured", async () => {
        const config = { requiredTags: ["jira"], expiresTag: "valid-until", requireExpiry: true };
        const r = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { jira: "X-1" } })], { config });
        assert.match(r.violations[0], /"valid-until" tag/);
        const ok = await runStack(control, [role("reader", { inlinePolicies: reader, tags: { jira: "X-1", "valid-until": "2027-01-01" } })], { config });
        assert.equal(ok.violations.length, 0);
    });

    it("flags every permission set without justification tags, whatever it grants", async () => {
        const r = await runStack(control, [
            { type: "aws:ssoadmin/permissionSet:PermissionSet", name: "viewer", props: { name: "viewer" } },
            { type: "aws:ssoadmin/permissionSet:PermissionSet", name: "ok", props: { name: "ok", tags: TAGS } },
        ]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /PermissionSet "viewer" grants Identity Center access/);
    });

    it("flags a group granted PHI reads by an inline GroupPolicy, which cannot be tagged", async () => {
        const g: TestResource = { type: "aws:iam/group:Group", name: "analysts", props: {} };
        const r = await runStack(control, [g, { type: "aws:iam/groupPolicy:GroupPolicy", name: "gp", props: { group: unknown, policy: doc(allow("dynamodb:Scan", "arn:aws:dynamodb:*:*:table/p")) }, propertyDependencies: { group: [urnOf(g)] } }]);
        assert.match(r.violations[0], /neither an IAM group nor that grant can carry justification tags/);
    });

    it("checks the tags of the customer-managed policy that grants a group its rights", async () => {
        const g: TestResource = { type: "aws:iam/group:Group", name: "analysts", props: {} };
        const pol = (tags: unknown): TestResource => ({ type: "aws:iam/policy:Policy", name: "reads", props: { policy: doc(allow("dynamodb:Scan", "arn:aws:dynamodb:*:*:table/p")), tags } });
        const att = (p: TestResource): TestResource => ({ type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", name: "ga", props: { group: unknown, policyArn: unknown }, propertyDependencies: { group: [urnOf(g)], policyArn: [urnOf(p)] } });
        const bad = await runStack(control, [g, pol({ owner: "x" }), att(pol({ owner: "x" }))]);
        assert.match(bad.violations[0], /Policy "reads" grants PHI data access .* at GroupPolicyAttachment "ga" policyArn -> Policy "reads" tags/);
        const ok = await runStack(control, [g, pol(TAGS), att(pol(TAGS))]);
        assert.equal(ok.violations.length, 0);
    });

    it("says it could not verify unknown tags of a privileged role", async () => {
        const r = await runStack(control, [role("reader", { inlinePolicies: reader, tags: unknown })]);
        assert.match(r.unverified[0], /could not verify tags/);
    });

    it("says it could not verify an untagged role whose policy is unknown", async () => {
        const r0 = role("r");
        const p: TestResource = { type: "aws:iam/policy:Policy", name: "p", props: { policy: unknown } };
        const r = await runStack(control, [r0, p, { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a", props: { role: unknown, policyArn: unknown }, propertyDependencies: { role: [urnOf(r0)], policyArn: [urnOf(p)] } }]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /Policy "p" policy/);
    });

    describe("when each part runs", () => {
        it("flags an untagged role whose own policies read PHI in Analyze, and not again in AnalyzeStack", async () => {
            const r = role("reader", { inlinePolicies: reader });
            assert.equal((await runResource(control, r)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [r]), { violations: [], unverified: [], urns: [] });
        });

        it("flags an untagged permission set in Analyze", async () => {
            const r = await runResource(control, { type: "aws:ssoadmin/permissionSet:PermissionSet", props: { instanceArn: "arn:aws:sso:::instance/ssoins-1" } });
            assert.match(r.violations[0], /grants Identity Center access without/);
        });

        it("leaves a role without sensitive rights of its own to the stack", async () => {
            assert.deepEqual(await runResource(control, role("app")), { violations: [], unverified: [], urns: [] });
        });
    });
});
