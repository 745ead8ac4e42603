import { strict as assert } from "assert";
import { azStoragePublic as control } from "../../../../policies/azure/storage/public";
import { runResource, runStack, runStackPart, secret, unknown, urnOf } from "../../../harness";

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
        assert.equal(r.violations.length, 0);
    });

    it("matches versioned tokens", async () => {
        const r = await runStack(control, [account({ allowSharedKeyAccess: true }, "v", "azure-native:storage/v20230101:StorageAccount")]);
        assert.equal(r.violations.length, 1);
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
        assert.equal(r.violations.length, 1);
    });

    it("does not echo an unexpected publicAccess value", async () => {
        const r = await runStack(control, [account(), container({ publicAccess: secret("p4ss-w0rd-value") })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /p4ss/);
    });

    it("skips untagged accounts and their containers when scope is tagged", async () => {
        const r = await runStack(control, [account({ allowSharedKeyAccess: true }), container({ publicAccess: "Blob" })], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 0);
        const tagged = await runStack(control, [account({ allowSharedKeyAccess: true, tags: { "data-classification": "PHI" } }), container({ publicAccess: "Blob" })], { settings: { phiScope: "tagged" } });
        assert.equal(tagged.violations.length, 2);
    });

    it("reports unknown values as unverified", async () => {
        const r = await runStack(control, [account({ allowBlobPublicAccess: unknown, allowSharedKeyAccess: unknown, publicNetworkAccess: unknown }), container({ publicAccess: unknown })]);
        assert.equal(r.violations.length, 0);
        assert.equal(r.unverified.length, 4);
        assert.match(r.unverified.join("\n"), /could not verify publicNetworkAccess/);
    });

    describe("when each part runs", () => {
        it("flags a weak account and a public container in Analyze, and not again in AnalyzeStack", async () => {
            assert.equal((await runResource(control, account({ allowBlobPublicAccess: true }))).violations.length, 1);
            assert.equal((await runResource(control, container({ publicAccess: "Container" }))).violations.length, 1);
            assert.deepEqual(await runStackPart(control, [account({ allowBlobPublicAccess: true }), container({ publicAccess: "Container" })]), { violations: [], unverified: [], urns: [] });
        });

        it("leaves a container to the stack under tagged PHI scope, where its account's tags decide", async () => {
            const settings = { phiScope: "tagged" };
            assert.deepEqual(await runResource(control, container({ publicAccess: "Container" }), { settings }), { violations: [], unverified: [], urns: [] });
            assert.deepEqual(await runStack(control, [account(), container({ publicAccess: "Container" })], { settings }), { violations: [], unverified: [], urns: [] });
            const phi = account({ tags: { "data-classification": "phi" } });
            assert.equal((await runStack(control, [phi, container({ publicAccess: "Container" })], { settings })).violations.length, 1);
        });
    });
});
