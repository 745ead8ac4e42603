import type { StackIndex, StackResource } from "./stack-index";
import { AZ_STORAGE_ACCOUNTS, BLOB_CONTAINERS, BLOB_IMMUTABILITY_POLICIES, BLOB_SERVICES, ENCRYPTION_SCOPES } from "./azure/stores";

// The storage type sets live in the one Azure store catalog; re-exported for the storage readers' callers.
export { AZ_STORAGE_ACCOUNTS as STORAGE_ACCOUNTS, BLOB_CONTAINERS, BLOB_IMMUTABILITY_POLICIES, BLOB_SERVICES, ENCRYPTION_SCOPES };

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
    return stack.linked(r, "accountName").find((a) => AZ_STORAGE_ACCOUNTS.has(a.type));
}

