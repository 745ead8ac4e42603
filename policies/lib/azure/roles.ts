import { types } from "../type-tokens";
import type { AzStoreKind } from "./stores";
import { isUnknown, Plain, Unknown, UNKNOWN } from "../values";
import { wildcardMatch } from "../wildcard";

/**
 * The one Azure role model: built-in and custom roles are both described by what they allow
 * (actions, notActions, dataActions, notDataActions), and one judgement turns that into what the
 * pack asks of an assignment: is the role privileged, does it change infrastructure or code, does
 * it read data that may be PHI. A custom role with Contributor's permissions is Contributor.
 */

export const ROLE_ASSIGNMENTS = types("azure-native:authorization:RoleAssignment");
export const ROLE_DEFINITIONS = types("azure-native:authorization:RoleDefinition");
export const PIM_ELIGIBILITY_SCHEDULES = types("azure-native:authorization:PimRoleEligibilitySchedule");

export interface RolePermissions {
    actions: readonly string[];
    notActions?: readonly string[];
    dataActions?: readonly string[];
    notDataActions?: readonly string[];
}

/** What holding a role lets a principal do, as far as PHI access is concerned. */
export interface RoleCapabilities {
    /** Owns the resources in scope or their access control: grants must be just in time. */
    privileged: boolean;
    /** Changes infrastructure, code or deployment pipelines (the "change" side of segregation of duties). */
    controlWrite: boolean;
    /** Reads data that may be PHI: data-plane reads, or keys and secrets that unlock them. */
    dataRead: boolean;
}

export interface BuiltInRole extends RoleCapabilities {
    name: string;
    /** Every permission block (a custom role may have several; a role allows what any block allows). */
    permissions: readonly RolePermissions[];
}

/** Whether a permission block allows one operation: an allowed pattern matches it and no excluded one does. */
function allows(allowed: readonly string[] | undefined, excluded: readonly string[] | undefined, operation: string): boolean {
    return (allowed ?? []).some((p) => wildcardMatch(p.trim(), operation)) && !(excluded ?? []).some((p) => wildcardMatch(p.trim(), operation));
}

const allowsAction = (p: RolePermissions, op: string) => allows(p.actions, p.notActions, op);
const allowsData = (p: RolePermissions, op: string) => allows(p.dataActions, p.notDataActions, op);

/** Writing role assignments hands out any role, this one's own included. */
const ASSIGN_ROLES = "Microsoft.Authorization/roleAssignments/write";

/** Writes across unrelated providers: a role that makes all of them owns whatever is in its scope. */
const OWNERSHIP_PROBES = [
    "Microsoft.Compute/virtualMachines/write",
    "Microsoft.Storage/storageAccounts/write",
    "Microsoft.KeyVault/vaults/write",
    "Microsoft.Web/sites/write",
];

/**
 * What reads each kind of Azure PHI store (Azure built-in roles and resource provider operations
 * reference): data-plane operations that return its data; control-plane operations that return
 * what reads all of it (account keys, a SAS, connection strings), each with how a chain names it;
 * and control-plane operations that take a credential over (reset the admin password, make oneself
 * the Entra admin, add oneself to a vault access policy or a cache data-access policy), which read
 * the store on the next sign-in. Only the first two count as reading data in judgeRole (the third
 * is a change of infrastructure, judged there as such); the access graph draws all three.
 */
export interface StoreReads {
    data: readonly string[];
    keys: readonly (readonly [operation: string, phrase: string])[];
    takeover: readonly (readonly [operation: string, phrase: string])[];
}

const LIST_KEYS = "listKeys";
const ADMIN_PASSWORD = "admin password reset";
const ENTRA_ADMIN = "Entra admin change";
const flexibleAndSingle = (provider: string): StoreReads["takeover"] => [
    [`${provider}/flexibleServers/write`, ADMIN_PASSWORD],
    [`${provider}/servers/write`, ADMIN_PASSWORD],
    [`${provider}/flexibleServers/administrators/write`, ENTRA_ADMIN],
    [`${provider}/servers/administrators/write`, ENTRA_ADMIN],
];

