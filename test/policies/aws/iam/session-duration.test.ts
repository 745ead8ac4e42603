import { strict as assert } from "assert";
import { awsIamSessionDuration as control, isoDurationSeconds } from "../../../../policies/aws/iam/session-duration";
import { runResource, runStack, runStackPart, secret, unknown, urnOf } from "../../../harness";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const ADMIN_DOC = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const role = (name: string, props: Record<string, unknown> = {}) => ({ type: "aws:iam/role:Role", name, props: { assumeRolePolicy: "{}", ...props } });
const permissionSet = (name: string, sessionDuration?: unknown) => ({
    type: "aws:ssoadmin/permissionSet:PermissionSet",
    name,
    props: { instanceArn: "arn:aws:sso:::instance/ssoins-1", ...(sessionDuration === undefined ? {} : { sessionDuration }) },
});

describe("aws-iam-session-duration", () => {
    it("reads ISO 8601 durations", () => {
        assert.equal(isoDurationSeconds("PT1H"), 3600);
        assert.equal(isoDurationSeconds("pt1h30m"), 5400);
        assert.equal(isoDurationSeconds("PT45M"), 2700);
        assert.equal(isoDurationSeconds("PT3600S"), 3600);
        assert.equal(isoDurationSeconds("PT"), undefined);
        assert.equal(isoDurationSeconds("1 hour"), undefined);
    });

    it("flags a role with AdministratorAccess in managedPolicyArns and a 12-hour session", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: [ADMIN], maxSessionDuration: 43200 })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /a privileged role issues sessions of 43200 seconds, longer than 3600 at maxSessionDuration/);
    });

    it("flags a role made privileged by a RolePolicyAttachment joined by URN", async () => {
        const ops = role("ops", { name: unknown, maxSessionDuration: 7200 });
        const att = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: "arn:aws-us-gov:iam::aws:policy/PowerUserAccess" }, propertyDependencies: { role: [urnOf(ops)] } };
        const r = await runStack(control, [ops, att]);
        assert.equal(r.violations.length, 1);
        assert.equal(r.urns[0], urnOf(ops));
    });

    it("flags roles made privileged by an inline admin policy, a RolePolicy and a PolicyAttachment", async () => {
        const a = role("a", { maxSessionDuration: 7200, inlinePolicies: [{ name: "all", policy: ADMIN_DOC }] });
        const b = role("b", { maxSessionDuration: 7200 });
        const c = role("c", { name: "c-role", maxSessionDuration: 7200 });
        const rp = { type: "aws:iam/rolePolicy:RolePolicy", name: "rp", props: { role: unknown, policy: ADMIN_DOC }, propertyDependencies: { role: [urnOf(b)] } };
        const pa = { type: "aws:iam/policyAttachment:PolicyAttachment", name: "pa", props: { policyArn: ADMIN, roles: [unknown] }, propertyDependencies: { roles: [urnOf(c)] } };
        const r = await runStack(control, [a, b, c, rp, pa]);
        assert.deepEqual(r.urns, [urnOf(a), urnOf(b), urnOf(c)]);
    });

    it("passes a privileged role with a 1-hour or default session", async () => {
        const r = await runStack(control, [role("a", { managedPolicyArns: [ADMIN], maxSessionDuration: 3600 }), role("b", { managedPolicyArns: [ADMIN] })]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a long session on an unprivileged role", async () => {
        const r = await runStack(control, [role("batch", { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], maxSessionDuration: 43200 })]);
        assert.equal(r.violations.length, 0);
    });

    it("treats configured privilegedPrincipals as privileged and honours maxSessionSeconds", async () => {
        const r = await runStack(control, [role("ops", { name: "Ops", maxSessionDuration: 3600 })], { config: { privilegedPrincipals: ["ops"], maxSessionSeconds: 1800 } });
        assert.equal(r.violations.length, 1);
    });

    it("flags a permission set with AdministratorAccess and PT8H", async () => {
        const ps = permissionSet("admins", "PT8H");
        const att = { type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", name: "att", props: { instanceArn: "i", managedPolicyArn: ADMIN, permissionSetArn: unknown }, propertyDependencies: { permissionSetArn: [urnOf(ps)] } };
        const r = await runStack(control, [ps, att]);
        assert.match(r.violations[0], /a privileged permission set issues sessions of 28800 seconds, longer than 3600 at sessionDuration/);
    });

    it("flags a permission set with an admin inline policy", async () => {
        const ps = permissionSet("admins", "PT2H");
        const inline = { type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", name: "in", props: { instanceArn: "i", inlinePolicy: ADMIN_DOC, permissionSetArn: unknown }, propertyDependencies: { permissionSetArn: [urnOf(ps)] } };
        assert.equal((await runStack(control, [ps, inline])).violations.length, 1);
    });

    it("passes privileged permission sets with PT1H, PT30M or the default", async () => {
        const sets = [permissionSet("a", "PT1H"), permissionSet("b", "PT30M"), permissionSet("c")];
        const atts = sets.map((ps, i) => ({ type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", name: `att${i}`, props: { instanceArn: "i", managedPolicyArn: ADMIN, permissionSetArn: unknown }, propertyDependencies: { permissionSetArn: [urnOf(ps)] } }));
        assert.deepEqual(await runStack(control, [...sets, ...atts]), { violations: [], unverified: [], urns: [] });
    });

    it("flags a malformed sessionDuration on a privileged permission set without echoing it", async () => {
        const r = await runStack(control, [permissionSet("admins", "s3cr3t")], { config: { privilegedPrincipals: ["admins"] } });
        assert.match(r.violations[0], /not an ISO 8601 duration/);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("says it could not verify an unknown session length on a privileged role", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: [ADMIN], maxSessionDuration: unknown })]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify maxSessionDuration/);
    });

    it("says it could not verify a long session on a role with an unknown managed policy ARN", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: [unknown], maxSessionDuration: 43200 })]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
    });

    it("passes a long session on a role whose unknown ARN comes from a customer-managed Policy", async () => {
        const p = { type: "aws:iam/policy:Policy", name: "p", props: { policy: "{}" } };
        const ops = { ...role("ops", { managedPolicyArns: [unknown], maxSessionDuration: 43200 }), propertyDependencies: { managedPolicyArns: [urnOf(p)] } };
        assert.deepEqual(await runStack(control, [p, ops]), { violations: [], unverified: [], urns: [] });
    });

    it("reads a secret session duration without echoing the role's policies", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: secret([ADMIN]), maxSessionDuration: secret(7200) })]);
        assert.equal(r.violations.length, 1);
    });

    describe("when each part runs", () => {
        it("flags a role whose own managed policy makes it privileged in Analyze, and not again in AnalyzeStack", async () => {
            const ops = role("ops", { managedPolicyArns: [ADMIN], maxSessionDuration: 43200 });
            assert.equal((await runResource(control, ops)).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [ops]), { violations: [], unverified: [], urns: [] });
        });

        it("passes a session within the limit in Analyze whatever is attached, and leaves a long one without own privilege to the stack", async () => {
            assert.deepEqual(await runResource(control, role("ops", { maxSessionDuration: 3600 })), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runResource(control, role("ops", { maxSessionDuration: 43200 })), { violations: [], unverified: [], urns: [] });
        });
    });
});
