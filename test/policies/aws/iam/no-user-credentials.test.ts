import { strict as assert } from "assert";
import { awsIamNoUserCredentials as control } from "../../../../policies/aws/iam/no-user-credentials";
import { runStack, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const alice = { type: "aws:iam/user:User", name: "alice", props: { name: unknown } };
const bound = (type: string, props: Record<string, unknown>, prop = "user") => ({ type, name: "x", props: { ...props, [prop]: unknown }, propertyDependencies: { [prop]: [urnOf(alice)] } });

describe("aws-iam-no-user-credentials", () => {
    it("flags an access key of a user of the stack, on the key", async () => {
        const key = bound("aws:iam/accessKey:AccessKey", {});
        const r = await runStack(control, [alice, key]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /an IAM user is given a long-lived access key at user/);
        assert.equal(r.urns[0], urnOf(key));
    });

    it("flags an inactive access key given by user name", async () => {
        const r = await runStack(control, [{ type: "aws:iam/accessKey:AccessKey", name: "k", props: { user: "alice", status: "Inactive" } }]);
        assertFindings(r, [{ at: "user", urn: "urn:pulumi:test::test::aws:iam/accessKey:AccessKey::k" }]);
    });

    it("flags an aws-native user's own login profile, inline policies and managed policies, and says an unknown one could not be verified", async () => {
        const user = {
            type: "aws-native:iam:User",
            name: "bob",
            props: { userName: "bob", loginProfile: { password: secret("hunter2-long-password") }, policies: [{ policyName: "p", policyDocument: {} }], managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] },
        };
        const r = await runStack(control, [user]);
        assertFindings(r, [
            { at: "loginProfile", urn: urnOf(user) },
            { at: "policies", urn: urnOf(user) },
            { at: "managedPolicyArns", urn: urnOf(user) },
        ]);
        assert.doesNotMatch(r.violations.join(" "), /hunter2/);
        const unknownPolicies = { type: "aws-native:iam:User", name: "carol", props: { userName: "carol", policies: unknown, managedPolicyArns: [] } };
        assertFindings(await runStack(control, [unknownPolicies]), [{ at: "policies", urn: urnOf(unknownPolicies), outcome: "unverified" }]);
    });

    it("passes an aws-native user with no credentials or direct policies, and one listed in exemptUsers", async () => {
        const plain = { type: "aws-native:iam:User", name: "dave", props: { userName: "dave", groups: ["readers"] } };
        assert.deepEqual(await runStack(control, [plain]), { violations: [], unverified: [], urns: [] });
        const legacy = { type: "aws-native:iam:User", name: "legacy", props: { userName: "legacy-sync", managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } };
        assert.deepEqual(await runStack(control, [legacy], { config: { exemptUsers: ["legacy-sync"] } }), { violations: [], unverified: [], urns: [] });
    });

    it("flags a login profile", async () => {
        const r = await runStack(control, [alice, bound("aws:iam/userLoginProfile:UserLoginProfile", { passwordLength: 32 })]);
        assert.match(r.violations[0], /console password/);
    });

    it("flags inline and managed policies attached to a user", async () => {
        const r = await runStack(control, [
            alice,
            bound("aws:iam/userPolicy:UserPolicy", { policy: "{}" }),
            { ...bound("aws:iam/userPolicyAttachment:UserPolicyAttachment", { policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }), name: "y" },
            { type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", name: "z", props: { userName: "alice", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] } },
        ]);
        assert.equal(r.violations.length, 3);
        assert.match(r.violations[0], /inline policy attached directly to the user at policy/);
        assert.match(r.violations[1], /managed policy attached directly to the user at policyArn/);
    });

    it("flags a PolicyAttachment with users and passes one with only roles", async () => {
        const r = await runStack(control, [
            { type: "aws:iam/policyAttachment:PolicyAttachment", name: "a", props: { policyArn: "arn:aws:iam::111122223333:policy/p", users: ["alice"], roles: [] } },
            { type: "aws:iam/policyAttachment:PolicyAttachment", name: "b", props: { policyArn: "arn:aws:iam::111122223333:policy/p", roles: ["app"] } },
        ]);
        assert.equal(r.violations.length, 1);
        assert.equal(r.urns[0], urnOf({ type: "aws:iam/policyAttachment:PolicyAttachment", name: "a" }));
    });

    it("flags a PolicyAttachment whose user list is unknown but links a user of the stack", async () => {
        const pa = { type: "aws:iam/policyAttachment:PolicyAttachment", name: "a", props: { policyArn: "arn:aws:iam::111122223333:policy/p", users: unknown }, propertyDependencies: { users: [urnOf(alice)] } };
        const r = await runStack(control, [alice, pa]);
        assertFindings(r, [{ at: "users", urn: "urn:pulumi:test::test::aws:iam/policyAttachment:PolicyAttachment::a" }]);
    });

    it("passes an exclusive attachment that clears the user's policies", async () => {
        const r = await runStack(control, [{ type: "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", name: "z", props: { userName: "alice", policyArns: [] } }]);
        assertFindings(r, []);
    });

    it("passes users without credentials and roles", async () => {
        const r = await runStack(control, [alice, { type: "aws:iam/role:Role", name: "app", props: { assumeRolePolicy: "{}" } }]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("exempts configured users by Pulumi or IAM name", async () => {
        const a = await runStack(control, [alice, bound("aws:iam/accessKey:AccessKey", {})], { config: { exemptUsers: ["alice"] } });
        assertFindings(a, []);
        const b = await runStack(control, [{ type: "aws:iam/accessKey:AccessKey", name: "k", props: { user: "Legacy-Sync" } }], { config: { exemptUsers: ["legacy-sync"] } });
        assertFindings(b, []);
    });

    it("flags a key of a user whose name is unknown at preview even when users are exempt", async () => {
        const r = await runStack(control, [{ type: "aws:iam/accessKey:AccessKey", name: "k", props: { user: unknown } }], { config: { exemptUsers: ["legacy-sync"] } });
        assertFindings(r, [{ at: "user", urn: "urn:pulumi:test::test::aws:iam/accessKey:AccessKey::k" }]);
    });

    it("says it could not verify an unknown user list of a PolicyAttachment", async () => {
        const r = await runStack(control, [{ type: "aws:iam/policyAttachment:PolicyAttachment", name: "a", props: { policyArn: "arn:aws:iam::111122223333:policy/p", users: unknown } }]);
        assertFindings(r, [{ at: "users", urn: "urn:pulumi:test::test::aws:iam/policyAttachment:PolicyAttachment::a", outcome: "unverified" }]);
    });

    it("does not echo a secret user name or PGP key", async () => {
        const r = await runStack(control, [{ type: "aws:iam/accessKey:AccessKey", name: "k", props: { user: secret("s3cr3t-user"), pgpKey: secret("keybase:s3cr3t") } }]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
