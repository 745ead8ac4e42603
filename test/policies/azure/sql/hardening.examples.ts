import { azSqlHardening as control } from "../../../../policies/azure/sql/hardening";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const server = resource("azure-native:sql:Server", "records-sql", {
    resourceGroupName: "rg-phi",
    minimalTlsVersion: "1.2",
    publicNetworkAccess: "Disabled",
    administrators: { administratorType: "ActiveDirectory", azureADOnlyAuthentication: true, login: "sql-admins", sid: "33333333-3333-3333-3333-333333333333" },
});
const audit = linked("azure-native:sql:ExtendedServerBlobAuditingPolicy", "records-sql-audit", "serverName", server, { resourceGroupName: "rg-phi", state: "Enabled", isAzureMonitorTargetEnabled: true });
const protector = linked("azure-native:sql:EncryptionProtector", "records-sql-tde", "serverName", server, { resourceGroupName: "rg-phi", serverKeyType: "AzureKeyVault", serverKeyName: "phi-kv_tde_1" });
const baseline = [server, audit, protector];
const oldTls = change(baseline, "records-sql", { minimalTlsVersion: "1.0" });
const sqlLogins = change(baseline, "records-sql", { administratorLogin: "sqladmin", administrators: undefined });
const serviceKey = change(baseline, "records-sql-tde", { serverKeyType: "ServiceManaged" });

export default defineExamples({
    control,
    passing: { baseline: { says: "TLS 1.2, no public access, Entra-only logins, auditing and a Key Vault TDE protector", resources: baseline } },
    failing: {
        "tls-1-0": { says: "TLS 1.0 accepted", resources: oldTls, findings: [fails(oldTls[0], "minimalTlsVersion")] },
        "sql-logins": { says: "SQL logins with a password instead of Entra ID only", resources: sqlLogins, findings: [fails(sqlLogins[0], "administrators.azureADOnlyAuthentication")] },
        "no-auditing": { says: "no auditing policy", resources: without(baseline, "records-sql-audit"), findings: [fails(server, "auditing")] },
        "service-managed-key": { says: "TDE with a service-managed key", resources: serviceKey, findings: [fails(serviceKey[2], "serverKeyType")] },
    },
});
