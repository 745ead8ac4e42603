import { strict as assert } from "assert";
import { accessGraph, chain, hops, steps } from "../../../../policies/lib/access";
import { StackIndex, StackResource } from "../../../../policies/lib/stack-index";
import { Plain, UNKNOWN } from "../../../../policies/lib/values";

const settings = { trustedAwsAccountIds: ["111122223333"], trustedAwsOrganizationIds: [], trustedAzureTenantIds: [], trustedAzureSubscriptionIds: [] };
const r = (type: string, name: string, props: Record<string, Plain>, propertyDependencies: Record<string, string[]> = {}): StackResource => ({
    type,
    name,
    urn: `urn:pulumi:t::t::${type}::${name}`,
    props,
    dependencies: [],
    propertyDependencies,
});
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const graphOf = (...resources: StackResource[]) => accessGraph(new StackIndex(resources), { isPhi: () => true, settings });

const bucket = r("aws:s3/bucket:Bucket", "records", { bucket: "phi-records" });
const reads = (holder: Record<string, Plain>, type = "aws:iam/rolePolicy:RolePolicy", name = "reads") =>
    r(type, name, { ...holder, policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-records/*" }) });

describe("the access graph", () => {
    it("finds the shortest chain from a user through its group and an assumed role, and counts membership as no step", () => {
        const role = r("aws:iam/role:Role", "analyst", { name: "analyst", assumeRolePolicy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }) });
        const user = r("aws:iam/user:User", "ana", { name: "ana" });
        const group = r("aws:iam/group:Group", "analysts", { name: "analysts" });
        const member = r("aws:iam/groupMembership:GroupMembership", "m", { group: "analysts", users: ["ana"] });
        const assume = r("aws:iam/groupPolicy:GroupPolicy", "assume", { group: "analysts", policy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/analyst" }) });
        const g = graphOf(bucket, role, reads({ role: "analyst" }), user, group, member, assume);
        const ana = g.pathsTo(bucket.urn, "read").find((p) => p.principal.name === "ana")!;
        assert.equal(chain(ana), "ana -> assumes analyst -> s3:GetObject on records");
        assert.deepEqual([hops(ana), steps(ana), ana.unverified], [2, 2, false]);
        assert.deepEqual(ana.edges.map((e) => e.via), ['Group "analysts" (GroupMembership "m") -> GroupPolicy "assume" policy.Statement[0]', 'RolePolicy "reads" policy.Statement[0]']);
        assert.ok(g.nodes.get(role.urn)!.human, "a role an account root may assume is a person's");
    });

    it("prefers a proven path to a shorter unverified one, and keeps an unverified one when nothing else reaches", () => {
        const other = r("aws:s3/bucket:Bucket", "other", { bucket: "phi-other" });
        const role = r("aws:iam/role:Role", "worker", { name: "worker", assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
        const unknownResource = r(
            "aws:iam/rolePolicy:RolePolicy",
            "either",
            { role: "worker", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: UNKNOWN }] } },
            { policy: [bucket.urn, other.urn] },
        );
        const g = graphOf(bucket, other, role, unknownResource);
        const [path] = g.pathsTo(other.urn, "read");
        assert.equal(chain(path), "worker -> s3:GetObject on other");
        assert.equal(path.unverified, true);
    });

    it("draws a KMS grant and a key policy as decrypt on the stores the key encrypts", () => {
        const key = r("aws:kms/key:Key", "records-key", {
            policy: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "kms:Decrypt", Resource: "*" }),
        });
        const encrypted = r("aws:dynamodb/table:Table", "claims", { name: "claims", serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } }, { serverSideEncryption: [key.urn] });
        const role = r("aws:iam/role:Role", "etl", { name: "etl", arn: "arn:aws:iam::111122223333:role/etl", assumeRolePolicy: doc() });
        const grant = r("aws:kms/grant:Grant", "etl-grant", { keyId: UNKNOWN, granteePrincipal: "arn:aws:iam::111122223333:role/etl", operations: ["Decrypt"] }, { keyId: [key.urn] });
        const g = graphOf(key, encrypted, role, grant);
        assert.deepEqual(g.pathsTo(encrypted.urn, "decrypt").map(chain), [
            "account 999988887777 -> kms:Decrypt on key records-key of claims",
            "etl -> KMS grant Decrypt on key records-key of claims",
        ]);
        assert.equal(g.nodes.get("aws-account:999988887777")!.external, true);
    });

    it("inherits an Azure assignment at a management group down to a store in a resource group", () => {
        const mg = r("azure-native:management:ManagementGroup", "platform", {});
        const rg = r("azure-native:resources:ResourceGroup", "phi-rg", { resourceGroupName: "phi-rg" });
        const account = r("azure-native:storage:StorageAccount", "phistore", { resourceGroupName: UNKNOWN }, { resourceGroupName: [rg.urn] });
        const assignment = r(
            "azure-native:authorization:RoleAssignment",
            "auditors",
            { scope: UNKNOWN, roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", principalId: "0a0a0a0a-1111-4222-8333-944445555666", principalType: "Group" },
            { scope: [mg.urn] },
        );
        const [path] = graphOf(mg, rg, account, assignment).pathsTo(account.urn, "read");
        assert.equal(chain(path), "group 0a0a0a0a-1111-4222-8333-944445555666 -> Storage Blob Data Reader on phistore (inherited from management group platform)");
        assert.equal(path.principal.human, true);
    });

    it("records a document unknown at preview as not read instead of guessing its edges", () => {
        const role = r("aws:iam/role:Role", "worker", { name: "worker", assumeRolePolicy: doc() });
        const g = graphOf(bucket, role, r("aws:iam/rolePolicy:RolePolicy", "later", { role: "worker", policy: UNKNOWN }));
        assert.deepEqual(g.pathsTo(bucket.urn, "read"), []);
        assert.deepEqual(g.unread, ['Role "worker": RolePolicy "later" policy']);
    });

    it("stops at its edge limit and says it is incomplete, so the pack's controls can say they did not judge the paths", () => {
        const resources = [bucket, ...["a", "b", "c"].map((n) => reads({ role: n }, "aws:iam/rolePolicy:RolePolicy", `reads-${n}`)), ...["a", "b", "c"].map((n) => r("aws:iam/role:Role", n, { name: n, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) }))];
        const stack = new StackIndex(resources);
        const bounded = accessGraph(stack, { isPhi: () => true, settings, maxEdges: 2 });
        assert.deepEqual([bounded.incomplete, bounded.edges.length], [true, 2]);
        const whole = accessGraph(stack, { isPhi: () => true, settings });
        assert.equal(whole.incomplete, false, "a caller without a limit gets the whole graph, not the bounded one built for the same stack");
        assert.equal(whole.pathsTo(bucket.urn, "read"), whole.pathsTo(bucket.urn, "read"), "the search runs once per store and access");
    });
});
