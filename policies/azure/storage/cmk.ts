import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { isOneOf, isPresent } from "../../lib/property-checks";
import { prowler } from "../../lib/hipaa";
import { ENCRYPTION_SCOPES, STORAGE_ACCOUNTS } from "../../lib/azure-storage";
import { types } from "../../lib/type-tokens";
import { asBool, at, isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

function checkAccount(account: ResourceInput, ctx: CheckContext<unknown>): void {
    // azure-native resolves the encryption block as a whole: one output inside it hides all of it at preview.
    if (isUnknown(account.props.encryption)) return ctx.unverified("encryption", account.urn);
    const keySource = isOneOf(at(account.props, "encryption.keySource"), "Microsoft.Keyvault");
    if (isUnknown(keySource)) ctx.unverified("encryption.keySource", account.urn);
    else if (!keySource) {
        ctx.fail({
            problem: "the account is encrypted with Microsoft-managed keys, not a customer-managed key",
            at: "encryption.keySource",
            fix: 'set encryption.keySource: "Microsoft.Keyvault" with keyVaultProperties { keyName, keyVaultUri } of a Key Vault key and an identity that can use it',
            urn: account.urn,
        });
    } else {
        for (const field of ["keyName", "keyVaultUri"]) {
            if (!isPresent(at(account.props, `encryption.keyVaultProperties.${field}`))) {
                ctx.fail({ problem: `customer-managed key encryption names no key (${field} is missing)`, at: `encryption.keyVaultProperties.${field}`, urn: account.urn });
            }
        }
    }
    const infrastructure = asBool(at(account.props, "encryption.requireInfrastructureEncryption"));
    if (isUnknown(infrastructure)) ctx.unverified("encryption.requireInfrastructureEncryption", account.urn);
    else if (infrastructure !== true) {
        ctx.fail({
            problem: "infrastructure (double) encryption is not required",
            at: "encryption.requireInfrastructureEncryption",
            fix: "set encryption.requireInfrastructureEncryption: true (it can only be set when the account is created)",
            urn: account.urn,
        });
    }
}

function checkScope(scope: ResourceInput, ctx: CheckContext<unknown>): void {
    const keyVault = isOneOf(scope.props.source, "Microsoft.KeyVault");
    if (isUnknown(keyVault)) ctx.unverified("source", scope.urn);
    else if (!keyVault) {
        ctx.fail({
            problem: "the encryption scope uses Microsoft-managed keys",
            at: "source",
            fix: 'set source: "Microsoft.KeyVault" and keyVaultProperties.keyUri to a Key Vault key',
            urn: scope.urn,
        });
    } else if (!isPresent(at(scope.props, "keyVaultProperties.keyUri"))) {
        ctx.fail({ problem: "the Key Vault encryption scope names no key", at: "keyVaultProperties.keyUri", urn: scope.urn });
    }
}

export const azStorageCmk: ResourceControl = {
    id: "az-storage-cmk",
    title: "Storage accounts use a customer-managed key and infrastructure encryption",
    cloud: "azure",
    judges: unionOf(STORAGE_ACCOUNTS, ENCRYPTION_SCOPES),
    category: "encryption-at-rest",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "PHI in storage must be encrypted with a Key Vault key you control, so that revoking or rotating the key, and who may use it, stays in your hands and every use is logged; infrastructure encryption adds a second, independent layer. Encryption scopes that blobs can opt into must not fall back to Microsoft-managed keys.",
    remediation:
        'Set encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName, keyVaultUri }, requireInfrastructureEncryption: true } on the storage account (with a managed identity allowed to use the key), and source: "Microsoft.KeyVault" with keyVaultProperties.keyUri on every EncryptionScope.',
    unknowns:
        "An unknown key name, vault URI or key URI counts as set (a key created in the same update); an unknown keySource, source or requireInfrastructureEncryption is reported as unverified (advisory). azure-native resolves a storage account's encryption block as a whole, so a block that contains any output of a resource not yet created (a key name, a vault URI, an identity id) is unknown at preview and reported as unverified; literal key names and vault URIs keep it checkable. An encryption scope whose account is not in the stack is treated as PHI.",
    acrossResources: "Only under tagged PHI scope: whether an encryption scope belongs to a PHI account.",
    types: types(...STORAGE_ACCOUNTS.canonical, ...ENCRYPTION_SCOPES.canonical),
    checkResource(r, ctx) {
        if (STORAGE_ACCOUNTS.has(r.type)) {
            if (ctx.isPhi(r)) checkAccount(r, ctx);
        } else if (!ctx.phiFromStack(r)) checkScope(r, ctx);
    },
    checkStack(stack, ctx) {
        // An encryption scope takes its account's PHI scope (see ctx.isPhi).
        for (const scope of stack.ofType(ENCRYPTION_SCOPES)) if (ctx.phiFromStack(scope) && ctx.isPhi(scope)) checkScope(scope, ctx);
    },
};
