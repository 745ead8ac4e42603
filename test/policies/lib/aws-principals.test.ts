import { strict as assert } from "assert";
import { managedPolicy } from "../../../policies/lib/aws-capabilities";
import { collectPrincipalRights, readRights } from "../../../policies/lib/aws-principals";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";
import { stackResource as res } from "../../harness";


describe("lib/aws-capabilities managedPolicy", () => {
    it("recognises AWS managed policies by name under any path and partition", () => {
        const a = managedPolicy("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
        assert.equal(a.kind, "managed");
        assert.equal(managedPolicy("arn:aws-cn:iam::aws:policy/AdministratorAccess").kind, "managed");
        assert.deepEqual(managedPolicy("arn:aws:iam::aws:policy/job-function/Brand-New"), { kind: "unrecognised-managed", name: "Brand-New" });
        assert.deepEqual(managedPolicy("arn:aws:iam::123456789012:policy/AdministratorAccess"), { kind: "customer" });
    });
});

describe("lib/aws-principals collectPrincipalRights", () => {
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
        assert.equal(read.statements.length, 3);
        assert.equal(read.statements[1].at, 'RolePolicyAttachment "a1" policyArn -> Policy "p" policy.Statement[0]');
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
