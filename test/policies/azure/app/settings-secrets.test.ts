import { strict as assert } from "assert";
import { azAppSettingsSecrets as control } from "../../../../policies/azure/app/settings-secrets";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const WEB_APP = "azure-native:web:WebApp";
const KEY = "c3VwZXJzZWNyZXRrZXlzdXBlcnNlY3JldGtleXN1cGVyc2VjcmV0a2V5PT0=";
const STORAGE = `DefaultEndpointsProtocol=https;AccountName=phi;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const app = (siteConfig: unknown, type = WEB_APP) => ({ type, props: { resourceGroupName: "rg", siteConfig } });

describe("az-app-settings-secrets", () => {
    it("passes Key Vault references, plain settings and a connection string that signs in with a managed identity", async () => {
        const r = await runResource(
            control,
            app({
                appSettings: [
                    { name: "DB_PASSWORD", value: "@Microsoft.KeyVault(VaultName=phi-kv;SecretName=db-password)" },
                    { name: "APPLICATIONINSIGHTS_CONNECTION_STRING", value: "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://eastus.in.applicationinsights.azure.com/" },
                    { name: "WEBSITE_RUN_FROM_PACKAGE", value: "1" },
                ],
                connectionStrings: [{ name: "Db", type: "SQLAzure", connectionString: "Server=tcp:s.database.windows.net;Database=d;Authentication=Active Directory Default" }],
            }),
        );
        assertFindings(r, []);
    });

    it("flags a storage connection string with its account key, and a Pulumi secret value, without echoing either", async () => {
        const r = await runResource(control, app({ appSettings: [{ name: "AzureWebJobsStorage", value: STORAGE }, { name: "ApiToken", value: secret("tok-3f9a2c77e1") }] }));
        assertFindings(r, [{ at: "siteConfig.appSettings[0].value" }, { at: "siteConfig.appSettings[1].value" }]);
        assert.match(r.violations[0], /app setting AzureWebJobsStorage holds a connection string with an account key in plain text/);
        assert.ok(!r.violations.join("\n").includes(KEY.slice(0, 12)) && !r.violations.join("\n").includes("tok-3f9a"));
    });

    it("flags a connection string with a password, on a WebAppSlot too", async () => {
        const r = await runResource(control, app({ connectionStrings: [{ name: "Db", type: "SQLServer", connectionString: "Server=db;User Id=app;Password=p4ss;" }] }, "azure-native:web/v20240401:WebAppSlot"));
        assertFindings(r, [{ at: "siteConfig.connectionStrings[0].connectionString" }]);
    });

    it("withholds a setting name that is itself shaped like a credential", async () => {
        const r = await runResource(control, app({ appSettings: [{ name: "AKIAIOSFODNN7EXAMPLE", value: "x" }, { name: "k", value: "AKIAIOSFODNN7EXAMPLE" }] }));
        assertFindings(r, [{ at: "siteConfig.appSettings[1].value" }]);
        assert.ok(!r.violations.join("").includes("AKIAIOSFODNN7EXAMPLE"));
    });

    it("reports unknown lists, and unknown values under credential names or in connection strings, as unverified; passes other unknown values", async () => {
        assertFindings(await runResource(control, app(unknown)), [{ at: "siteConfig", outcome: "unverified" }]);
        assertFindings(await runResource(control, app({ appSettings: unknown })), [{ at: "siteConfig.appSettings", outcome: "unverified" }]);
        const r = await runResource(
            control,
            app({ appSettings: [{ name: "DB_PASSWORD", value: unknown }, { name: "APPINSIGHTS_INSTRUMENTATIONKEY", value: unknown }], connectionStrings: [{ name: "Db", connectionString: unknown }] }),
        );
        assertFindings(r, [
            { at: "siteConfig.appSettings[0].value", outcome: "unverified" },
            { at: "siteConfig.connectionStrings[0].connectionString", outcome: "unverified" },
        ]);
    });

    it("flags WebAppApplicationSettings and WebAppConnectionStrings (slot forms too) by setting name", async () => {
        const settings = await runResource(control, { type: "azure-native:web:WebAppApplicationSettings", props: { name: "app", resourceGroupName: "rg", properties: { SMTP_PASSWORD: "hunter22", MODE: "prod" } } });
        assertFindings(settings, [{ at: "properties.SMTP_PASSWORD" }]);
        const conns = await runResource(control, {
            type: "azure-native:web:WebAppConnectionStringsSlot",
            props: { name: "app", slot: "staging", resourceGroupName: "rg", properties: { Storage: { type: "Custom", value: STORAGE }, Db: { type: "SQLAzure", value: unknown } } },
        });
        assertFindings(conns, [{ at: "properties.Storage.value" }, { at: "properties.Db.value", outcome: "unverified" }]);
        assertFindings(await runResource(control, { type: "azure-native:web:WebAppApplicationSettings", props: { name: "app", properties: unknown } }), [{ at: "properties", outcome: "unverified" }]);
    });

    it("flags a Container App or job environment value, passes secretRef, reports unknown containers", async () => {
        const template = (env: unknown) => ({ containers: [{ name: "c", image: "i", env }], initContainers: [{ name: "init", image: "i", env: [{ name: "GITHUB_TOKEN", value: "ghp_" + "a".repeat(36) }] }] });
        const r = await runResource(control, { type: "azure-native:app:ContainerApp", props: { template: template([{ name: "DB_PASSWORD", secretRef: "db-password" }, { name: "REDIS", value: `redis://:p4ss@cache:6379` }]) } });
        assertFindings(r, [{ at: "template.containers[0].env[1].value" }, { at: "template.initContainers[0].env[0].value" }]);
        const job = await runResource(control, { type: "azure-native:app/v20240301:Job", props: { template: { containers: unknown } } });
        assertFindings(job, [{ at: "template.containers", outcome: "unverified" }]);
    });
});