export const STORE_READS: Readonly<Record<AzStoreKind, StoreReads>> = {
    storage: {
        data: [
            "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read",
            "Microsoft.Storage/storageAccounts/queueServices/queues/messages/read",
            "Microsoft.Storage/storageAccounts/tableServices/tables/entities/read",
            "Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read",
        ],
        keys: [
            ["Microsoft.Storage/storageAccounts/listKeys/action", LIST_KEYS],
            ["Microsoft.Storage/storageAccounts/listAccountSas/action", "listAccountSas"],
        ],
        takeover: [],
    },
    "key-vault": {
        data: ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"],
        keys: [],
        takeover: [["Microsoft.KeyVault/vaults/accessPolicies/write", "access policy change"]],
    },
    sql: { data: [], keys: [], takeover: [["Microsoft.Sql/servers/write", ADMIN_PASSWORD], ["Microsoft.Sql/servers/administrators/write", ENTRA_ADMIN]] },
    cosmos: {
        data: ["Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read", "Microsoft.DocumentDB/databaseAccounts/readMetadata"],
        keys: [
            ["Microsoft.DocumentDB/databaseAccounts/listKeys/action", LIST_KEYS],
            ["Microsoft.DocumentDB/databaseAccounts/readonlykeys/action", "readonlykeys"],
            ["Microsoft.DocumentDB/databaseAccounts/listConnectionStrings/action", "listConnectionStrings"],
        ],
        takeover: [],
    },
    synapse: {
        data: [],
        keys: [],
        takeover: [["Microsoft.Synapse/workspaces/write", ADMIN_PASSWORD], ["Microsoft.Synapse/workspaces/administrators/write", ENTRA_ADMIN], ["Microsoft.Synapse/workspaces/sqlAdministrators/write", ENTRA_ADMIN]],
    },
    postgres: { data: [], keys: [], takeover: flexibleAndSingle("Microsoft.DBforPostgreSQL") },
    mysql: { data: [], keys: [], takeover: flexibleAndSingle("Microsoft.DBforMySQL") },
    // MariaDB signs in with its administrator password only (no Entra admin).
    mariadb: { data: [], keys: [], takeover: [["Microsoft.DBforMariaDB/servers/write", ADMIN_PASSWORD]] },
    "event-hubs": {
        data: ["Microsoft.EventHub/namespaces/messages/receive/action"],
        keys: [
            ["Microsoft.EventHub/namespaces/authorizationRules/listKeys/action", LIST_KEYS],
            ["Microsoft.EventHub/namespaces/eventhubs/authorizationRules/listKeys/action", LIST_KEYS],
        ],
        takeover: [],
    },
    "service-bus": {
        data: ["Microsoft.ServiceBus/namespaces/messages/receive/action"],
        keys: [
            ["Microsoft.ServiceBus/namespaces/authorizationRules/listKeys/action", LIST_KEYS],
            ["Microsoft.ServiceBus/namespaces/queues/authorizationRules/listKeys/action", LIST_KEYS],
            ["Microsoft.ServiceBus/namespaces/topics/authorizationRules/listKeys/action", LIST_KEYS],
        ],
        takeover: [],
    },
    redis: {
        data: [],
        keys: [["Microsoft.Cache/redis/listKeys/action", LIST_KEYS]],
        takeover: [["Microsoft.Cache/redis/accessPolicyAssignments/write", "data access policy assignment"]],
    },
    "redis-enterprise": {
        data: [],
        keys: [["Microsoft.Cache/redisEnterprise/databases/listKeys/action", LIST_KEYS]],
        takeover: [["Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments/write", "data access policy assignment"]],
    },
    "api-for-fhir": { data: ["Microsoft.HealthcareApis/services/fhir/resources/read", "Microsoft.HealthcareApis/services/fhir/resources/export/action"], keys: [], takeover: [] },
    "fhir-service": { data: ["Microsoft.HealthcareApis/workspaces/fhirservices/resources/read", "Microsoft.HealthcareApis/workspaces/fhirservices/resources/export/action"], keys: [], takeover: [] },
    "dicom-service": { data: ["Microsoft.HealthcareApis/workspaces/dicomservices/resources/read"], keys: [], takeover: [] },
    disk: { data: ["Microsoft.Compute/disks/download/action"], keys: [["Microsoft.Compute/disks/beginGetAccess/action", "beginGetAccess (a SAS to export it)"]], takeover: [] },
};

