import type { ResourceControl } from "../../control";
import { publicEndpoint } from "../../lib/azure/public-endpoint";
import { prowler } from "../../lib/hipaa";
import { types } from "../../lib/type-tokens";
import { asBool, at, isUnknown } from "../../lib/values";

export const KEY_VAULTS = types("azure-native:keyvault:Vault");

export const azKeyvaultHardening: ResourceControl = {
    id: "az-keyvault-hardening",
    title: "Key Vaults have purge protection, soft delete, RBAC and no public network access",
    cloud: "azure",
    category: "key-management",
    severity: "high",
    hipaa: [prowler("164.312(c)(1)")],
    description:
        "A vault holding the keys that protect PHI must not be erasable by one insider: soft delete with purge protection keeps deleted keys recoverable for the retention period, so destroying a key (and with it the encrypted PHI) cannot be done quietly. Azure RBAC puts data-plane access under the same reviewed, PIM-managed role model as everything else, and closing the public endpoint keeps stolen credentials from being used from anywhere.",
    remediation:
        'Set properties.enablePurgeProtection: true, leave enableSoftDelete unset or true, set enableRbacAuthorization: true, and publicNetworkAccess: "Disabled" with a private endpoint (or networkAcls.defaultAction: "Deny").',
    unknowns: "Unknown values of these properties are reported as unverified (advisory).",
    types: KEY_VAULTS,
    remediate: {
        valueFor: (at) => (at === "properties.enablePurgeProtection" ? true : at === "properties.enableSoftDelete" ? true : undefined),
        changes: "turns on purge protection and soft delete (properties.enablePurgeProtection and enableSoftDelete: true); RBAC authorization and network access are not changed, since the vault's callers depend on them",
        safe: "Both are updated in place (Vaults Update) and no secret, key or certificate is touched; deleted items are kept for the retention period instead of being destroyed at once.",
        irreversible: "Azure does not let purge protection be turned off again: once on, a deleted vault and its items are kept until the retention period (7 to 90 days) ends, and the vault's name cannot be reused until then.",
    },
    checkResource(vault, ctx) {
        const p = vault.props.properties;
        if (isUnknown(p)) return ctx.unverified("properties");
        const purge = asBool(at(p, "enablePurgeProtection"));
        if (isUnknown(purge)) ctx.unverified("properties.enablePurgeProtection");
        else if (purge !== true) {
            ctx.fail({ problem: "purge protection is not enabled, so deleted keys and secrets can be destroyed at once", at: "properties.enablePurgeProtection", fix: "set properties.enablePurgeProtection: true" });
        }
        const softDelete = asBool(at(p, "enableSoftDelete"));
        if (isUnknown(softDelete)) ctx.unverified("properties.enableSoftDelete");
        else if (softDelete === false) {
            ctx.fail({ problem: "soft delete is disabled", at: "properties.enableSoftDelete", fix: "remove enableSoftDelete or set it to true" });
        }
        const rbac = asBool(at(p, "enableRbacAuthorization"));
        if (isUnknown(rbac)) ctx.unverified("properties.enableRbacAuthorization");
        else if (rbac !== true) {
            ctx.fail({
                problem: "data-plane access uses vault access policies instead of Azure RBAC",
                at: "properties.enableRbacAuthorization",
                fix: "set properties.enableRbacAuthorization: true and grant Key Vault data roles (e.g. Key Vault Crypto Service Encryption User) to the identities that need them",
            });
        }
        const endpoint = publicEndpoint(vault)!;
        if (isUnknown(endpoint.exposure)) return ctx.unverified(endpoint.at);
        if (endpoint.exposure !== "open") return;
        ctx.fail({
            problem: "the vault accepts traffic from any network",
            at: "properties.publicNetworkAccess",
            fix: 'set properties.publicNetworkAccess: "Disabled" and add a private endpoint, or networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }',
        });
    },
};
