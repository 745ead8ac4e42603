import { strict as assert } from "assert";
import { isAdminDocument, managedPolicyGrants, principalListed, principalRefs } from "../../../policies/lib/aws-iam-principals";
import { StackIndex, StackResource } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";

const res = (type: string, name: string, props: Record<string, any>, propertyDependencies: Record<string, string[]> = {}): StackResource => ({
    type,
    name,
    urn: `urn:${name}`,
    props,
    dependencies: [],
    propertyDependencies,
});

describe("lib/aws-iam-principals", () => {
    it("lists the managed-policy grants of attachments and roles", () => {
        assert.deepEqual(
            managedPolicyGrants(res("aws:iam/role:Role", "r", { managedPolicyArns: ["a", "b"] })).map((g) => g.at),
            ["managedPolicyArns[0]", "managedPolicyArns[1]"],
        );
        const pa = managedPolicyGrants(res("aws:iam/policyAttachment:PolicyAttachment", "p", { policyArn: "a" }));
        assert.deepEqual(pa[0].holders.map((h) => h.kind), ["role", "user", "group"]);
        assert.deepEqual(managedPolicyGrants(res("aws:iam/role:Role", "r", { managedPolicyArns: UNKNOWN }))[0].arn, UNKNOWN);
        assert.deepEqual(managedPolicyGrants(res("aws:s3/bucket:Bucket", "b", {})), []);
    });

    it("resolves principals by URN, by name or ARN, and keeps unknown names", () => {
        const role = res("aws:iam/role:Role", "ops", { name: UNKNOWN });
        const byUrn = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: UNKNOWN }, { role: ["urn:ops"] });
        const byArn = res("aws:iam/policyAttachment:PolicyAttachment", "b", { roles: ["arn:aws:iam::1:role/path/Deploy", "plain"] });
        const stack = new StackIndex([role, byUrn, byArn]);
        assert.equal(principalRefs(stack, byUrn, "role")[0].resource, role);
        assert.deepEqual(principalRefs(stack, byArn, "roles").map((r) => r.name), ["Deploy", "plain"]);
        assert.equal(principalRefs(stack, res("x", "c", { role: UNKNOWN }), "role")[0].name, UNKNOWN);
        assert.ok(principalListed({ resource: role, name: "ops" }, ["OPS"]));
        assert.ok(!principalListed({ name: UNKNOWN }, ["ops"]));
    });

    it("recognises admin documents", () => {
        assert.equal(isAdminDocument(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] })), true);
        assert.equal(isAdminDocument({ Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }), true);
        assert.equal(isAdminDocument({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }), false);
        assert.equal(isAdminDocument({ Statement: [{ Effect: "Allow", Action: "*", Resource: UNKNOWN }] }), UNKNOWN);
        assert.equal(isAdminDocument("not json"), "invalid");
    });
});