const READS = Object.values(STORE_READS);
/** Control-plane operations that read PHI: listing the keys, SAS or connection strings that read a whole store. */
const KEY_LISTING = READS.flatMap((r) => r.keys.map(([op]) => op));
/** Data-plane operations that read PHI or the secrets and keys that unlock it. */
const DATA_READS = READS.flatMap((r) => r.data);

/**
 * How a role reads a kind of store, if it does: by a data-plane read (named by the role alone), or
 * by the first key-listing or takeover operation it allows (named with the role: `listKeys with Contributor`).
 */
export function readsStore(blocks: readonly RolePermissions[], kind: AzStoreKind): { how?: string } | undefined {
    const reads = STORE_READS[kind];
    if (blocks.some((p) => reads.data.some((op) => allowsData(p, op)))) return {};
    for (const [op, how] of [...reads.keys, ...reads.takeover]) if (blocks.some((p) => allowsAction(p, op))) return { how };
    return undefined;
}

/**
 * Control-plane operations that change what runs or who reaches it: resource groups, applications and
 * their configuration, pipelines and automation, compute, networks, identities, the data stores'
 * own settings (firewalls, keys, auditing) and diagnostic settings. Managing blob containers or
 * queues inside an account is data work, not a change of infrastructure.
 */
const CHANGES = [
    "Microsoft.Resources/subscriptions/resourceGroups/write",
    "Microsoft.Web/sites/write",
    "Microsoft.Web/sites/config/write",
    "Microsoft.Web/sites/slots/write",
    "Microsoft.Web/serverFarms/write",
    "Microsoft.Logic/workflows/write",
    "Microsoft.Automation/automationAccounts/runbooks/write",
    "Microsoft.Compute/virtualMachines/write",
    "Microsoft.Compute/virtualMachines/runCommand/action",
    // A scale set's VM profile is every one of its VMs: changing it or running a command on one of them is the same change.
    "Microsoft.Compute/virtualMachineScaleSets/write",
    "Microsoft.Compute/virtualMachineScaleSets/virtualMachines/runCommand/action",
    "Microsoft.ContainerService/managedClusters/write",
    "Microsoft.ContainerRegistry/registries/push/write",
    "Microsoft.Network/virtualNetworks/write",
    "Microsoft.Network/networkSecurityGroups/write",
    "Microsoft.ManagedIdentity/userAssignedIdentities/write",
    "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
    "Microsoft.KeyVault/vaults/write",
    "Microsoft.Sql/servers/write",
    "Microsoft.Sql/servers/databases/write",
    "Microsoft.Storage/storageAccounts/write",
    "Microsoft.DocumentDB/databaseAccounts/write",
    "Microsoft.Insights/diagnosticSettings/write",
    ASSIGN_ROLES,
];

/** The one judgement of a role's permissions, built-in or custom. */
export function judgeRole(blocks: readonly RolePermissions[]): RoleCapabilities {
    const any = (test: (p: RolePermissions) => boolean) => blocks.some(test);
    const privileged = any((p) => allowsAction(p, ASSIGN_ROLES) || OWNERSHIP_PROBES.every((op) => allowsAction(p, op)));
    const controlWrite = any((p) => CHANGES.some((op) => allowsAction(p, op)));
    const dataRead = any((p) => KEY_LISTING.some((op) => allowsAction(p, op)) || DATA_READS.some((op) => allowsData(p, op)));
    return { privileged, controlWrite, dataRead };
}

const role = (name: string, actions: string[], more: Omit<RolePermissions, "actions"> = {}): Omit<BuiltInRole, keyof RoleCapabilities> => ({ name, permissions: [{ actions, ...more }] });
const READ_ALL = "*/read";
const SUPPORT = "Microsoft.Support/*";
const RG_READ = ["Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/deployments/*", "Microsoft.Insights/alertRules/*", SUPPORT];

/**
 * Built-in roles that matter for PHI access, by role definition GUID (the same in every tenant),
 * with the permissions Microsoft publishes for them (Azure built-in roles reference), trimmed to the
 * operations that bear on the judgement. Roles not listed are judged "other" by the callers.
 */
