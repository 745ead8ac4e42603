import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import {
    AZ_AKS_CLUSTERS,
    AZ_API_FOR_FHIR,
    AZ_COSMOS_ACCOUNTS,
    AZ_DISKS,
    AZ_EVENTHUB_NAMESPACES,
    AZ_HEALTH_DATA_SERVICES,
    AZ_MARIADB_SERVERS,
    AZ_MYSQL_SERVERS,
    AZ_POSTGRES_SERVERS,
    AZ_SERVICEBUS_NAMESPACES,
    AZ_SYNAPSE_WORKSPACES,
} from "../../lib/azure/stores";
import { machineProfile } from "../../lib/azure/machines";
import { MACHINES } from "../../lib/azure/types";
import { prowler } from "../../lib/hipaa";
import { isOneOf, isPresent } from "../../lib/property-checks";
import { TypeSet, unionOf } from "../../lib/type-tokens";
import { asList, at, isObject, isUnknown, Plain } from "../../lib/values";

type Ctx = CheckContext<unknown>;

/** Azure encrypts every one of these stores at rest; the question is only whose key. */
const PLATFORM_KEY = "encrypted with a platform-managed key, not a customer-managed one";

function platformKey(what: string, path: string, fix: string, ctx: Ctx): void {
    ctx.fail({ problem: `${what} is ${PLATFORM_KEY}`, at: path, fix });
}

/** A store whose customer-managed key is one reference property (a key URI or an encryption set id). */
function keyReference(what: string, path: string, fix: string) {
    return (r: ResourceInput, ctx: Ctx): void => {
        // An unknown reference is another resource's output (a key created in the same update): it will be set.
        if (!isPresent(at(r.props, path))) platformKey(what, path, fix, ctx);
    };
}

/** Event Hubs and Service Bus namespaces: keySource Microsoft.KeyVault with a key in keyVaultProperties. */
function namespaceKey(what: string) {
    return (r: ResourceInput, ctx: Ctx): void => {
        const encryption = r.props.encryption;
        if (isUnknown(encryption)) return ctx.unverified("encryption");
        const keyVault = isOneOf(at(encryption, "keySource"), "Microsoft.KeyVault");
        if (isUnknown(keyVault)) return ctx.unverified("encryption.keySource");
        const fix = 'set encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName, keyVaultUri, identity }] } (a Premium or Dedicated namespace with a managed identity that can use the key)';
        if (!keyVault) return platformKey(what, "encryption.keySource", fix, ctx);
        const keys = asList(at(encryption, "keyVaultProperties"));
        if (isUnknown(keys)) return ctx.unverified("encryption.keyVaultProperties");
        if (!keys.some((k) => isUnknown(k) || (isPresent(at(k, "keyName")) && isPresent(at(k, "keyVaultUri"))))) {
            ctx.fail({ problem: "customer-managed key encryption names no key (no keyVaultProperties entry with keyName and keyVaultUri)", at: "encryption.keyVaultProperties", fix });
        }
    };
}

/** PostgreSQL and MySQL flexible servers: dataEncryption.type AzureKeyVault with a primary key URI. */
function serverKey(what: string) {
    return (r: ResourceInput, ctx: Ctx): void => {
        // The 2017-12-01 single-server API nests its settings under `properties` and takes its key from a separate ServerKey.
        if (isObject(r.props.properties)) return ctx.cannotTell("dataEncryption", "a single server (API 2017-12-01, retired) takes its key from a ServerKey resource, which this control does not read");
        const type = at(r.props, "dataEncryption.type");
        const keyVault = isOneOf(type, "AzureKeyVault");
        if (isUnknown(keyVault)) return ctx.unverified("dataEncryption.type");
        const fix = 'set dataEncryption: { type: "AzureKeyVault", primaryKeyURI, primaryUserAssignedIdentityId } with a user-assigned identity that can use the key (chosen when the server is created)';
        if (!keyVault) return platformKey(what, "dataEncryption.type", fix, ctx);
        if (!isPresent(at(r.props, "dataEncryption.primaryKeyURI"))) {
            ctx.fail({ problem: "customer-managed key encryption names no key (primaryKeyURI is missing)", at: "dataEncryption.primaryKeyURI", fix });
        }
    };
}

