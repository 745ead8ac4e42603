import { strict as assert } from "assert";
import { azSegregationOfDuties as control } from "../../../../policies/azure/segregation/of-duties";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const RA = "azure-native:authorization:RoleAssignment";
const SCOPE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/phi";
const CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
const WEBSITE_CONTRIBUTOR = "de139f84-1756-47ae-9be6-808fbbe84772";
const BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
const STORAGE_ACCOUNT_CONTRIBUTOR = "17d1049b-9a84-46fb-8f53-869881c3d3ab";
const P1 = "11111111-1111-1111-1111-111111111111";
const assign = (name: string, role: unknown, principalId: unknown = P1, extra: Partial<TestResource> = {}): TestResource => ({
    type: RA,
    name,
    props: { principalId, roleDefinitionId: typeof role === "string" && role !== unknown ? `/providers/Microsoft.Authorization/roleDefinitions/${role}` : role, scope: SCOPE },
    ...extra,
});

describe("az-segregation-of-duties", () => {
    it("flags a principal with Website Contributor and Storage Blob Data Reader, on the data assignment", async () => {
        const r = await runStack(control, [assign("deploy", WEBSITE_CONTRIBUTOR), assign("read", BLOB_READER)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /reads PHI with Storage Blob Data Reader and also changes infrastructure or code with Website Contributor at roleDefinitionId/);
        assert.deepEqual(r.urns, [urnOf({ type: RA, name: "read" })]);
    });

    it("matches principal ids in any case and bare role GUIDs", async () => {
        const r = await runStack(control, [
            assign("deploy", `${CONTRIBUTOR.toUpperCase()}`, P1.toUpperCase()),
            { ...assign("read", SECRETS_USER), props: { principalId: P1, roleDefinitionId: SECRETS_USER, scope: SCOPE } },
        ]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /Key Vault Secrets User .* Contributor/);
    });

    it("groups unknown principal ids of the same managed identity through propertyDependencies", async () => {
        const uai: TestResource = { type: "azure-native:managedidentity:UserAssignedIdentity", name: "ci", props: { principalId: unknown } };
        const deps = { propertyDependencies: { principalId: [urnOf(uai)] } };
        const r = await runStack(control, [uai, assign("deploy", WEBSITE_CONTRIBUTOR, unknown, deps), assign("read", BLOB_READER, unknown, deps)]);
        assertFindings(r, [{ at: "roleDefinitionId", urn: "urn:pulumi:test::test::azure-native:authorization:RoleAssignment::read" }]);
    });

    it("flags a custom role of the stack that bundles site writes and blob reads", async () => {
        const def: TestResource = {
            type: "azure-native:authorization:RoleDefinition",
            name: "bundle",
            props: { scope: SCOPE, permissions: [{ actions: ["Microsoft.Web/sites/write"], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }] },
        };
        const r = await runStack(control, [def, assign("both", unknown, P1, { propertyDependencies: { roleDefinitionId: [urnOf(def)] } })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /a custom role/);
    });

    it("flags a custom role of the stack that allows Microsoft.Storage/* (account keys) and every blob data action, held with a deploy role", async () => {
        const def: TestResource = {
            type: "azure-native:authorization:RoleDefinition",
            name: "storage-all",
            props: { scope: SCOPE, permissions: [{ actions: ["Microsoft.Storage/*"], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"] }] },
        };
        const r = await runStack(control, [def, assign("deploy", WEBSITE_CONTRIBUTOR), assign("data", unknown, P1, { propertyDependencies: { roleDefinitionId: [urnOf(def)] } })]);
        assert.deepEqual(r.urns, ["urn:pulumi:test::test::azure-native:authorization:RoleAssignment::data"]);
        assert.match(r.violations[0], /reads PHI with a custom role and also changes infrastructure or code with Website Contributor, a custom role/);
    });

    it("passes different principals for the two duties", async () => {
        const r = await runStack(control, [assign("deploy", WEBSITE_CONTRIBUTOR), assign("read", BLOB_READER, "22222222-2222-2222-2222-222222222222")]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a single built-in role that is both (Storage Account Contributor)", async () => {
        const r = await runStack(control, [assign("sac", STORAGE_ACCOUNT_CONTRIBUTOR)]);
        assert.deepEqual(r.violations, []);
    });

    it("passes a configured exception", async () => {
        const r = await runStack(control, [assign("deploy", WEBSITE_CONTRIBUTOR), assign("read", BLOB_READER)], { config: { allowedPrincipalIds: [P1] } });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify an unknown role of a principal that holds one duty", async () => {
        const r = await runStack(control, [assign("deploy", WEBSITE_CONTRIBUTOR), assign("mystery", unknown)]);
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify roleDefinitionId/);
        assert.deepEqual(r.urns, [urnOf({ type: RA, name: "mystery" })]);
    });

    it("says it could not verify an unknown principal that cannot be joined", async () => {
        const r = await runStack(control, [assign("read", BLOB_READER, unknown)]);
        assert.match(r.unverified[0], /could not verify principalId/);
    });

    it("does not echo a secret principal id", async () => {
        const r = await runStack(control, [assign("deploy", WEBSITE_CONTRIBUTOR, secret("s3cr3t")), assign("read", BLOB_READER, secret("s3cr3t"))]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
