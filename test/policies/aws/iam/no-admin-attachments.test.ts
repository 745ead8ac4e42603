import { strict as assert } from "assert";
import { awsIamNoAdminAttachments as control } from "../../../../policies/aws/iam/no-admin-attachments";
import { runResource, runStack, runStackPart, secret, unknown, urnOf } from "../../../harness";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const role = (name: string, props: Record<string, unknown> = {}) => ({ type: "aws:iam/role:Role", name, props: { assumeRolePolicy: "{}", ...props } });

describe("aws-iam-no-admin-attachments", () => {
    for (const [arn, label] of [
        [ADMIN, "AdministratorAccess"],
        ["arn:aws-us-gov:iam::aws:policy/PowerUserAccess", "PowerUserAccess in aws-us-gov"],
        ["arn:aws-cn:iam::aws:policy/IAMFullAccess", "IAMFullAccess in aws-cn"],
        [" ARN:AWS:IAM::aws:policy/administratoraccess ", "case and whitespace variants"],
    ]) {
        it(`flags a RolePolicyAttachment of ${label} on a role given by name`, async () => {
            const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: "ops", policyArn: arn } }]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /attached to a role that is not a configured break-glass role at policyArn/);
        });
    }

    it("flags an admin policy attached to a role of the stack through propertyDependencies", async () => {
        const ops = role("ops", { name: unknown });
        const att = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: ADMIN }, propertyDependencies: { role: [urnOf(ops)] } };
        const r = await runStack(control, [ops, att]);
        assert.equal(r.violations.length, 1);
        assert.equal(r.urns[0], urnOf(att));
    });

    it("passes an admin policy on a configured break-glass role referenced by URN", async () => {
        const bg = role("break-glass", { name: unknown });
        const att = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: ADMIN }, propertyDependencies: { role: [urnOf(bg)] } };
        const r = await runStack(control, [bg, att], { config: { breakGlassRoles: ["break-glass"] } });
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a break-glass role named by its IAM name or ARN", async () => {
        const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: "arn:aws:iam::111122223333:role/BreakGlass", policyArn: ADMIN } }], { config: { breakGlassRoles: ["breakglass"] } });
        assert.equal(r.violations.length, 0);
    });

    it("flags admin policies on users and groups even when their names are break-glass", async () => {
        const r = await runStack(
            control,
            [
                { type: "aws:iam/userPolicyAttachment:UserPolicyAttachment", name: "u", props: { user: "break-glass", policyArn: ADMIN } },
                { type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", name: "g", props: { group: "admins", policyArn: ADMIN } },
            ],
            { config: { breakGlassRoles: ["break-glass"] } },
        );
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /attached to a user at policyArn/);
        assert.match(r.violations[1], /attached to a group at policyArn/);
    });

    it("flags each non-break-glass holder of a PolicyAttachment", async () => {
        const r = await runStack(control, [{ type: "aws:iam/policyAttachment:PolicyAttachment", name: "pa", props: { policyArn: ADMIN, roles: ["break-glass", "ops"], users: ["alice"], groups: [] } }], {
            config: { breakGlassRoles: ["break-glass"] },
        });
        assert.equal(r.violations.length, 2);
    });

    it("flags Role.managedPolicyArns with its index", async () => {
        const r = await runStack(control, [role("ops", { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", ADMIN] })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the role holds the AWS-managed AdministratorAccess policy \(every action on every resource\) at managedPolicyArns\[1\]/);
    });

    it("passes Role.managedPolicyArns with an admin policy on a break-glass role", async () => {
        const r = await runStack(control, [role("bg", { name: "break-glass", managedPolicyArns: [ADMIN] })], { config: { breakGlassRoles: ["break-glass"] } });
        assert.equal(r.violations.length, 0);
    });

    it("flags the exclusive attachment resources", async () => {
        const r = await runStack(control, [
            { type: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", name: "rx", props: { roleName: "ops", policyArns: [ADMIN] } },
            { type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", name: "ux", props: { userName: "bob", policyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] } },
        ]);
        assert.equal(r.violations.length, 2);
        assert.match(r.violations[0], /at policyArns\[0\]/);
    });

    it("honours adminPolicies, including a job-function path", async () => {
        const att = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: "ops", policyArn: "arn:aws:iam::aws:policy/job-function/SystemAdministrator" } };
        assert.equal((await runStack(control, [att])).violations.length, 0);
        const r = await runStack(control, [att], { config: { adminPolicies: ["job-function/SystemAdministrator"] } });
        assert.equal(r.violations.length, 1);
    });

    it("passes customer-managed policies and AWS-managed policies whose statements grant no administrator rights", async () => {
        const r = await runStack(control, [
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "a", props: { role: "ops", policyArn: "arn:aws:iam::111122223333:policy/AdministratorAccess" } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "b", props: { role: "ops", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "c", props: { role: "ops", policyArn: "arn:aws:iam::aws:policy/AWSCodeDeployFullAccess" } },
        ]);
        assert.equal(r.violations.length, 0);
    });

    it("judges an AWS-managed policy by its statements, whatever its name: AdministratorAccess-Amplify writes role policies on every role", async () => {
        const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "b", props: { role: "ops", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess-Amplify" } }]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /AdministratorAccess-Amplify policy \(iam:AttachRolePolicy, iam:CreatePolicy, iam:PutRolePolicy and 3 more on every target/);
    });

    it("says it could not verify an AWS-managed policy newer than the dataset", async () => {
        const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "n", props: { role: "ops", policyArn: "arn:aws:iam::aws:policy/job-function/Brand-New" } }]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /policyArn \(an AWS managed policy newer than phi-guard's dataset\)/);
    });

    it("flags an administrator policy attached to an Identity Center permission set that is not break-glass", async () => {
        const set = { type: "aws:ssoadmin/permissionSet:PermissionSet", name: "ops-set", props: { name: "ops-set" } };
        const att = { type: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", name: "m", props: { permissionSetArn: unknown, managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }, propertyDependencies: { permissionSetArn: [urnOf(set)] } };
        const r = await runStack(control, [set, att]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /PowerUserAccess policy .* is attached to a permission-set that is not a configured break-glass permission set/);
        assert.equal((await runStack(control, [set, att], { config: { breakGlassRoles: ["ops-set"] } })).violations.length, 0);
    });

    it("passes an unknown ARN that comes from a customer-managed Policy of the stack", async () => {
        const p = { type: "aws:iam/policy:Policy", name: "p", props: { policy: "{}" } };
        const att = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: "ops", policyArn: unknown }, propertyDependencies: { policyArn: [urnOf(p)] } };
        const r = await runStack(control, [p, att]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify an unknown ARN of unknown origin", async () => {
        const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: "ops", policyArn: unknown } }]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /could not verify policyArn/);
    });

    it("says it could not verify an admin attachment to a role whose name is unknown", async () => {
        const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: ADMIN } }], { config: { breakGlassRoles: ["bg"] } });
        assert.equal(r.violations.length, 0);
        assert.equal(r.unverified.length, 1);
    });

    it("flags a secret ARN without echoing the role name", async () => {
        const r = await runStack(control, [{ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: secret("s3cr3t-role"), policyArn: secret(ADMIN) } }]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    describe("when each part runs", () => {
        const attachment = (role: unknown) => ({ type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", props: { role, policyArn: ADMIN } });

        it("flags AdministratorAccess attached to a role named by a literal in Analyze, and not again in AnalyzeStack", async () => {
            const r = await runResource(control, attachment("ops"));
            assert.equal(r.violations.length, 1);
            assert.deepEqual(await runStackPart(control, [{ ...attachment("ops"), name: "att" }]), { violations: [], unverified: [], urns: [] });
        });

        it("flags AdministratorAccess in a role's own managedPolicyArns in Analyze", async () => {
            const r = await runResource(control, role("ops", { managedPolicyArns: [ADMIN] }));
            assert.match(r.violations[0], /the role holds the AWS-managed AdministratorAccess policy/);
        });

        it("leaves to the stack a role name unknown at preview, and one to compare with break-glass roles listed by Pulumi name", async () => {
            assert.deepEqual(await runResource(control, attachment(unknown)), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runResource(control, attachment("ops-7f3a2b"), { config: { breakGlassRoles: ["break-glass"] } }), { violations: [], unverified: [], urns: [] });
            const bg = role("break-glass", { name: "ops-7f3a2b" });
            const r = await runStack(control, [bg, { ...attachment(unknown), name: "att", propertyDependencies: { role: [urnOf(bg)] } }], { config: { breakGlassRoles: ["break-glass"] } });
            assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
        });
    });
});
