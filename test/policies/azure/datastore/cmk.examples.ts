import { azDatastoreCmk as control } from "../../../../policies/azure/datastore/cmk";
import { change, defineExamples, fails, resource } from "../../../examples";

const VAULT = "https://kv-phi.vault.azure.net";
const KEY = `${VAULT}/keys/records`;
const SET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-phi/providers/Microsoft.Compute/diskEncryptionSets/des-phi";
const IDENTITY = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-phi/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-phi";

const cosmos = resource("azure-native:cosmosdb:DatabaseAccount", "records-cosmos", {
    resourceGroupName: "rg-phi",
    databaseAccountOfferType: "Standard",
    locations: [{ locationName: "westeurope" }],
    keyVaultKeyUri: KEY,
});
const synapse = resource("azure-native:synapse:Workspace", "records-synapse", {
    resourceGroupName: "rg-phi",
    encryption: { cmk: { key: { name: "records", keyVaultUrl: KEY } } },
});
const postgres = resource("azure-native:dbforpostgresql:Server", "records-pg", {
    resourceGroupName: "rg-phi",
    identity: { type: "UserAssigned", userAssignedIdentities: { [IDENTITY]: {} } },
    dataEncryption: { type: "AzureKeyVault", primaryKeyURI: KEY, primaryUserAssignedIdentityId: IDENTITY },
});
const eventhub = resource("azure-native:eventhub:Namespace", "records-events", {
    resourceGroupName: "rg-phi",
    sku: { name: "Premium" },
    encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "records", keyVaultUri: VAULT }] },
});
const disk = resource("azure-native:compute:Disk", "records-disk", {
    resourceGroupName: "rg-phi",
    creationData: { createOption: "Empty" },
    diskSizeGB: 256,
    encryption: { type: "EncryptionAtRestWithCustomerKey", diskEncryptionSetId: SET },
});
const vm = resource("azure-native:compute:VirtualMachine", "records-vm", {
    resourceGroupName: "rg-phi",
    storageProfile: {
        osDisk: { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: SET } } },
        dataDisks: [{ lun: 0, createOption: "Empty", diskSizeGB: 128, managedDisk: { diskEncryptionSet: { id: SET } } }],
    },
});
const aks = resource("azure-native:containerservice:ManagedCluster", "records-aks", { resourceGroupName: "rg-phi", diskEncryptionSetID: SET });
const fhir = resource("azure-native:healthcareapis:FhirService", "records-fhir", {
    resourceGroupName: "rg-phi",
    workspaceName: "records",
    kind: "fhir-R4",
    encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: KEY } },
});
const baseline = [cosmos, synapse, postgres, eventhub, disk, vm, aks, fhir];

export default defineExamples({
    control,
    passing: {
        baseline: { says: "every store names a Key Vault key or a disk encryption set", resources: baseline },
        "attached-disk": {
            says: "a VM's attached disk is a compute.Disk of its own, judged there",
            resources: change(baseline, "records-vm", { storageProfile: { osDisk: { createOption: "Attach", managedDisk: { id: "/subscriptions/0/disks/os" } } } }),
        },
    },
    failing: {
        "cosmos-service-key": {
            says: "without keyVaultKeyUri the account is encrypted with a platform-managed key",
            resources: change(baseline, "records-cosmos", { keyVaultKeyUri: undefined }),
            findings: [fails(cosmos, "keyVaultKeyUri")],
        },
        "synapse-no-cmk": {
            says: "a workspace without encryption.cmk",
            resources: change(baseline, "records-synapse", { encryption: undefined }),
            findings: [fails(synapse, "encryption.cmk")],
        },
        "postgres-system-managed": {
            says: "dataEncryption type SystemAssigned is the platform key",
            resources: change(baseline, "records-pg", { dataEncryption: { type: "SystemAssigned" } }),
            findings: [fails(postgres, "dataEncryption.type")],
        },
        "eventhub-default": {
            says: "a namespace without encryption uses the platform key",
            resources: change(baseline, "records-events", { encryption: undefined }),
            findings: [fails(eventhub, "encryption.keySource")],
        },
        "disk-platform-key": {
            says: "EncryptionAtRestWithPlatformKey, the default",
            resources: change(baseline, "records-disk", { encryption: { type: "EncryptionAtRestWithPlatformKey" } }),
            findings: [fails(disk, "encryption.type")],
        },
        "vm-os-disk": {
            says: "the OS disk the VM creates names no disk encryption set",
            resources: change(baseline, "records-vm", { storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } } } }),
            findings: [fails(vm, "storageProfile.osDisk.managedDisk.diskEncryptionSet")],
        },
        "aks-node-disks": {
            says: "a cluster without diskEncryptionSetID",
            resources: change(baseline, "records-aks", { diskEncryptionSetID: undefined }),
            findings: [fails(aks, "diskEncryptionSetID")],
        },
        "fhir-service-key": {
            says: "a FHIR service without a key URL",
            resources: change(baseline, "records-fhir", { encryption: undefined }),
            findings: [fails(fhir, "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl")],
        },
    },
});
