import { azAppSettingsSecrets as control } from "../../../../policies/azure/app/settings-secrets";
import { change, defineExamples, fails, resource } from "../../../examples";

const app = resource("azure-native:web:WebApp", "phi-api", {
    resourceGroupName: "rg-phi",
    serverFarmId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-phi/providers/Microsoft.Web/serverfarms/phi-plan",
    identity: { type: "SystemAssigned" },
    siteConfig: {
        appSettings: [
            { name: "DB_PASSWORD", value: "@Microsoft.KeyVault(SecretUri=https://phi-kv.vault.azure.net/secrets/db-password/)" },
            { name: "LOG_LEVEL", value: "info" },
        ],
        connectionStrings: [{ name: "Claims", type: "SQLAzure", connectionString: "Server=tcp:phi-sql.database.windows.net,1433;Database=claims;Authentication=Active Directory Managed Identity" }],
    },
});
const containerApp = resource("azure-native:app:ContainerApp", "phi-worker", {
    resourceGroupName: "rg-phi",
    managedEnvironmentId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-phi/providers/Microsoft.App/managedEnvironments/phi-env",
    configuration: { secrets: [{ name: "api-key", keyVaultUrl: "https://phi-kv.vault.azure.net/secrets/api-key", identity: "system" }] },
    template: { containers: [{ name: "worker", image: "phi.azurecr.io/worker:1.4.2", env: [{ name: "API_KEY", secretRef: "api-key" }, { name: "QUEUE", value: "claims" }] }] },
});
const baseline = [app, containerApp];
const literal = change(baseline, "phi-api", {
    siteConfig: { ...(app.props.siteConfig as object), appSettings: [{ name: "DB_PASSWORD", value: "Winter2026!" }, { name: "LOG_LEVEL", value: "info" }] },
});
const connection = change(baseline, "phi-api", {
    siteConfig: { ...(app.props.siteConfig as object), connectionStrings: [{ name: "Claims", type: "SQLAzure", connectionString: "Server=tcp:phi-sql.database.windows.net,1433;Database=claims;User ID=app;Password=Winter2026!" }] },
});
const envValue = change(baseline, "phi-worker", {
    template: { containers: [{ name: "worker", image: "phi.azurecr.io/worker:1.4.2", env: [{ name: "API_KEY", value: "sk_live_0123456789abcdefghij" }, { name: "QUEUE", value: "claims" }] }] },
});

export default defineExamples({
    control,
    passing: { baseline: { says: "a Key Vault reference, a managed-identity connection string and a container secretRef", resources: baseline } },
    failing: {
        "literal-password": { says: "a password written into an app setting", resources: literal, findings: [fails(app, "siteConfig.appSettings[0].value")] },
        "connection-password": { says: "a connection string with its password", resources: connection, findings: [fails(app, "siteConfig.connectionStrings[0].connectionString")] },
        "container-env-value": { says: "a container environment variable holding the key itself", resources: envValue, findings: [fails(containerApp, "template.containers[0].env[0].value")] },
    },
});
