import { strict as assert } from "assert";
import { azStoragePublic as control } from "../../../../policies/azure/storage/public";
import { runStack, secret, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const ACCOUNT = "azure-native:storage:StorageAccount";
const CONTAINER = "azure-native:storage:BlobContainer";
const hardened = { allowBlobPublicAccess: false, allowSharedKeyAccess: false, publicNetworkAccess: "Disabled", kind: "StorageV2" };
const account = (props: Record<string, unknown> = {}, name = "acct", type = ACCOUNT) => ({ type, name, props: defined({ ...hardened, ...props }) });
const container = (props: Record<string, unknown>, name = "data", accountName = "acct") => ({
    type: CONTAINER,
    name,
    props: { accountName: unknown, ...props },
    propertyDependencies: { accountName: [urnOf({ type: ACCOUNT, name: accountName })] },
});

/** Struct cannot carry undefined: an omitted property is left out. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("az-storage-public", () => {
    it("passes a hardened account and a container without public access", async () => {
        const r = await runStack(control, [account(), container({}), container({ publicAccess: "None" }, "other")]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags allowBlobPublicAccess true and omitted", async () => {
        for (const v of [true, "true", undefined]) {
            const r = await runStack(control, [account({ allowBlobPublicAccess: v })]);
            assert.equal(r.violations.length, 1, String(v));
            assert.match(r.violations[0], /anonymous blob access is not disabled at allowBlobPublicAccess/);
        }
    });

    it("flags shared-key access that is enabled or left at its default (true)", async () => {
        for (const v of [true, undefined]) {
            const r = await runStack(control, [account({ allowSharedKeyAccess: v })]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /shared-key authorization .* at allowSharedKeyAccess/);
        }
    });

    it("flags an account open to every network", async () => {
        for (const props of [{ publicNetworkAccess: "Enabled" }, { publicNetworkAccess: undefined }, { publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Allow" } }]) {
            const r = await runStack(control, [account(props)]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /any network .* at publicNetworkAccess/);
        }
    });

    it("passes a firewall that denies by default, in any case", async () => {
        const r = await runStack(control, [account({ publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "deny", bypass: "AzureServices" } }), account({ publicNetworkAccess: "disabled" }, "b")]);
        assertFindings(r, []);
    });

    it("matches versioned tokens", async () => {
        const r = await runStack(control, [account({ allowSharedKeyAccess: true }, "v", "azure-native:storage/v20230101:StorageAccount")]);
        assertFindings(r, [{ at: "allowSharedKeyAccess", urn: "urn:pulumi:test::test::azure-native:storage/v20230101:StorageAccount::v" }]);
    });

    it("flags a public container on the container", async () => {
        for (const level of ["Blob", "Container", "container"]) {
            const r = await runStack(control, [account(), container({ publicAccess: level })]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /anonymous read access \(\w+\) at publicAccess/);
            assert.equal(r.urns[0], urnOf({ type: CONTAINER, name: "data" }));
        }
    });

    it("flags a public container whose account is outside the stack", async () => {
        const r = await runStack(control, [{ type: CONTAINER, name: "c", props: { accountName: "external", publicAccess: "Container" } }]);
        assertFindings(r, [{ at: "publicAccess", urn: "urn:pulumi:test::test::azure-native:storage:BlobContainer::c" }]);
    });

    it("does not echo an unexpected publicAccess value", async () => {
        const r = await runStack(control, [account(), container({ publicAccess: secret("p4ss-w0rd-value") })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /p4ss/);
    });

    it("skips untagged accounts and their containers when scope is tagged", async () => {
        const r = await runStack(control, [account({ allowSharedKeyAccess: true }), container({ publicAccess: "Blob" })], { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
        const tagged = await runStack(control, [account({ allowSharedKeyAccess: true, tags: { "data-classification": "PHI" } }), container({ publicAccess: "Blob" })], { settings: { phiScope: "tagged" } });
        assertFindings(tagged, [{ at: "allowSharedKeyAccess", urn: "urn:pulumi:test::test::azure-native:storage:StorageAccount::acct" }, { at: "publicAccess", urn: "urn:pulumi:test::test::azure-native:storage:BlobContainer::data" }]);
    });

    it("reports unknown values as unverified", async () => {
        const r = await runStack(control, [account({ allowBlobPublicAccess: unknown, allowSharedKeyAccess: unknown, publicNetworkAccess: unknown }), container({ publicAccess: unknown })]);
        assert.equal(r.violations.length, 0);
        assert.equal(r.unverified.length, 4);
        assert.match(r.unverified.join("\n"), /could not verify publicNetworkAccess/);
    });
});
