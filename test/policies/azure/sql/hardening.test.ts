import { strict as assert } from "assert";
import { azSqlHardening as control } from "../../../../policies/azure/sql/hardening";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const SERVER = "azure-native:sql:Server";

const server = (props: Record<string, unknown> = {}, name = "sql"): TestResource => ({
    type: SERVER,
    name,
    // An undefined override removes the field (Struct has no undefined).
    props: Object.fromEntries(Object.entries({
        resourceGroupName: "rg",
        minimalTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        administrators: { administratorType: "ActiveDirectory", azureADOnlyAuthentication: true, login: "sql-admins", sid: "33333333-3333-3333-3333-333333333333" },
        ...props,
    }).filter(([, v]) => v !== undefined)),
});
const onServer = (s: TestResource, type: string, props: Record<string, unknown>, name: string): TestResource => ({
    type,
    name,
    props: { resourceGroupName: "rg", serverName: unknown, ...props },
    propertyDependencies: { serverName: [urnOf(s)] },
});
const audit = (s: TestResource, state = "Enabled", type = "azure-native:sql:ExtendedServerBlobAuditingPolicy") => onServer(s, type, { state, isAzureMonitorTargetEnabled: true }, `${s.name}-audit`);
const protector = (s: TestResource, serverKeyType = "AzureKeyVault") => onServer(s, "azure-native:sql:EncryptionProtector", { serverKeyType, serverKeyName: "kv_key_1" }, `${s.name}-tde`);
const hardened = (s = server()) => [s, audit(s), protector(s)];

describe("az-sql-hardening", () => {
    it("passes a hardened server with auditing and a Key Vault TDE protector", async () => {
        const r = await runStack(control, hardened());
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a server whose keyId is a customer-managed key, audited by a ServerBlobAuditingPolicy", async () => {
        const s = server({ keyId: "https://kv.vault.azure.net/keys/tde/1" });
        const r = await runStack(control, [s, audit(s, "Enabled", "azure-native:sql:ServerBlobAuditingPolicy")]);
        assertFindings(r, []);
    });

    for (const tls of ["1.0", "1.1", "None"]) {
        it(`flags minimalTlsVersion ${tls}`, async () => {
            const r = await runStack(control, hardened(server({ minimalTlsVersion: tls })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`TLS older than 1\\.2 \\(minimalTlsVersion ${tls}\\) at minimalTlsVersion:`));
        });
    }

    it("flags a server without minimalTlsVersion", async () => {
        const { minimalTlsVersion, ...props } = server().props;
        void minimalTlsVersion;
        const r = await runStack(control, hardened({ type: SERVER, name: "sql", props }));
        assert.match(r.violations[0], /not set\) at minimalTlsVersion/);
    });

    it("passes TLS 1.3", async () => {
        const r = await runStack(control, hardened(server({ minimalTlsVersion: "1.3" })));
        assertFindings(r, []);
    });

    it("flags public network access", async () => {
        const r = await runStack(control, hardened(server({ publicNetworkAccess: "Enabled" })));
        assert.match(r.violations[0], /public endpoint is enabled at publicNetworkAccess:/);
    });

    it("flags SQL password logins (no Entra-only authentication)", async () => {
        const r = await runStack(control, hardened(server({ administrators: undefined, administratorLogin: "sa", administratorLoginPassword: secret("P@ssw0rd-s3cr3t") })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at administrators\.azureADOnlyAuthentication:/);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("accepts a standalone ServerAzureADOnlyAuthentication that turns Entra-only on", async () => {
        const s = server({ administrators: undefined });
        const r = await runStack(control, [...hardened(s), onServer(s, "azure-native:sql:ServerAzureADOnlyAuthentication", { azureADOnlyAuthentication: true }, "aad")]);
        assertFindings(r, []);
    });

    it("flags a standalone ServerAzureADOnlyAuthentication that turns Entra-only off, on that resource", async () => {
        const s = server();
        const aad = onServer(s, "azure-native:sql:ServerAzureADOnlyAuthentication", { azureADOnlyAuthentication: false }, "aad");
        const r = await runStack(control, [...hardened(s), aad]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(aad)]);
    });

    it("flags a server without an auditing policy, on the server", async () => {
        const s = server();
        const r = await runStack(control, [s, protector(s)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no auditing policy .* at auditing:/);
        assert.deepEqual(r.urns, [urnOf(s)]);
    });

    it("flags a disabled auditing policy once, on the policy", async () => {
        const s = server();
        const a = audit(s, "Disabled");
        const r = await runStack(control, [s, a, protector(s)]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /auditing is disabled at state:/);
        assert.deepEqual(r.urns, [urnOf(a)]);
    });

    it("flags a server with a service-managed TDE key", async () => {
        const s = server();
        const r = await runStack(control, [s, audit(s)]);
        assert.match(r.violations[0], /service-managed key .* at keyId:/);
    });

    it("flags a ServiceManaged encryption protector, on the protector", async () => {
        const s = server();
        const p = protector(s, "ServiceManaged");
        const r = await runStack(control, [s, audit(s), p]);
        assert.equal(r.violations.length, 1);
        assert.deepEqual(r.urns, [urnOf(p)]);
    });

    it("flags disabled transparent data encryption on a database", async () => {
        const s = server();
        const tde = onServer(s, "azure-native:sql:TransparentDataEncryption", { databaseName: "db", state: "Disabled" }, "db-tde");
        const r = await runStack(control, [...hardened(s), tde]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /transparent data encryption is disabled for the database at state:/);
    });

    it("flags the versioned Server token", async () => {
        const s = server({ publicNetworkAccess: "Enabled" });
        const r = await runStack(control, hardened({ ...s, type: "azure-native:sql/v20230801:Server" }));
        assertFindings(r, [{ at: "publicNetworkAccess", urn: "urn:pulumi:test::test::azure-native:sql/v20230801:Server::sql" }]);
    });

    it("joins companions by a literal serverName", async () => {
        const s = server({ serverName: "phi-sql" });
        const a: TestResource = { type: "azure-native:sql:ServerBlobAuditingPolicy", name: "a", props: { resourceGroupName: "rg", serverName: "PHI-SQL", state: "Enabled" } };
        const r = await runStack(control, [s, a, { ...protector(s), propertyDependencies: {}, props: { serverName: "phi-sql", serverKeyType: "AzureKeyVault" } }]);
        assertFindings(r, []);
    });

    it("accepts an unknown keyId as a key created in the same update", async () => {
        const s = server({ keyId: unknown });
        const r = await runStack(control, [s, audit(s)]);
        assertFindings(r, []);
    });

    it("reports unknown TLS, public access and Entra-only values as unverified", async () => {
        const r = await runStack(control, hardened(server({ minimalTlsVersion: unknown, publicNetworkAccess: unknown, administrators: { azureADOnlyAuthentication: unknown } })));
        assertFindings(r, [{ at: "minimalTlsVersion", urn: "urn:pulumi:test::test::azure-native:sql:Server::sql", outcome: "unverified" }, { at: "publicNetworkAccess", urn: "urn:pulumi:test::test::azure-native:sql:Server::sql", outcome: "unverified" }, { at: "administrators.azureADOnlyAuthentication", urn: "urn:pulumi:test::test::azure-native:sql:Server::sql", outcome: "unverified" }]);
    });

    it("skips servers outside the PHI scope when scoped by tag", async () => {
        const r = await runStack(control, [server({ publicNetworkAccess: "Enabled" })], { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
    });
});