const BUILT_IN_PERMISSIONS: Readonly<Record<string, Omit<BuiltInRole, keyof RoleCapabilities>>> = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": role("Owner", ["*"]),
    "b24988ac-6180-42a0-ab88-20f7382dd24c": role("Contributor", ["*"], {
        notActions: ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action", "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete", "Microsoft.Compute/galleries/share/action", "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete", "Microsoft.Resources/deploymentStacks/manageDenySetting/action", "Microsoft.Subscription/cancel/action", "Microsoft.Subscription/enable/action"],
    }),
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": role("User Access Administrator", [READ_ALL, "Microsoft.Authorization/*", SUPPORT]),
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": role("Role Based Access Control Administrator", ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", READ_ALL, SUPPORT]),
    "de139f84-1756-47ae-9be6-808fbbe84772": role("Website Contributor", [...RG_READ, "Microsoft.Web/certificates/*", "Microsoft.Web/listSitesAssignedToHostName/read", "Microsoft.Web/serverFarms/join/action", "Microsoft.Web/serverFarms/read", "Microsoft.Web/sites/*"]),
    "2cc479cb-7b4d-49a8-b449-8c00fd0f0a4b": role("Web Plan Contributor", [...RG_READ, "Microsoft.Web/serverFarms/*", "Microsoft.Web/hostingEnvironments/Join/Action"]),
    "87a39d53-fc1b-424a-814c-f7e04687dc9e": role("Logic App Contributor", [...RG_READ, "Microsoft.Logic/*", "Microsoft.Web/connections/*", "Microsoft.Web/serverFarms/join/action"]),
    "f353d9bd-d4a6-484e-a77a-8050b599b867": role("Automation Contributor", [...RG_READ, "Microsoft.Automation/automationAccounts/*"]),
    "9980e02c-c2be-4d73-94e8-173b1dc7cf3c": role("Virtual Machine Contributor", [...RG_READ, "Microsoft.Compute/virtualMachines/*", "Microsoft.Compute/disks/*", "Microsoft.Network/networkInterfaces/*", "Microsoft.Storage/storageAccounts/read"]),
    "4d97b98b-1d4f-4787-a291-c67834d212e7": role("Network Contributor", [...RG_READ, "Microsoft.Network/*"]),
    "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8": role("Azure Kubernetes Service Contributor Role", ["Microsoft.ContainerService/managedClusters/*", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourcegroups/read"]),
    "8311e382-0749-4cb8-b61a-304f252e45ec": role("AcrPush", ["Microsoft.ContainerRegistry/registries/pull/read", "Microsoft.ContainerRegistry/registries/push/write"]),
    "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59": role("Managed Identity Contributor", [...RG_READ, "Microsoft.ManagedIdentity/userAssignedIdentities/*"]),
    "f1a07417-d97a-45cb-824c-7a7467783830": role("Managed Identity Operator", ["Microsoft.ManagedIdentity/userAssignedIdentities/*/read", "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action", ...RG_READ]),
    "f25e0fa2-a7c8-4377-a976-54943a77a395": role("Key Vault Contributor", [...RG_READ, "Microsoft.KeyVault/*"], { notActions: ["Microsoft.KeyVault/locations/deletedVaults/purge/action", "Microsoft.KeyVault/hsmPools/*", "Microsoft.KeyVault/managedHsms/*"] }),
    "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437": role("SQL Server Contributor", [...RG_READ, "Microsoft.Sql/servers/*"]),
    "9b7fa17d-e63e-47b0-bb0a-15c516ac86ec": role("SQL DB Contributor", [...RG_READ, "Microsoft.Sql/servers/databases/*"]),
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": role("Storage Account Contributor", [...RG_READ, "Microsoft.Storage/storageAccounts/*"]),
    "5bd9cd88-fe45-4216-938b-f97437e15450": role("DocumentDB Account Contributor", [...RG_READ, "Microsoft.DocumentDb/databaseAccounts/*"]),
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": role("Storage Blob Data Owner", ["Microsoft.Storage/storageAccounts/blobServices/containers/*"], { dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"] }),
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": role("Storage Blob Data Contributor", ["Microsoft.Storage/storageAccounts/blobServices/containers/delete", "Microsoft.Storage/storageAccounts/blobServices/containers/read", "Microsoft.Storage/storageAccounts/blobServices/containers/write"], { dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write"] }),
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": role("Storage Blob Data Reader", ["Microsoft.Storage/storageAccounts/blobServices/containers/read", "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action"], { dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }),
    "974c5e8b-45b9-4653-ba55-5f855dd0fb88": role("Storage Queue Data Contributor", ["Microsoft.Storage/storageAccounts/queueServices/queues/read"], { dataActions: ["Microsoft.Storage/storageAccounts/queueServices/queues/messages/*"] }),
    "19e7f393-937e-4f77-808e-94535e297925": role("Storage Queue Data Reader", ["Microsoft.Storage/storageAccounts/queueServices/queues/read"], { dataActions: ["Microsoft.Storage/storageAccounts/queueServices/queues/messages/read"] }),
    "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3": role("Storage Table Data Contributor", ["Microsoft.Storage/storageAccounts/tableServices/tables/read"], { dataActions: ["Microsoft.Storage/storageAccounts/tableServices/tables/entities/*"] }),
    "76199698-9eea-4c19-bc75-cec21354c6b6": role("Storage Table Data Reader", ["Microsoft.Storage/storageAccounts/tableServices/tables/read"], { dataActions: ["Microsoft.Storage/storageAccounts/tableServices/tables/entities/read"] }),
    "0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb": role("Storage File Data SMB Share Contributor", [], { dataActions: ["Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read", "Microsoft.Storage/storageAccounts/fileServices/fileshares/files/write", "Microsoft.Storage/storageAccounts/fileServices/fileshares/files/delete"] }),
    "aba4ae5f-2193-4029-9191-0cb91df5e314": role("Storage File Data SMB Share Reader", [], { dataActions: ["Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read"] }),
    "b8eda974-7b85-4f76-af95-65846b26df6d": role("Storage File Data Privileged Reader", [], { dataActions: ["Microsoft.Storage/storageAccounts/fileServices/fileshares/files/read", "Microsoft.Storage/storageAccounts/fileServices/readFileBackupSemantics/action"] }),
    "81a9662b-bebf-436f-a333-f67b29880f12": role("Storage Account Key Operator Service Role", ["Microsoft.Storage/storageAccounts/listkeys/action", "Microsoft.Storage/storageAccounts/regeneratekey/action"]),
    "c12c1c16-33a1-487b-954d-41c89c60f349": role("Reader and Data Access", ["Microsoft.Storage/storageAccounts/listKeys/action", "Microsoft.Storage/storageAccounts/ListAccountSas/action", "Microsoft.Storage/storageAccounts/read"]),
    "00482a5a-887f-4fb3-b363-3b7fe8e74483": role("Key Vault Administrator", ["Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*", "Microsoft.KeyVault/checkNameAvailability/read", "Microsoft.KeyVault/deletedVaults/read", "Microsoft.KeyVault/locations/*/read", "Microsoft.KeyVault/vaults/*/read", "Microsoft.KeyVault/operations/read"], { dataActions: ["Microsoft.KeyVault/vaults/*"] }),
    "4633458b-17de-408a-b874-0445c86b69e6": role("Key Vault Secrets User", [], { dataActions: ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"] }),
    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": role("Key Vault Secrets Officer", ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read"], { dataActions: ["Microsoft.KeyVault/vaults/secrets/*"] }),
    "12338af0-0e69-4776-bea7-57ae8d297424": role("Key Vault Crypto User", [], { dataActions: ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/update/action", "Microsoft.KeyVault/vaults/keys/backup/action", "Microsoft.KeyVault/vaults/keys/encrypt/action", "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action", "Microsoft.KeyVault/vaults/keys/sign/action", "Microsoft.KeyVault/vaults/keys/verify/action"] }),
    "14b46e9e-c2b7-41b4-b07b-48a6ebf60603": role("Key Vault Crypto Officer", ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read"], { dataActions: ["Microsoft.KeyVault/vaults/keys/*", "Microsoft.KeyVault/vaults/keyrotationpolicies/*"] }),
    "e147488a-f6f5-4113-8e2d-b22465e65bf6": role("Key Vault Crypto Service Encryption User", ["Microsoft.EventGrid/eventSubscriptions/write", "Microsoft.EventGrid/eventSubscriptions/read", "Microsoft.EventGrid/eventSubscriptions/delete"], { dataActions: ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"] }),
    "a4417e6f-fecd-4de8-b567-7b0420556985": role("Key Vault Certificates Officer", ["Microsoft.Authorization/*/read", "Microsoft.KeyVault/vaults/*/read"], { dataActions: ["Microsoft.KeyVault/vaults/certificatecas/*", "Microsoft.KeyVault/vaults/certificates/*", "Microsoft.KeyVault/vaults/certificatecontacts/write"] }),
    "fbdf93bf-df7d-467e-a4d2-9458aa1360c8": role("Cosmos DB Account Reader Role", ["Microsoft.Authorization/*/read", "Microsoft.DocumentDB/*/read", "Microsoft.DocumentDB/databaseAccounts/readonlykeys/action", "Microsoft.Insights/MetricDefinitions/read", "Microsoft.Insights/Metrics/read", "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*"]),
    "e0f68234-74aa-48ed-b826-c38b57376e17": role("Redis Cache Contributor", ["Microsoft.Authorization/*/read", "Microsoft.Cache/register/action", "Microsoft.Cache/redis/*", "Microsoft.Insights/alertRules/*", "Microsoft.ResourceHealth/availabilityStatuses/read", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read", SUPPORT]),
    "f526a384-b230-433a-b45c-95f59c4a2dec": role("Azure Event Hubs Data Owner", ["Microsoft.EventHub/*"], { dataActions: ["Microsoft.EventHub/*"] }),
    "a638d3c7-ab3a-418d-83e6-5f17a39d4fde": role("Azure Event Hubs Data Receiver", ["Microsoft.EventHub/*/eventhubs/consumergroups/read"], { dataActions: ["Microsoft.EventHub/*/receive/action"] }),
    "090c5cfd-751d-490a-894a-3ce6f1109419": role("Azure Service Bus Data Owner", ["Microsoft.ServiceBus/*"], { dataActions: ["Microsoft.ServiceBus/*"] }),
    "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0": role("Azure Service Bus Data Receiver", ["Microsoft.ServiceBus/*/queues/read", "Microsoft.ServiceBus/*/topics/read", "Microsoft.ServiceBus/*/topics/subscriptions/read"], { dataActions: ["Microsoft.ServiceBus/*/receive/action"] }),
    "4c8d0bbc-75d3-4935-991f-5f3c56d81508": role("FHIR Data Reader", [], { dataActions: ["Microsoft.HealthcareApis/services/fhir/resources/read", "Microsoft.HealthcareApis/workspaces/fhirservices/resources/read"] }),
    "5a1fc7df-4bf1-4951-a576-89034ee01acd": role("FHIR Data Contributor", [], {
        dataActions: ["Microsoft.HealthcareApis/services/fhir/resources/*", "Microsoft.HealthcareApis/workspaces/fhirservices/resources/*"],
        notDataActions: ["Microsoft.HealthcareApis/services/fhir/resources/smart/action", "Microsoft.HealthcareApis/workspaces/fhirservices/resources/smart/action"],
    }),
    "e89c7a3c-2f64-4fa1-a847-3e4c9ba4283a": role("DICOM Data Reader", [], { dataActions: ["Microsoft.HealthcareApis/workspaces/dicomservices/resources/read"] }),
    "58a3b984-7adf-4c20-983a-32417c86fbc8": role("DICOM Data Owner", [], { dataActions: ["Microsoft.HealthcareApis/workspaces/dicomservices/resources/*"] }),
    "959f8984-c045-4866-89c7-12bf9737be2e": role("Data Operator for Managed Disks", [], { dataActions: ["Microsoft.Compute/disks/download/action", "Microsoft.Compute/disks/upload/action", "Microsoft.Compute/snapshots/download/action", "Microsoft.Compute/snapshots/upload/action"] }),
    "3e5e47e6-65f7-47ef-90b5-e5dd4d455f24": role("Disk Backup Reader", ["Microsoft.Authorization/*/read", "Microsoft.Compute/disks/read", "Microsoft.Compute/disks/beginGetAccess/action"]),
};

export const BUILT_IN_ROLES: Readonly<Record<string, BuiltInRole>> = Object.fromEntries(
    Object.entries(BUILT_IN_PERMISSIONS).map(([guid, r]) => [guid, { ...r, ...judgeRole(r.permissions) }]),
);

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
