import { strict as assert } from "assert";
import { azDatastoreCmk as control } from "../../../../policies/azure/datastore/cmk";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";
import { sdkHasInput } from "../../lib/sdk-types";

const KEY = "https://kv-phi.vault.azure.net/keys/records";
const SET = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des";
const clean = { violations: [], unverified: [], urns: [] };
const run = (type: string, props: Record<string, unknown>, settings?: Record<string, unknown>) => runResource(control, { type, props }, settings ? { settings } : {});

describe("az-datastore-cmk", () => {
    it("flags a store encrypted with a platform-managed key, saying so, not that it is unencrypted", async () => {
        const r = await run("azure-native:cosmosdb:DatabaseAccount", {});
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /the database account is encrypted with a platform-managed key, not a customer-managed one at keyVaultKeyUri/);
        assert.doesNotMatch(r.violations[0], /not encrypted/);
    });

    it("passes a Cosmos DB account with a key URI under both module names, a versioned token, a secret or an unknown URI", async () => {
        for (const type of ["azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount", "azure-native:documentdb/v20240515:DatabaseAccount"]) {
            assert.deepEqual(await run(type, { keyVaultKeyUri: KEY }), clean, type);
        }
        assert.deepEqual(await run("azure-native:cosmosdb:DatabaseAccount", { keyVaultKeyUri: secret(KEY) }), clean);
        assert.deepEqual(await run("azure-native:cosmosdb:DatabaseAccount", { keyVaultKeyUri: unknown }), clean);
        assertFindings(await run("azure-native:cosmosdb:DatabaseAccount", { keyVaultKeyUri: " " }), [{ at: "keyVaultKeyUri" }]);
    });

    it("judges a Synapse workspace's encryption.cmk key, and reports an unknown cmk block as unverified", async () => {
        const W = "azure-native:synapse:Workspace";
        assert.deepEqual(await run(W, { encryption: { cmk: { key: { name: "k", keyVaultUrl: KEY } } } }), clean);
        assertFindings(await run(W, { encryption: {} }), [{ at: "encryption.cmk" }]);
        assertFindings(await run(W, { encryption: { cmk: { key: { name: "k" } } } }), [{ at: "encryption.cmk.key.keyVaultUrl" }]);
        assertFindings(await run("azure-native:synapse/v20210601:Workspace", { encryption: { cmk: unknown } }), [{ at: "encryption.cmk", outcome: "unverified" }]);
    });

    it("judges PostgreSQL and MySQL flexible servers by dataEncryption, in any case", async () => {
        for (const type of ["azure-native:dbforpostgresql:Server", "azure-native:dbformysql:Server", "azure-native:dbformysql/v20230630:Server"]) {
            assert.deepEqual(await run(type, { dataEncryption: { type: "azurekeyvault", primaryKeyURI: unknown } }), clean, type);
            assertFindings(await run(type, {}), [{ at: "dataEncryption.type" }]);
            assertFindings(await run(type, { dataEncryption: { type: "SystemManaged" } }), [{ at: "dataEncryption.type" }]);
            assertFindings(await run(type, { dataEncryption: { type: "AzureKeyVault" } }), [{ at: "dataEncryption.primaryKeyURI" }]);
            assertFindings(await run(type, { dataEncryption: { type: unknown } }), [{ at: "dataEncryption.type", outcome: "unverified" }]);
        }
    });

    it("flags a MariaDB server in any token version: Azure Database for MariaDB cannot use a customer-managed key", async () => {
        for (const type of ["azure-native:dbformariadb:Server", "azure-native:dbformariadb/v20180601:Server"]) {
            const r = await run(type, { properties: { createMode: "Default", administratorLogin: "dba", administratorLoginPassword: secret("Hunter2-very-secret") } });
            assertFindings(r, [{ at: "properties" }]);
            assert.match(r.violations[0], /the MariaDB server is encrypted with a platform-managed key, not a customer-managed one at properties: move the data to a MySQL flexible server/);
            assert.doesNotMatch(r.violations[0], /Hunter2/);
        }
        assert.deepEqual(await run("azure-native:dbformariadb:Server", { properties: unknown }, { phiScope: "tagged" }), clean);
    });

    it("says it cannot tell for a 2017-12-01 single server, whose key is a separate ServerKey, under its versioned Server token and 3.x SingleServer token", async () => {
        for (const type of ["azure-native:dbforpostgresql/v20171201:Server", "azure-native:dbforpostgresql:SingleServer", "azure-native:dbformysql:SingleServer", "azure-native:dbformysql/v20171201:SingleServer"]) {
            assertFindings(await run(type, { properties: { createMode: "Default" } }), [{ at: "dataEncryption", outcome: "unverified" }]);
        }
    });

    it("judges Event Hubs and Service Bus namespaces by keySource and their key", async () => {
        for (const type of ["azure-native:eventhub:Namespace", "azure-native:servicebus:Namespace"]) {
            const kv = { keySource: "Microsoft.KeyVault", keyVaultProperties: [{ keyName: "k", keyVaultUri: "https://kv.vault.azure.net" }] };
            assert.deepEqual(await run(type, { encryption: kv }), clean, type);
            assert.deepEqual(await run(type, { encryption: { ...kv, keyVaultProperties: [unknown] } }), clean, type);
            assertFindings(await run(type, {}), [{ at: "encryption.keySource" }]);
            assertFindings(await run(type, { encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: [] } }), [{ at: "encryption.keyVaultProperties" }]);
            assertFindings(await run(type, { encryption: unknown }), [{ at: "encryption", outcome: "unverified" }]);
            assertFindings(await run(type, { encryption: { keySource: unknown } }), [{ at: "encryption.keySource", outcome: "unverified" }]);
        }
    });

    it("judges a managed disk by its encryption type and disk encryption set", async () => {
        const D = "azure-native:compute:Disk";
        for (const type of ["EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys"]) {
            assert.deepEqual(await run(D, { encryption: { type, diskEncryptionSetId: SET } }), clean, type);
        }
        assert.deepEqual(await run(D, { encryption: { diskEncryptionSetId: SET } }), clean);
        assert.deepEqual(await run(D, { securityProfile: { securityType: "ConfidentialVM_DiskEncryptedWithCustomerKey", secureVMDiskEncryptionSetId: SET } }), clean);
        assertFindings(await run(D, {}), [{ at: "encryption.diskEncryptionSetId" }]);
        assertFindings(await run(D, { encryption: { type: "EncryptionAtRestWithPlatformKey", diskEncryptionSetId: SET } }), [{ at: "encryption.type" }]);
        assertFindings(await run("azure-native:compute/v20240302:Disk", { encryption: { type: unknown } }), [{ at: "encryption.type", outcome: "unverified" }]);
    });

    it("judges the disks a VM creates, not those it attaches or keeps in a storage account", async () => {
        const VM = "azure-native:compute:VirtualMachine";
        const own = { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: unknown } } };
        assert.deepEqual(await run(VM, { storageProfile: { osDisk: own, dataDisks: [{ lun: 0, createOption: "Attach", managedDisk: { id: "d" } }] } }), clean);
        assert.deepEqual(await run(VM, { storageProfile: { osDisk: { createOption: "FromImage", vhd: { uri: "https://acct.blob.core.windows.net/vhds/os.vhd" } } } }), clean);
        assert.deepEqual(await run(VM, { storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { securityProfile: { diskEncryptionSet: { id: SET } } } } } }), clean);
        assertFindings(await run(VM, { storageProfile: { osDisk: { createOption: "FromImage" }, dataDisks: [{ lun: 0, createOption: "Empty" }, { lun: 1, createOption: "Attach" }] } }), [
            { at: "storageProfile.osDisk.managedDisk.diskEncryptionSet" },
            { at: "storageProfile.dataDisks[0].managedDisk.diskEncryptionSet" },
        ]);
        assertFindings(await run(VM, { storageProfile: unknown }), [{ at: "storageProfile", outcome: "unverified" }]);
        assertFindings(await run(VM, { storageProfile: { osDisk: { createOption: unknown }, dataDisks: unknown } }), [
            { at: "storageProfile.osDisk.createOption", outcome: "unverified" },
            { at: "storageProfile.dataDisks", outcome: "unverified" },
        ]);
    });

    it("judges the disks a scale set's VM profile gives every VM, under virtualMachineProfile.storageProfile, in any token version", async () => {
        const SS = "azure-native:compute:VirtualMachineScaleSet";
        const P = "virtualMachineProfile.storageProfile";
        const own = { createOption: "FromImage", managedDisk: { diskEncryptionSet: { id: unknown } } };
        for (const type of [SS, "azure-native:compute/v20240701:VirtualMachineScaleSet"]) {
            assert.deepEqual(await run(type, { virtualMachineProfile: { storageProfile: { osDisk: own, dataDisks: [{ lun: 0, createOption: "Empty", managedDisk: { diskEncryptionSet: { id: SET } } }] } } }), clean, type);
            const r = await run(type, { virtualMachineProfile: { storageProfile: { osDisk: { createOption: "FromImage", managedDisk: { storageAccountType: "Premium_LRS" } }, dataDisks: [{ lun: 0, createOption: "Empty" }] } } });
            assertFindings(r, [{ at: `${P}.osDisk.managedDisk.diskEncryptionSet` }, { at: `${P}.dataDisks[0].managedDisk.diskEncryptionSet` }]);
            assert.match(r.violations[0], /the disk of every VM of the scale set is encrypted with a platform-managed key/);
        }
        // Unmanaged OS disks in storage-account containers are az-storage-cmk's; a scale set with no VM profile creates no disk.
        assert.deepEqual(await run(SS, { virtualMachineProfile: { storageProfile: { osDisk: { createOption: "FromImage", vhdContainers: ["https://acct.blob.core.windows.net/vhds"] } } } }), clean);
        assert.deepEqual(await run(SS, { orchestrationMode: "Flexible" }), clean);
        assertFindings(await run(SS, { virtualMachineProfile: unknown }), [{ at: "virtualMachineProfile", outcome: "unverified" }]);
        assertFindings(await run(SS, { virtualMachineProfile: { storageProfile: unknown } }), [{ at: P, outcome: "unverified" }]);
        assertFindings(await run(SS, { virtualMachineProfile: { storageProfile: { osDisk: { createOption: "FromImage", managedDisk: unknown } } } }), [{ at: `${P}.osDisk.managedDisk`, outcome: "unverified" }]);
    });

    it("honours the PHI scope for a scale set", async () => {
        const props = { virtualMachineProfile: { storageProfile: { osDisk: { createOption: "FromImage" } } } };
        assert.deepEqual(await run("azure-native:compute:VirtualMachineScaleSet", props, { phiScope: "tagged" }), clean);
        assertFindings(await run("azure-native:compute:VirtualMachineScaleSet", { ...props, tags: { "data-classification": "phi" } }, { phiScope: "tagged" }), [
            { at: "virtualMachineProfile.storageProfile.osDisk.managedDisk.diskEncryptionSet" },
        ]);
    });

    it("judges an AKS cluster's node disks by diskEncryptionSetID", async () => {
        assert.deepEqual(await run("azure-native:containerservice:ManagedCluster", { diskEncryptionSetID: SET }), clean);
        assertFindings(await run("azure-native:containerservice/v20240701:ManagedCluster", {}), [{ at: "diskEncryptionSetID" }]);
    });

    it("judges Azure API for FHIR and the Health Data Services FHIR and DICOM services", async () => {
        const legacy = "azure-native:healthcareapis:Service";
        assert.deepEqual(await run(legacy, { kind: "fhir-R4", properties: { cosmosDbConfiguration: { keyVaultKeyUri: KEY } } }), clean);
        assertFindings(await run(legacy, { kind: "fhir-R4", properties: { cosmosDbConfiguration: { offerThroughput: 400 } } }), [{ at: "properties.cosmosDbConfiguration.keyVaultKeyUri" }]);
        for (const type of ["azure-native:healthcareapis:FhirService", "azure-native:healthcareapis:DicomService"]) {
            assert.deepEqual(await run(type, { encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: KEY } } }), clean, type);
            assertFindings(await run(type, {}), [{ at: "encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl" }]);
        }
    });

    it("reads inputs that @pulumi/azure-native 3.28 declares", () => {
        const inputs: [string, string][] = [
            ["azure-native:cosmosdb:DatabaseAccount", "keyVaultKeyUri"],
            ["azure-native:synapse:Workspace", "encryption"],
            ["azure-native:dbforpostgresql:Server", "dataEncryption"],
            ["azure-native:dbformysql:Server", "dataEncryption"],
            ["azure-native:dbformariadb:Server", "properties"],
            ["azure-native:eventhub:Namespace", "encryption"],
            ["azure-native:servicebus:Namespace", "encryption"],
            ["azure-native:compute:Disk", "encryption"],
            ["azure-native:compute:Disk", "securityProfile"],
            ["azure-native:compute:VirtualMachine", "storageProfile"],
            ["azure-native:compute:VirtualMachineScaleSet", "virtualMachineProfile"],
            ["azure-native:containerservice:ManagedCluster", "diskEncryptionSetID"],
            ["azure-native:healthcareapis:Service", "properties"],
            ["azure-native:healthcareapis:FhirService", "encryption"],
            ["azure-native:healthcareapis:DicomService", "encryption"],
        ];
        for (const [token, prop] of inputs) assert.ok(sdkHasInput(token, prop), `${token} ${prop}`);
    });

    it("honours the PHI scope", async () => {
        assert.deepEqual(await run("azure-native:compute:Disk", {}, { phiScope: "tagged" }), clean);
        assertFindings(await run("azure-native:compute:Disk", { tags: { "data-classification": "phi" } }, { phiScope: "tagged" }), [{ at: "encryption.diskEncryptionSetId" }]);
    });
});
