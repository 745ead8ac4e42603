import { canonicalType, types, TypeSet, unionOf } from "../type-tokens";
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

/**
 * More PHI stores, judged for their key and their firewall by az-datastore-cmk and az-datastore-public.
 * They are not (yet) in AZ_PHI_STORES: az-private-link and az-defender-purview read each store kind's
 * properties and plans, and do not know these kinds.
 */
export const AZ_SYNAPSE_WORKSPACES = types("azure-native:synapse:Workspace");
/**
 * Flexible servers, and single servers: the 2017-12-01 single-server API is the flexible server's
 * token, versioned, in azure-native 1.x and 2.x, and `SingleServer` from 3.x (both nest their
 * settings under `properties`).
 */
export const AZ_POSTGRES_SERVERS = types("azure-native:dbforpostgresql:Server", "azure-native:dbforpostgresql:SingleServer");
export const AZ_MYSQL_SERVERS = types("azure-native:dbformysql:Server", "azure-native:dbformysql:SingleServer");
/** Azure Database for MariaDB servers (a single-server API: settings nested under `properties`). */
export const AZ_MARIADB_SERVERS = types("azure-native:dbformariadb:Server");
export const AZ_EVENTHUB_NAMESPACES = types("azure-native:eventhub:Namespace");
export const AZ_SERVICEBUS_NAMESPACES = types("azure-native:servicebus:Namespace");
/** Azure Cache for Redis, published under `redis` and the older `cache` module. */
export const AZ_REDIS_CACHES = types("azure-native:redis:Redis", "azure-native:cache:Redis");
/**
 * Azure Cache for Redis Enterprise and Azure Managed Redis clusters, published under `redisenterprise`
 * and the older `cache` module (its databases hold the data; listing a database's keys reads it).
 */
export const AZ_REDIS_ENTERPRISE = types("azure-native:redisenterprise:RedisEnterprise", "azure-native:cache:RedisEnterprise");
/** Azure API for FHIR, which keeps its data in a Cosmos DB it manages. */
export const AZ_API_FOR_FHIR = types("azure-native:healthcareapis:Service");
/** The Health Data Services FHIR and DICOM services (inside a healthcareapis Workspace). */
export const AZ_FHIR_SERVICES = types("azure-native:healthcareapis:FhirService");
export const AZ_DICOM_SERVICES = types("azure-native:healthcareapis:DicomService");
export const AZ_HEALTH_DATA_SERVICES = unionOf(AZ_FHIR_SERVICES, AZ_DICOM_SERVICES);
export const AZ_DISKS = types("azure-native:compute:Disk");
export const AZ_AKS_CLUSTERS = types("azure-native:containerservice:ManagedCluster");

/** The kinds of Azure PHI store, by the name the role model's read operations are filed under (lib/azure/roles STORE_READS). */
export type AzStoreKind =
    | "storage"
    | "key-vault"
    | "sql"
    | "cosmos"
    | "synapse"
    | "postgres"
    | "mysql"
    | "mariadb"
    | "event-hubs"
    | "service-bus"
    | "redis"
    | "redis-enterprise"
    | "api-for-fhir"
    | "fhir-service"
    | "dicom-service"
    | "disk";

/**
 * Every Azure PHI store kind with its types and the resource provider whose operations act on it:
 * the access graph reads this list (every store here is a node, reached by the roles that read,
 * change or own it). AZ_PHI_STORES above stays the older four for the controls that read each
 * kind's own properties and plans.
 */
export const AZ_STORE_KINDS: readonly { kind: AzStoreKind; set: TypeSet; provider: string }[] = [
    { kind: "storage", set: AZ_STORAGE_ACCOUNTS, provider: "Microsoft.Storage" },
    { kind: "key-vault", set: AZ_KEY_VAULTS, provider: "Microsoft.KeyVault" },
    { kind: "sql", set: AZ_SQL_SERVERS, provider: "Microsoft.Sql" },
    { kind: "cosmos", set: AZ_COSMOS_ACCOUNTS, provider: "Microsoft.DocumentDB" },
    { kind: "synapse", set: AZ_SYNAPSE_WORKSPACES, provider: "Microsoft.Synapse" },
    { kind: "postgres", set: AZ_POSTGRES_SERVERS, provider: "Microsoft.DBforPostgreSQL" },
    { kind: "mysql", set: AZ_MYSQL_SERVERS, provider: "Microsoft.DBforMySQL" },
    { kind: "mariadb", set: AZ_MARIADB_SERVERS, provider: "Microsoft.DBforMariaDB" },
    { kind: "event-hubs", set: AZ_EVENTHUB_NAMESPACES, provider: "Microsoft.EventHub" },
    { kind: "service-bus", set: AZ_SERVICEBUS_NAMESPACES, provider: "Microsoft.ServiceBus" },
    { kind: "redis", set: AZ_REDIS_CACHES, provider: "Microsoft.Cache" },
    { kind: "redis-enterprise", set: AZ_REDIS_ENTERPRISE, provider: "Microsoft.Cache" },
    { kind: "api-for-fhir", set: AZ_API_FOR_FHIR, provider: "Microsoft.HealthcareApis" },
    { kind: "fhir-service", set: AZ_FHIR_SERVICES, provider: "Microsoft.HealthcareApis" },
    { kind: "dicom-service", set: AZ_DICOM_SERVICES, provider: "Microsoft.HealthcareApis" },
    { kind: "disk", set: AZ_DISKS, provider: "Microsoft.Compute" },
];

