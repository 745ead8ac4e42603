import { types } from "./type-tokens";
import { isUnknown, Plain, Unknown, UNKNOWN } from "./values";

/** Azure data stores that hold PHI, by kind (the kinds match Defender plan names and private-link checks). */
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

/** Whether `publicNetworkAccess` is "Disabled" (any case); unknown stays unknown, absent is the service default (enabled). */
export function publicAccessDisabled(v: Plain): boolean | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    return typeof v === "string" && v.trim().toLowerCase() === "disabled";
}
