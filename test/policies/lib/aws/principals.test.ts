import { strict as assert } from "assert";
import { collectPrincipalRights, managedPolicyGrants, principalListed, principalRefs, readRights } from "../../../../policies/lib/aws/principals";
import { StackIndex } from "../../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../../policies/lib/values";
import { stackResource as res } from "../../../harness";

describe("lib/aws/principals collectPrincipalRights", () => {
    const role = res("aws:iam/role:Role", "r", { name: "r", inlinePolicies: [{ name: "i", policy: '{"Statement":[]}' }], managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
    const pol = res("aws:iam/policy:Policy", "p", { arn: "arn:aws:iam::1:policy/p", name: "p", policy: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } });

    it("gathers inline, managed and attached sources, joining by propertyDependencies and by known ARN", () => {
        const byDeps = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a1", { role: UNKNOWN, policyArn: UNKNOWN }, { role: [role.urn], policyArn: [pol.urn] });
        const byArn = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a2", { role: "r", policyArn: "arn:aws:iam::1:policy/p" });
        const rights = collectPrincipalRights(new StackIndex([role, pol, byDeps, byArn])).get(role.urn)!;
        assert.deepEqual(
            rights.sources.map((s) => s.via),
            [
                "inlinePolicies[0].policy",
                "managedPolicyArns -> AWS managed policy ReadOnlyAccess",
                'RolePolicyAttachment "a1" policyArn -> Policy "p" policy',
                'RolePolicyAttachment "a2" policyArn -> Policy "p" policy',
            ],
        );
        const read = readRights(rights.sources);
        // ReadOnlyAccess is read with its own statements, as if inline.
        assert.ok(read.statements.some((g) => g.source.managed === "ReadOnlyAccess"));
        const attached = read.statements.filter((g) => g.source.managed === undefined);
        assert.equal(attached.length, 2);
        assert.equal(attached[0].at, 'RolePolicyAttachment "a1" policyArn -> Policy "p" policy.Statement[0]');
    });

    it("marks unknown documents, unknown ARNs and policies outside the stack as unreadable", () => {
        const r2 = res("aws:iam/role:Role", "r2", { inlinePolicies: UNKNOWN, managedPolicyArns: [UNKNOWN, "arn:aws:iam::9:policy/ext"] });
        const read = readRights(collectPrincipalRights(new StackIndex([r2])).get(r2.urn)!.sources);
        assert.deepEqual(read.unreadable.map((s) => s.state), ["unknown", "external", "unknown"]);
    });

    it("builds the rights once per stack and reads each principal's sources once, for every control that asks", () => {
        const stack = new StackIndex([role, pol]);
        const rights = collectPrincipalRights(stack);
        assert.equal(collectPrincipalRights(stack), rights);
        assert.equal(readRights(rights.get(role.urn)!.sources), readRights(rights.get(role.urn)!.sources));
        assert.notEqual(collectPrincipalRights(new StackIndex([role, pol])), rights, "another request, another stack");
    });

    it("ignores grants to principals outside the stack", () => {
        const rp = res("aws:iam/rolePolicy:RolePolicy", "rp", { role: "elsewhere", policy: "{}" });
        assert.equal(collectPrincipalRights(new StackIndex([role, rp])).get(role.urn)!.sources.length, 2);
    });
});

describe("lib/aws/principals: rights wherever the rights table says they live", () => {
    const doc = (Action: string) => JSON.stringify({ Statement: [{ Effect: "Allow", Action, Resource: "*" }] });

    it("gives an Identity Center permission set its inline policy, AWS managed and customer-managed attachments", () => {
        const set = res("aws:ssoadmin/permissionSet:PermissionSet", "admins", { name: "admins" });
        const pol = res("aws:iam/policy:Policy", "deploy", { name: "deploy", policy: doc("lambda:UpdateFunctionCode") });
        const inline = res("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", "i", { permissionSetArn: UNKNOWN, inlinePolicy: doc("*") }, { permissionSetArn: [set.urn] });
        const managed = res("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "m", { permissionSetArn: UNKNOWN, managedPolicyArn: "arn:aws:iam::aws:policy/SecretsManagerReadWrite" }, { permissionSetArn: [set.urn] });
        const customer = res("aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment", "c", { permissionSetArn: UNKNOWN, customerManagedPolicyReference: { name: "deploy" } }, { permissionSetArn: [set.urn] });
        const rights = collectPrincipalRights(new StackIndex([set, pol, inline, managed, customer])).get(set.urn)!;
        assert.deepEqual(rights.sources.map((s) => s.via), [
            'PermissionSetInlinePolicy "i" inlinePolicy',
            'ManagedPolicyAttachment "m" managedPolicyArn -> AWS managed policy SecretsManagerReadWrite',
            'CustomerManagedPolicyAttachment "c" customerManagedPolicyReference -> Policy "deploy" policy',
        ]);
        assert.equal(readRights(rights.sources).unreadable.length, 0);
    });

    it("gives users their groups' rights, AWS managed policies included", () => {
        const user = res("aws:iam/user:User", "u", { name: "u" });
        const group = res("aws:iam/group:Group", "g", { name: "g" });
        const member = res("aws:iam/groupMembership:GroupMembership", "gm", { users: ["u"], group: "g" }, { users: [user.urn], group: [group.urn] });
        const attach = res("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "ga", { group: "g", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" }, { group: [group.urn] });
        const rights = collectPrincipalRights(new StackIndex([user, group, member, attach])).get(user.urn)!;
        assert.deepEqual(rights.sources.map((s) => s.via), ['Group "g" (GroupMembership "gm") -> GroupPolicyAttachment "ga" policyArn -> AWS managed policy AmazonS3FullAccess']);
    });

    it("reports an AWS managed policy newer than the dataset as unreadable", () => {
        const role = res("aws:iam/role:Role", "r", { managedPolicyArns: ["arn:aws:iam::aws:policy/job-function/Brand-New"] });
        const read = readRights(collectPrincipalRights(new StackIndex([role])).get(role.urn)!.sources);
        assert.deepEqual(read.unreadable.map((s) => s.state), ["unrecognised-managed"]);
    });
});

describe("lib/aws/principals policy-ARN grants and principal names", () => {
    it("lists the policy-ARN grants of every carrier the rights table names, permission sets included", () => {
        assert.deepEqual(
            managedPolicyGrants(res("aws:iam/role:Role", "r", { managedPolicyArns: ["a", "b"] })).map((g) => g.at),
            ["managedPolicyArns[0]", "managedPolicyArns[1]"],
        );
        const pa = managedPolicyGrants(res("aws:iam/policyAttachment:PolicyAttachment", "p", { policyArn: "a" }));
        assert.deepEqual(pa[0].holders.map((h) => h.kind), ["role", "user", "group"]);
        assert.deepEqual(managedPolicyGrants(res("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "m", { managedPolicyArn: "a" }))[0].holders.map((h) => h.kind), ["permission-set"]);
        assert.deepEqual(managedPolicyGrants(res("aws:iam/role:Role", "r", { managedPolicyArns: UNKNOWN }))[0].arn, UNKNOWN);
        assert.deepEqual(managedPolicyGrants(res("aws:s3/bucket:Bucket", "b", {})), []);
    });

    it("resolves principals by URN, by name or ARN, and keeps unknown names", () => {
        const role = res("aws:iam/role:Role", "ops", { name: UNKNOWN });
        const byUrn = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: UNKNOWN }, { role: [role.urn] });
        const byArn = res("aws:iam/policyAttachment:PolicyAttachment", "b", { roles: ["arn:aws:iam::1:role/path/Deploy", "plain"] });
        const stack = new StackIndex([role, byUrn, byArn]);
        assert.equal(principalRefs(stack, byUrn, "role")[0].resource, role);
        assert.deepEqual(principalRefs(stack, byArn, "roles").map((r) => r.name), ["Deploy", "plain"]);
        assert.equal(principalRefs(stack, res("x", "c", { role: UNKNOWN }), "role")[0].name, UNKNOWN);
        assert.ok(principalListed({ resource: role, name: "ops" }, ["OPS"]));
        assert.ok(!principalListed({ name: UNKNOWN }, ["ops"]));
    });
});