/** Every Azure PHI store, of every kind (what the access graph reads). */
export const AZ_ALL_PHI_STORES = types(...AZ_STORE_KINDS.flatMap((k) => k.set.canonical));

const KIND_OF_TYPE = new Map(AZ_STORE_KINDS.flatMap((k) => k.set.canonical.map((t) => [t, k] as const)));

/** The kind of an Azure PHI store type (any version of its token), undefined for anything else. */
export const azStoreKind = (type: string): { kind: AzStoreKind; provider: string } | undefined => KIND_OF_TYPE.get(canonicalType(type));

/** Firewall rules of the stores above and of SQL servers, by the property that names their store. */
export const SQL_FIREWALL_RULES = types("azure-native:sql:FirewallRule");
export const SQL_IPV6_FIREWALL_RULES = types("azure-native:sql:IPv6FirewallRule");
export const POSTGRES_FIREWALL_RULES = types("azure-native:dbforpostgresql:FirewallRule", "azure-native:dbforpostgresql:SingleServerFirewallRule");
export const MYSQL_FIREWALL_RULES = types("azure-native:dbformysql:FirewallRule", "azure-native:dbformysql:SingleServerFirewallRule");
export const MARIADB_FIREWALL_RULES = types("azure-native:dbformariadb:FirewallRule");
/** Azure Cosmos DB for PostgreSQL clusters (server groups); some of their versioned tokens are `dbforpostgresql/v…:FirewallRule`. */
export const POSTGRES_CLUSTER_FIREWALL_RULES = types("azure-native:dbforpostgresql:ServerGroupFirewallRule");
/** Azure Cosmos DB for MongoDB (vCore) clusters; the `mongocluster` form nests the addresses under `properties`. */
export const MONGO_CLUSTER_FIREWALL_RULES = types(
    "azure-native:cosmosdb:MongoClusterFirewallRule",
    "azure-native:documentdb:MongoClusterFirewallRule",
    "azure-native:documentdb:FirewallRule",
    "azure-native:mongocluster:FirewallRule",
);
export const SYNAPSE_FIREWALL_RULES = types("azure-native:synapse:IpFirewallRule");
export const REDIS_FIREWALL_RULES = types("azure-native:redis:FirewallRule", "azure-native:redis:RedisFirewallRule", "azure-native:cache:FirewallRule");

export const BLOB_CONTAINERS = types("azure-native:storage:BlobContainer");
export const BLOB_SERVICES = types("azure-native:storage:BlobServiceProperties");
export const BLOB_IMMUTABILITY_POLICIES = types("azure-native:storage:BlobContainerImmutabilityPolicy");
export const ENCRYPTION_SCOPES = types("azure-native:storage:EncryptionScope");

/** Resources that belong to one Azure PHI store and take its PHI scope, with the property that names the store. */
export const AZ_PHI_COMPANIONS: Readonly<Record<string, string>> = Object.fromEntries(
    [
        ...[BLOB_CONTAINERS, BLOB_SERVICES, BLOB_IMMUTABILITY_POLICIES, ENCRYPTION_SCOPES].flatMap((set) => set.canonical.map((t) => [t, "accountName"])),
        ...[SQL_FIREWALL_RULES, SQL_IPV6_FIREWALL_RULES, POSTGRES_FIREWALL_RULES, MYSQL_FIREWALL_RULES, MARIADB_FIREWALL_RULES].flatMap((set) => set.canonical.map((t) => [t, "serverName"])),
        ...MONGO_CLUSTER_FIREWALL_RULES.canonical.map((t) => [t, "mongoClusterName"]),
        ...POSTGRES_CLUSTER_FIREWALL_RULES.canonical.map((t) => [t, "clusterName"]),
        ...SYNAPSE_FIREWALL_RULES.canonical.map((t) => [t, "workspaceName"]),
        ...REDIS_FIREWALL_RULES.canonical.map((t) => [t, "cacheName"]),
    ],
);

/** Whether `publicNetworkAccess` is "Disabled" (any case); unknown stays unknown, absent is the service default (enabled). */
export function publicAccessDisabled(v: Plain): boolean | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    return typeof v === "string" && v.trim().toLowerCase() === "disabled";
}