const DISK_SET_FIX = "create a compute.DiskEncryptionSet for a Key Vault key and set";

function checkDisk(disk: ResourceInput, ctx: Ctx): void {
    const encryption = disk.props.encryption;
    if (isUnknown(encryption)) return ctx.unverified("encryption");
    // Confidential disks carry their set in the security profile.
    if (isPresent(at(disk.props, "securityProfile.secureVMDiskEncryptionSetId"))) return;
    const platformOnly = isOneOf(at(encryption, "type"), "EncryptionAtRestWithPlatformKey");
    if (isUnknown(platformOnly)) return ctx.unverified("encryption.type");
    const set = at(encryption, "diskEncryptionSetId");
    if (platformOnly || !isPresent(set)) {
        platformKey("the disk", platformOnly ? "encryption.type" : "encryption.diskEncryptionSetId", `${DISK_SET_FIX} encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId }`, ctx);
    }
}

/** A disk a VM (or every VM of a scale set) creates with itself; an attached disk is its own compute.Disk, judged there. */
function checkVmDisk(disk: Plain, path: string, what: string, ctx: Ctx): void {
    if (isUnknown(disk)) return ctx.unverified(path);
    if (!isObject(disk)) return;
    const attached = isOneOf(disk.createOption, "Attach");
    if (isUnknown(attached)) return ctx.unverified(`${path}.createOption`);
    // Unmanaged disks (a VM's vhd, a scale set's vhdContainers) live in a storage account, whose key az-storage-cmk judges.
    if (attached || disk.vhd !== undefined || disk.vhdContainers !== undefined) return;
    const managed = disk.managedDisk;
    if (isUnknown(managed)) return ctx.unverified(`${path}.managedDisk`);
    if (isPresent(at(managed, "diskEncryptionSet.id")) || isPresent(at(managed, "securityProfile.diskEncryptionSet.id"))) return;
    platformKey(what, `${path}.managedDisk.diskEncryptionSet`, `${DISK_SET_FIX} ${path}.managedDisk.diskEncryptionSet: { id: <set>.id }`, ctx);
}

/** A VM's disks, or those a scale set's VM profile gives every VM it creates. */
function checkVm(vm: ResourceInput, ctx: Ctx): void {
    const { profile: root, prefix, noun } = machineProfile(vm);
    if (isUnknown(root)) return ctx.unverified(prefix.slice(0, -1));
    const what = noun === "VM" ? "the VM's disk" : "the disk of every VM of the scale set";
    const profile = at(root, "storageProfile");
    if (isUnknown(profile)) return ctx.unverified(`${prefix}storageProfile`);
    checkVmDisk(at(profile, "osDisk"), `${prefix}storageProfile.osDisk`, what, ctx);
    const dataDisks = asList(at(profile, "dataDisks"));
    if (isUnknown(dataDisks)) return ctx.unverified(`${prefix}storageProfile.dataDisks`);
    dataDisks.forEach((d, i) => checkVmDisk(d, `${prefix}storageProfile.dataDisks[${i}]`, what, ctx));
}

interface Store {
    kinds: TypeSet;
    check(r: ResourceInput, ctx: Ctx): void;
}

