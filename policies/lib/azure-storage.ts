import type { StackIndex, StackResource } from "./stack-index";
import { types } from "./type-tokens";

export const STORAGE_ACCOUNTS = types("azure-native:storage:StorageAccount");
export const BLOB_CONTAINERS = types("azure-native:storage:BlobContainer");
export const BLOB_SERVICES = types("azure-native:storage:BlobServiceProperties");
export const BLOB_IMMUTABILITY_POLICIES = types("azure-native:storage:BlobContainerImmutabilityPolicy");
export const ENCRYPTION_SCOPES = types("azure-native:storage:EncryptionScope");

const VERSIONED = /^azure-native:[^/:]+\/v(\d{8})[0-9a-z]*:/i;

/**
 * The API date of a versioned azure-native token (`storage/v20220901:...` gives "20220901"), or
 * undefined for a default-module token, which uses the SDK's current API version. Service defaults
 * for omitted properties changed between API versions, so a control may need to know which applies.
 */
export function apiDate(token: string): string | undefined {
    return VERSIONED.exec(token)?.[1];
}

/**
 * The storage account a container, scope, policy or blob service belongs to, joined through
 * `accountName` (the account's name output, linked by URN at preview). Undefined when the account
 * is not in this stack.
 */
export function accountOf(stack: StackIndex, r: StackResource): StackResource | undefined {
    return stack.linked(r, "accountName").find((a) => STORAGE_ACCOUNTS.has(a.type));
}

/**
 * Whether a resource that belongs to a storage account (container, encryption scope) concerns PHI:
 * its account's scope decides; a resource whose account is outside the stack counts as PHI, so
 * that an unreadable scope never exempts it.
 */
export function inPhiAccount(stack: StackIndex, r: StackResource, isPhi: (r: StackResource) => boolean): boolean {
    const account = accountOf(stack, r);
    return account === undefined || isPhi(account);
}
