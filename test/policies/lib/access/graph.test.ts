import { strict as assert } from "assert";
import { accessGraph, chain, hops, steps } from "../../../../policies/lib/access";
import { StackIndex, StackResource } from "../../../../policies/lib/stack-index";
import { Plain, UNKNOWN } from "../../../../policies/lib/values";
import { doc, graphOf, r, settings } from "./fixtures";

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

    it("reaches a store through an aws-native function's code: its functionName places it in an ARN and it runs as its role", () => {
        const role = r("aws:iam/role:Role", "worker", { name: "worker", assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
        const fn = r("aws-native:lambda:Function", "exporter", { functionName: "phi-exporter", role: UNKNOWN }, { role: [role.urn] });
        const dev = r("aws:iam/user:User", "dev", { name: "dev" });
        const deploys = r("aws:iam/userPolicy:UserPolicy", "deploys", { user: "dev", policy: doc({ Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "arn:aws:lambda:us-east-1:111122223333:function:phi-exporter" }) });
        const g = graphOf(bucket, role, reads({ role: "worker" }), fn, dev, deploys);
        const viaCode = g.pathsTo(bucket.urn, "read").find((p) => p.principal.name === "dev")!;
        assert.equal(chain(viaCode), "dev -> lambda:UpdateFunctionCode on exporter -> runs as worker -> s3:GetObject on records");
        assert.equal(viaCode.unverified, false);
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

    it("reaches a resource whose id the cloud assigns at creation: key/* reaches every key for sure, one key's id maybe (unverified), an alias none", () => {
        const key = r("aws:kms/key:Key", "records-key", { arn: UNKNOWN, keyId: UNKNOWN });
        const table = r("aws:dynamodb/table:Table", "claims", { name: "claims", serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } }, { serverSideEncryption: [key.urn] });
        const fs = r("aws:efs/fileSystem:FileSystem", "scans", { arn: UNKNOWN, encrypted: true });
        const role = (name: string, resource: string) => [
            r("aws:iam/role:Role", name, { name, assumeRolePolicy: doc() }),
            r("aws:iam/rolePolicy:RolePolicy", `${name}-policy`, { role: name, policy: doc({ Effect: "Allow", Action: ["kms:Decrypt", "elasticfilesystem:ClientMount"], Resource: resource }) }),
        ];
        const g = graphOf(
            key,
            table,
            fs,
            ...role("every-key", "arn:aws:kms:us-east-1:111122223333:key/*"),
            ...role("one-key", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            ...role("aliases", "arn:aws:kms:us-east-1:111122223333:alias/*"),
            ...role("every-fs", "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/*"),
            ...role("one-fs", "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0"),
            ...role("access-points", "arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/*"),
        );
        const paths = (store: StackResource, access: "read" | "decrypt") => g.pathsTo(store.urn, access).map((p) => [chain(p), p.unverified]);
        assert.deepEqual(paths(table, "decrypt"), [
            ["every-key -> kms:Decrypt on key records-key of claims", false],
            ["one-key -> kms:Decrypt on key records-key of claims", true],
        ]);
        assert.deepEqual(paths(fs, "read"), [
            ["every-fs -> elasticfilesystem:ClientMount on scans", false],
            ["one-fs -> elasticfilesystem:ClientMount on scans", true],
        ]);
    });

    it("reaches a bucket whose name is unknown at preview maybe by a named pattern, and one left to autonaming maybe by a pattern of its name", () => {
        const unknownName = r("aws:s3/bucket:Bucket", "records", { bucket: UNKNOWN });
        const autonamed = r("aws:s3/bucket:Bucket", "scans", {});
        const role = (name: string, resource: string) => [
            r("aws:iam/role:Role", name, { name, assumeRolePolicy: doc() }),
            r("aws:iam/rolePolicy:RolePolicy", `${name}-policy`, { role: name, policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: resource }) }),
        ];
        const g = graphOf(unknownName, autonamed, ...role("every-bucket", "arn:aws:s3:::*/*"), ...role("phi-buckets", "arn:aws:s3:::phi-*/*"), ...role("scans-buckets", "arn:aws:s3:::scans-*/*"));
        const paths = (store: StackResource) => g.pathsTo(store.urn, "read").map((p) => [chain(p), p.unverified]);
        assert.deepEqual(paths(unknownName), [
            ["every-bucket -> s3:GetObject on records", false],
            ["phi-buckets -> s3:GetObject on records", true],
            ["scans-buckets -> s3:GetObject on records", true],
        ]);
        // The provider names it "scans-" and a random suffix by default, which a program's autonaming config may change.
        assert.deepEqual(paths(autonamed), [
            ["every-bucket -> s3:GetObject on scans", false],
            ["scans-buckets -> s3:GetObject on scans", true],
        ]);
    });

    it("places an aws-native secret by the ARN its awsId output holds (a saved state's outputs), as a grant names it", () => {
        const secret = r("aws-native:secretsmanager:Secret", "db-credentials", { name: "db", awsId: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf", tags: [{ key: "data-classification", value: "phi" }] });
        const role = r("aws:iam/role:Role", "reporting", { name: "reporting", assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
        const reads = r("aws:iam/rolePolicy:RolePolicy", "reads-secret", { role: "reporting", policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf" }) });
        const g = graphOf(secret, role, reads);
        assert.deepEqual(g.pathsTo(secret.urn, "read").map(chain), ["reporting -> secretsmanager:GetSecretValue on db-credentials"]);
    });

    it("draws an aws-native key's keyPolicy as decrypt on the aws-native table it encrypts", () => {
        const key = r("aws-native:kms:Key", "native-key", {
            keyPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "kms:Decrypt", Resource: "*" }] },
        });
        const table = r("aws-native:dynamodb:Table", "native-claims", { tableName: "native-claims", sseSpecification: { sseEnabled: true, kmsMasterKeyId: UNKNOWN } }, { sseSpecification: [key.urn] });
        const g = graphOf(key, table);
        assert.deepEqual(g.pathsTo(table.urn, "decrypt").map(chain), ["account 999988887777 -> kms:Decrypt on key native-key of native-claims"]);
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

    it("draws a Resource * read grant once, to a shared node: N principals and N stores give N grant edges, and every reader of every store is found", () => {
        const stackOfSize = (n: number) => {
            const resources: StackResource[] = [];
            for (let i = 0; i < n; i++) {
                resources.push(r("aws:s3/bucket:Bucket", `records-${i}`, { bucket: `phi-records-${i}` }));
                resources.push(r("aws:iam/role:Role", `reader-${i}`, { name: `reader-${i}`, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) }));
                resources.push(r("aws:iam/rolePolicy:RolePolicy", `reads-${i}`, { role: `reader-${i}`, policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }));
            }
            return resources;
        };
        for (const n of [50, 200]) {
            const g = graphOf(...stackOfSize(n));
            assert.equal(g.edges.length, n, `one grant edge per principal at ${n}`);
            assert.equal(g.sets.size, 1);
            for (const store of g.stores()) {
                const readers = g.readers(store.id, "read");
                assert.equal(readers.count(), n, `every reader of ${store.name}`);
                assert.equal(chain(readers.first(1)[0]), `reader-0 -> s3:GetObject on ${store.name}`);
            }
            assert.equal(g.pathsTo(g.stores()[n - 1].id, "read").length, n);
        }
    });

    it("merges a store's own grants with a shared one: a principal is counted once, by its better path", () => {
        const role = r("aws:iam/role:Role", "etl", { name: "etl", assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) });
        const other = r("aws:s3/bucket:Bucket", "other", { bucket: "phi-other" });
        const everything = r("aws:iam/rolePolicy:RolePolicy", "all", { role: "etl", policy: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) });
        const g = graphOf(bucket, other, role, reads({ role: "etl" }), everything);
        assert.deepEqual(g.pathsTo(bucket.urn, "read").map((p) => [chain(p), p.edges[0].via]), [["etl -> s3:GetObject on records", 'RolePolicy "reads" policy.Statement[0]']]);
        assert.deepEqual(g.pathsTo(other.urn, "read").map((p) => [chain(p), p.edges[0].via]), [["etl -> s3:GetObject on other", 'RolePolicy "all" policy.Statement[0]']]);
        assert.equal(g.readers(bucket.urn, "read").count(), 1);
    });

    it("enters a shared set of roles through the role on the path: iam:PassRole on every role reads as passing that role", () => {
        const lambdaTrust = doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
        const worker = r("aws:iam/role:Role", "worker", { name: "worker", assumeRolePolicy: lambdaTrust });
        const spare = r("aws:iam/role:Role", "spare", { name: "spare", assumeRolePolicy: lambdaTrust });
        const dev = r("aws:iam/user:User", "dev", { name: "dev" });
        const pass = r("aws:iam/userPolicy:UserPolicy", "pass", { user: "dev", policy: doc({ Effect: "Allow", Action: ["iam:PassRole", "lambda:CreateFunction"], Resource: "*" }) });
        const g = graphOf(bucket, worker, spare, reads({ role: "worker" }), dev, pass);
        assert.deepEqual(g.pathsTo(bucket.urn, "read").map(chain), ["worker -> s3:GetObject on records", "dev -> passes worker to a lambda workload (iam:PassRole) -> s3:GetObject on records"]);
    });

    it("stops one cloud at its bound on work and says that cloud is incomplete, leaving the other whole; a caller without a bound gets every path", () => {
        const resources = [bucket, ...["a", "b", "c"].map((n) => reads({ role: n }, "aws:iam/rolePolicy:RolePolicy", `reads-${n}`)), ...["a", "b", "c"].map((n) => r("aws:iam/role:Role", n, { name: n, assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }) }))];
        const stack = new StackIndex(resources);
        const bounded = accessGraph(stack, { isPhi: () => true, settings, maxWork: 2 });
        assert.deepEqual([...bounded.incomplete], ["aws"]);
        assert.equal(bounded.complete("aws", "read"), false);
        assert.equal(bounded.complete("azure", "read"), true, "an AWS stack past the bound leaves the Azure paths judged");
        const whole = accessGraph(stack, { isPhi: () => true, settings });
        assert.deepEqual([...whole.incomplete], [], "a caller without a limit gets the whole graph, not the bounded one built for the same stack");
        assert.equal(whole.pathsTo(bucket.urn, "read").length, 3);
    });
});
