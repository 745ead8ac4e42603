import { types } from "./type-tokens";
import { isUnknown, Plain, Unknown, UNKNOWN } from "./values";

export const ROLE_ASSIGNMENTS = types("azure-native:authorization:RoleAssignment");
export const ROLE_DEFINITIONS = types("azure-native:authorization:RoleDefinition");
export const PIM_ELIGIBILITY_SCHEDULES = types("azure-native:authorization:PimRoleEligibilitySchedule");

/** What holding a built-in role lets a principal do, as far as PHI access is concerned. */
export interface BuiltInRole {
    name: string;
    /** Owns the subscription's resources or its access control: grants must be just in time. */
    privileged: boolean;
    /** Changes infrastructure, code or deployment pipelines (the "change" side of segregation of duties). */
    controlWrite: boolean;
    /** Reads data that may be PHI: data-plane reads, or keys and secrets that unlock them. */
    dataRead: boolean;
}

const privileged = (name: string): BuiltInRole => ({ name, privileged: true, controlWrite: true, dataRead: false });
const writer = (name: string, dataRead = false): BuiltInRole => ({ name, privileged: false, controlWrite: true, dataRead });
const reader = (name: string): BuiltInRole => ({ name, privileged: false, controlWrite: false, dataRead: true });

/**
 * Built-in Azure roles that matter for PHI access, by role definition GUID (the same in every
 * tenant). Roles that list storage or Cosmos DB account keys count as data readers: a key reads
 * every blob or document.
 */
export const BUILT_IN_ROLES: Readonly<Record<string, BuiltInRole>> = {
    // Privileged control plane.
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": privileged("Owner"),
    "b24988ac-6180-42a0-ab88-20f7382dd24c": privileged("Contributor"),
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": privileged("User Access Administrator"),
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": privileged("Role Based Access Control Administrator"),
    // Control-plane writers of infrastructure, applications and pipelines.
    "de139f84-1756-47ae-9be6-808fbbe84772": writer("Website Contributor"),
    "2cc479cb-7b4d-49a8-b449-8c00fd0f0a4b": writer("Web Plan Contributor"),
    "87a39d53-fc1b-424a-814c-f7e04687dc9e": writer("Logic App Contributor"),
    "f353d9bd-d4a6-484e-a77a-8050b599b867": writer("Automation Contributor"),
    "9980e02c-c2be-4d73-94e8-173b1dc7cf3c": writer("Virtual Machine Contributor"),
    "4d97b98b-1d4f-4787-a291-c67834d212e7": writer("Network Contributor"),
    "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8": writer("Azure Kubernetes Service Contributor Role"),
    "8311e382-0749-4cb8-b61a-304f252e45ec": writer("AcrPush"),
    "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59": writer("Managed Identity Contributor"),
    "f1a07417-d97a-45cb-824c-7a7467783830": writer("Managed Identity Operator"),
    "f25e0fa2-a7c8-4377-a976-54943a77a395": writer("Key Vault Contributor"),
    "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437": writer("SQL Server Contributor"),
    "9b7fa17d-e63e-47b0-bb0a-15c516ac86ec": writer("SQL DB Contributor"),
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": writer("Storage Account Contributor", true),
    "5bd9cd88-fe45-4216-938b-f97437e15450": writer("DocumentDB Account Contributor", true),
    // Storage data plane (and account keys).
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": reader("Storage Blob Data Owner"),
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": reader("Storage Blob Data Contributor"),
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": reader("Storage Blob Data Reader"),
    "974c5e8b-45b9-4653-ba55-5f855dd0fb88": reader("Storage Queue Data Contributor"),
    "19e7f393-937e-4f77-808e-94535e297925": reader("Storage Queue Data Reader"),
    "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3": reader("Storage Table Data Contributor"),
    "76199698-9eea-4c19-bc75-cec21354c6b6": reader("Storage Table Data Reader"),
    "0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb": reader("Storage File Data SMB Share Contributor"),
    "aba4ae5f-2193-4029-9191-0cb91df5e314": reader("Storage File Data SMB Share Reader"),
    "b8eda974-7b85-4f76-af95-65846b26df6d": reader("Storage File Data Privileged Reader"),
    "81a9662b-bebf-436f-a333-f67b29880f12": reader("Storage Account Key Operator Service Role"),
    "c12c1c16-33a1-487b-954d-41c89c60f349": reader("Reader and Data Access"),
    // Key Vault data plane.
    "00482a5a-887f-4fb3-b363-3b7fe8e74483": reader("Key Vault Administrator"),
    "4633458b-17de-408a-b874-0445c86b69e6": reader("Key Vault Secrets User"),
    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": reader("Key Vault Secrets Officer"),
    "12338af0-0e69-4776-bea7-57ae8d297424": reader("Key Vault Crypto User"),
    "14b46e9e-c2b7-41b4-b07b-48a6ebf60603": reader("Key Vault Crypto Officer"),
    "e147488a-f6f5-4113-8e2d-b22465e65bf6": reader("Key Vault Crypto Service Encryption User"),
    "a4417e6f-fecd-4de8-b567-7b0420556985": reader("Key Vault Certificates Officer"),
    // Cosmos DB: the account reader role lists read-only keys.
    "fbdf93bf-df7d-467e-a4d2-9458aa1360c8": reader("Cosmos DB Account Reader Role"),
};

const GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/*$/i;

/** The GUID of a role definition given as a bare GUID or a full resource id, in any case. */
export function roleDefinitionGuid(id: Plain): string | undefined | Unknown {
    if (isUnknown(id)) return UNKNOWN;
    if (typeof id !== "string") return undefined;
    const m = GUID.exec(id.trim());
    return m ? m[1].toLowerCase() : undefined;
}

export function builtInRole(guid: string): BuiltInRole | undefined {
    return Object.prototype.hasOwnProperty.call(BUILT_IN_ROLES, guid) ? BUILT_IN_ROLES[guid] : undefined;
}
