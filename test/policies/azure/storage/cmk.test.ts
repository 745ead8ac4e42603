import { strict as assert } from "assert";
import { azStorageCmk as control } from "../../../../policies/azure/storage/cmk";
import { runStack, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const ACCOUNT = "azure-native:storage:StorageAccount";
const SCOPE = "azure-native:storage:EncryptionScope";
const cmk = { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "storage-cmk", keyVaultUri: "https://kv.vault.azure.net" }, requireInfrastructureEncryption: true };
const account = (encryption: unknown = cmk, extra: Record<string, unknown> = {}, type = ACCOUNT) => ({ type, name: "acct", props: defined({ encryption, ...extra }) });
const scope = (props: Record<string, unknown>) => ({ type: SCOPE, name: "scope", props: { accountName: unknown, ...props }, propertyDependencies: { accountName: [urnOf({ type: ACCOUNT, name: "acct" })] } });

/** Struct cannot carry undefined: an omitted property is left out. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe("az-storage-cmk", () => {
    it("passes an account with a Key Vault key and infrastructure encryption", async () => {
        const r = await runStack(control, [account()]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes key references that are unknown at preview", async () => {
        const r = await runStack(control, [account({ ...cmk, keyVaultProperties: { keyName: unknown, keyVaultUri: unknown } })]);
        assert.deepEqual(r.violations, []);
        assert.deepEqual(r.unverified, []);
    });

    it("flags Microsoft-managed keys and an omitted encryption block", async () => {
        for (const enc of [{ ...cmk, keySource: "Microsoft.Storage" }, null]) {
            const r = await runStack(control, [account(enc)]);
            assert.match(r.violations[0], /Microsoft-managed keys.* at encryption\.keySource/);
        }
    });

    it("accepts keySource in any case", async () => {
        const r = await runStack(control, [account({ ...cmk, keySource: "microsoft.keyvault" })]);
        assertFindings(r, []);
    });

    it("flags Key Vault encryption that names no key", async () => {
        const r = await runStack(control, [account({ ...cmk, keyVaultProperties: { keyVaultUri: "https://kv.vault.azure.net" } })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at encryption\.keyVaultProperties\.keyName/);
    });

    it("flags missing or false infrastructure encryption", async () => {
        const { requireInfrastructureEncryption: _, ...omitted } = cmk;
        for (const enc of [{ ...cmk, requireInfrastructureEncryption: false }, omitted]) {
            const r = await runStack(control, [account(enc)]);
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /at encryption\.requireInfrastructureEncryption/);
        }
    });

    it("matches versioned tokens", async () => {
        const r = await runStack(control, [account(null, {}, "azure-native:storage/v20220901:StorageAccount")]);
        assertFindings(r, [{ at: "encryption.keySource", urn: "urn:pulumi:test::test::azure-native:storage/v20220901:StorageAccount::acct" }, { at: "encryption.requireInfrastructureEncryption", urn: "urn:pulumi:test::test::azure-native:storage/v20220901:StorageAccount::acct" }]);
    });

    it("flags an encryption scope with Microsoft-managed keys or no key URI", async () => {
        const r = await runStack(control, [account(), scope({ source: "Microsoft.Storage" })]);
        assert.match(r.violations[0], /encryption scope uses Microsoft-managed keys at source/);
        const r2 = await runStack(control, [account(), scope({ source: "Microsoft.KeyVault" })]);
        assert.match(r2.violations[0], /at keyVaultProperties\.keyUri/);
        assert.equal(r2.urns[0], urnOf({ type: SCOPE, name: "scope" }));
    });

    it("passes a Key Vault encryption scope", async () => {
        const r = await runStack(control, [account(), scope({ source: "Microsoft.KeyVault", keyVaultProperties: { keyUri: unknown } })]);
        assert.deepEqual(r.violations, []);
    });

    it("honours the PHI scope for accounts and their scopes", async () => {
        const r = await runStack(control, [account(null), scope({ source: "Microsoft.Storage" })], { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
    });

    it("reports an encryption block unknown as a whole (it holds an output) once, as unverified", async () => {
        const r = await runStack(control, [account(unknown)]);
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /could not verify encryption during preview/);
    });

    it("reports unknown keySource and infrastructure encryption as unverified", async () => {
        const r = await runStack(control, [account({ keySource: unknown, requireInfrastructureEncryption: unknown })]);
        assertFindings(r, [{ at: "encryption.keySource", urn: "urn:pulumi:test::test::azure-native:storage:StorageAccount::acct", outcome: "unverified" }, { at: "encryption.requireInfrastructureEncryption", urn: "urn:pulumi:test::test::azure-native:storage:StorageAccount::acct", outcome: "unverified" }]);
    });
});
