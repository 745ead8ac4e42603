import { types } from "../type-tokens";
import { isUnknown, Plain, Unknown, UNKNOWN } from "../values";

/**
 * The one Azure PHI-store catalog: the data stores that hold PHI, by kind (the kinds match Defender
 * plan names and private-link checks), and the resources that belong to one store and take its PHI
 * scope. Every control that asks whether something is a PHI store reads it here.
 */
export const AZ_STORAGE_ACCOUNTS = types("azure-native:storage:StorageAccount");
export const AZ_KEY_VAULTS = types("azure-native:keyvault:Vault");
export const AZ_SQL_SERVERS = types("azure-native:sql:Server");
/** Cosmos DB accounts are published under both `cosmosdb` and the older `documentdb` module. */
export const AZ_COSMOS_ACCOUNTS = types("azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount");
export const AZ_PHI_STORES = types(
    ...AZ_STORAGE_ACCOUNTS.canonical,
    ...AZ_KEY_VAULTS.canonical,
    ...AZ_SQL_SERVERS.canonical,
    ...AZ_COSMOS_ACCOUNTS.canonical,
);

export const BLOB_CONTAINERS = types("azure-native:storage:BlobContainer");
export const BLOB_SERVICES = types("azure-native:storage:BlobServiceProperties");
export const BLOB_IMMUTABILITY_POLICIES = types("azure-native:storage:BlobContainerImmutabilityPolicy");
export const ENCRYPTION_SCOPES = types("azure-native:storage:EncryptionScope");

/** Resources that belong to one Azure PHI store and take its PHI scope, with the property that names the store. */
export const AZ_PHI_COMPANIONS: Readonly<Record<string, string>> = Object.fromEntries(
    [BLOB_CONTAINERS, BLOB_SERVICES, BLOB_IMMUTABILITY_POLICIES, ENCRYPTION_SCOPES].flatMap((set) => set.canonical.map((t) => [t, "accountName"])),
);

/** Whether `publicNetworkAccess` is "Disabled" (any case); unknown stays unknown, absent is the service default (enabled). */
export function publicAccessDisabled(v: Plain): boolean | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    return typeof v === "string" && v.trim().toLowerCase() === "disabled";
}