const STORES: Store[] = [
    {
        kinds: AZ_COSMOS_ACCOUNTS,
        check: keyReference("the database account", "keyVaultKeyUri", "set keyVaultKeyUri to a Key Vault key URI and give the account an identity that can use it (set when the account is created)"),
    },
    {
        kinds: AZ_SYNAPSE_WORKSPACES,
        check(workspace, ctx) {
            const cmk = at(workspace.props, "encryption.cmk");
            if (isUnknown(cmk)) return ctx.unverified("encryption.cmk");
            const fix = "set encryption.cmk.key: { name, keyVaultUrl } to a Key Vault key (with kekIdentity or the workspace identity allowed to use it; chosen when the workspace is created)";
            if (!isObject(cmk)) return platformKey("the workspace", "encryption.cmk", fix, ctx);
            if (!isPresent(at(cmk, "key.keyVaultUrl"))) ctx.fail({ problem: "customer-managed key encryption names no key (key.keyVaultUrl is missing)", at: "encryption.cmk.key.keyVaultUrl", fix });
        },
    },
    { kinds: AZ_POSTGRES_SERVERS, check: serverKey("the PostgreSQL server") },
    { kinds: AZ_MYSQL_SERVERS, check: serverKey("the MySQL server") },
    {
        // The dbformariadb API has no data-encryption setting and no ServerKey resource: its key is always the platform's.
        kinds: AZ_MARIADB_SERVERS,
        check: (_, ctx) =>
            platformKey("the MariaDB server", "properties", "move the data to a MySQL flexible server (dbformysql.Server) with dataEncryption: { type: \"AzureKeyVault\", primaryKeyURI, primaryUserAssignedIdentityId }; Azure Database for MariaDB cannot use a customer-managed key", ctx),
    },
    { kinds: AZ_EVENTHUB_NAMESPACES, check: namespaceKey("the Event Hubs namespace") },
    { kinds: AZ_SERVICEBUS_NAMESPACES, check: namespaceKey("the Service Bus namespace") },
    { kinds: AZ_DISKS, check: checkDisk },
    { kinds: MACHINES, check: checkVm },
    {
        kinds: AZ_AKS_CLUSTERS,
        check: keyReference("the cluster's node disks", "diskEncryptionSetID", `${DISK_SET_FIX} diskEncryptionSetID: <set>.id (chosen when the cluster is created)`),
    },
    {
        // Azure API for FHIR keeps its data in a Cosmos DB it manages, encrypted with this key.
        kinds: AZ_API_FOR_FHIR,
        check: keyReference("the FHIR service's data", "properties.cosmosDbConfiguration.keyVaultKeyUri", "set properties.cosmosDbConfiguration.keyVaultKeyUri to a Key Vault key URI (with the service identity allowed to use it; chosen when the service is created)"),
    },
    {
        kinds: AZ_HEALTH_DATA_SERVICES,
        check: keyReference("the service's data", "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl", "set encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl to a Key Vault key URL (with a user-assigned identity that can use it; chosen when the service is created)"),
    },
];

// No `remediate`: a key needs a vault, a key and an identity allowed to use it, and most of these
// stores take their key only when they are created (a change replaces the store and its data).
export const azDatastoreCmk: ResourceControl = {
    id: "az-datastore-cmk",
    title: "Azure data stores, disks and FHIR services use a customer-managed key",
    cloud: "azure",
    category: "encryption-at-rest",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "Cosmos DB accounts, Synapse workspaces, PostgreSQL and MySQL flexible servers, MariaDB servers, Event Hubs and Service Bus namespaces, managed disks (standalone, created with a VM or a scale set, or as AKS node disks) and FHIR and DICOM services that hold PHI must be encrypted with a Key Vault key you control. Azure always encrypts them at rest, but with a platform-managed key nobody in your organisation can revoke, rotate on your schedule or see used in your own key audit log.",
    remediation:
        "Give each store a Key Vault key and an identity allowed to use it: keyVaultKeyUri (Cosmos DB), encryption.cmk.key (Synapse), dataEncryption type \"AzureKeyVault\" with primaryKeyURI (PostgreSQL, MySQL; MariaDB has no customer-managed key, so its data moves to MySQL), encryption keySource \"Microsoft.KeyVault\" with keyVaultProperties (Event Hubs, Service Bus: Premium or Dedicated), a compute.DiskEncryptionSet referenced by disks, VM and scale set disks (managedDisk.diskEncryptionSet, under virtualMachineProfile.storageProfile on a scale set) and AKS clusters (diskEncryptionSetID), and the FHIR or DICOM service's key URL. Most of these are chosen when the resource is created.",
    unknowns:
        "An unknown key URI or encryption set id counts as set (a key created in the same update); an unknown enum (keySource, dataEncryption.type, encryption.type) or an unknown block that holds them is reported as unverified (advisory). A 2017-12-01 PostgreSQL or MySQL single server, whose key is a separate ServerKey, is reported as not verifiable.",
    types: unionOf(...STORES.map((s) => s.kinds)),
    checkResource(r, ctx) {
        if (!ctx.isPhi(r)) return;
        STORES.find((s) => s.kinds.has(r.type))?.check(r, ctx);
    },
};
