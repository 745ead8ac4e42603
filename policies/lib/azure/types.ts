import { types, unionOf } from "../type-tokens";

/**
 * The one set of Azure type tokens and the PHI-store catalog: every control that asks "is this a
 * web app, a storage account, a PHI store" asks here, so a slot is a web app everywhere.
 */

/** App Service sites and their deployment slots (function apps and Logic Apps Standard are sites with a `kind`). */
export const WEB_APPS = types("azure-native:web:WebApp", "azure-native:web:WebAppSlot");
export const RESOURCE_GROUPS = types("azure-native:resources:ResourceGroup");
export const USER_ASSIGNED_IDENTITIES = types("azure-native:managedidentity:UserAssignedIdentity");

export const STORAGE_ACCOUNTS = types("azure-native:storage:StorageAccount");
export const BLOB_CONTAINERS = types("azure-native:storage:BlobContainer");
export const BLOB_SERVICES = types("azure-native:storage:BlobServiceProperties");
export const BLOB_IMMUTABILITY_POLICIES = types("azure-native:storage:BlobContainerImmutabilityPolicy");
export const ENCRYPTION_SCOPES = types("azure-native:storage:EncryptionScope");
export const KEY_VAULTS = types("azure-native:keyvault:Vault");
export const SQL_SERVERS = types("azure-native:sql:Server");
/** Cosmos DB accounts are published under both `cosmosdb` and the older `documentdb` module. */
export const COSMOS_ACCOUNTS = types("azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount");

export const DIAGNOSTIC_SETTINGS = types("azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting");
export const SUBSCRIPTION_DIAGNOSTIC_SETTINGS = types(
    "azure-native:monitor:SubscriptionDiagnosticSetting",
    "azure-native:insights:SubscriptionDiagnosticSetting",
);
export const LOG_ANALYTICS_WORKSPACES = types("azure-native:operationalinsights:Workspace");

/** Azure data stores that hold PHI, by kind (the kinds match Defender plan names and private-link checks). */
export const PHI_STORES = types(...STORAGE_ACCOUNTS.canonical, ...KEY_VAULTS.canonical, ...SQL_SERVERS.canonical, ...COSMOS_ACCOUNTS.canonical);

export const VIRTUAL_MACHINES = types("azure-native:compute:VirtualMachine");
/** Scale sets describe their VMs once, under virtualMachineProfile (with the VM's osProfile, storageProfile and networkProfile inside). */
export const VIRTUAL_MACHINE_SCALE_SETS = types("azure-native:compute:VirtualMachineScaleSet");
/** VMs and scale sets: a control that judges a VM's OS, disks or network judges a scale set's VM profile the same way (lib/azure/machines). */
export const MACHINES = unionOf(VIRTUAL_MACHINES, VIRTUAL_MACHINE_SCALE_SETS);
export const NETWORK_INTERFACES = types("azure-native:network:NetworkInterface");
export const PUBLIC_IP_ADDRESSES = types("azure-native:network:PublicIPAddress");
export const NETWORK_SECURITY_GROUPS = types("azure-native:network:NetworkSecurityGroup");
export const VIRTUAL_NETWORKS = types("azure-native:network:VirtualNetwork");
export const SUBNETS = types("azure-native:network:Subnet");
export const MANAGED_CLUSTERS = types("azure-native:containerservice:ManagedCluster");
/** App settings and connection strings of a site or slot, as standalone resources (they replace the whole set). */
export const APP_SETTINGS = types("azure-native:web:WebAppApplicationSettings", "azure-native:web:WebAppApplicationSettingsSlot");
export const APP_CONNECTION_STRINGS = types("azure-native:web:WebAppConnectionStrings", "azure-native:web:WebAppConnectionStringsSlot");
/** Container Apps and Container Apps jobs: both run a template of containers with environment variables. */
export const CONTAINER_APPS = types("azure-native:app:ContainerApp", "azure-native:app:Job");
