import { azExfilAccessTokens as control } from "../../../../policies/azure/exfil/access-tokens";
import { AZ_BOUNDARY, azBoundarySettings, change, defineExamples, fails, resource } from "../../../examples";

const options = azBoundarySettings;
const account = resource("azure-native:storage:StorageAccount", "records", {
    resourceGroupName: "rg-phi",
    kind: "StorageV2",
    sku: { name: "Standard_ZRS" },
    sasPolicy: { sasExpirationPeriod: "0.08:00:00", expirationAction: "Block" },
    keyPolicy: { keyExpirationPeriodInDays: 90 },
});
const permissions = { keys: ["get", "unwrapKey", "wrapKey"] };
const vault = resource("azure-native:keyvault:Vault", "phi-keys", {
    resourceGroupName: "rg-phi",
    properties: {
        tenantId: AZ_BOUNDARY.tenant,
        sku: { family: "A", name: "standard" },
        accessPolicies: [{ tenantId: AZ_BOUNDARY.tenant, objectId: "7c0d8a52-1f3e-4b6a-9d2c-5e4f3a2b1c0d", permissions }],
    },
});
const baseline = [account, vault];

export default defineExamples({
    control,
    passing: {
        baseline: { says: "SAS tokens expire within 8 hours and are refused beyond it, keys expire in 90 days, and the vault grants only its own tenant", resources: baseline, options },
        "no-shared-key": {
            says: "shared key access is off, so no SAS can be signed with an account key",
            resources: change(baseline, "records", { allowSharedKeyAccess: false, sasPolicy: undefined, keyPolicy: undefined }),
            options,
        },
    },
    failing: {
        "year-long-sas": {
            says: "SAS tokens may be valid for a year",
            resources: change(baseline, "records", { sasPolicy: { sasExpirationPeriod: "365.00:00:00", expirationAction: "Block" } }),
            options,
            findings: [fails(account, "sasPolicy.sasExpirationPeriod")],
        },
        "log-only": {
            says: "a SAS beyond the period is only logged",
            resources: change(baseline, "records", { sasPolicy: { sasExpirationPeriod: "0.08:00:00", expirationAction: "Log" } }),
            options,
            findings: [fails(account, "sasPolicy.expirationAction")],
        },
        "no-sas-policy": {
            says: "no SAS expiration policy and no key expiry",
            resources: change(baseline, "records", { sasPolicy: undefined, keyPolicy: undefined }),
            options,
            findings: [fails(account, "sasPolicy"), fails(account, "keyPolicy.keyExpirationPeriodInDays")],
        },
        "foreign-tenant-access-policy": {
            says: "the vault grants a principal of another tenant access to its keys",
            resources: change(baseline, "phi-keys", {
                properties: {
                    tenantId: AZ_BOUNDARY.tenant,
                    sku: { family: "A", name: "standard" },
                    accessPolicies: [{ tenantId: AZ_BOUNDARY.foreignTenant, objectId: "7c0d8a52-1f3e-4b6a-9d2c-5e4f3a2b1c0d", permissions }],
                },
            }),
            options,
            findings: [fails(vault, "properties.accessPolicies[0].tenantId")],
        },
    },
});
