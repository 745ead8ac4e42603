import { azStorageCmk as control } from "../../../../policies/azure/storage/cmk";
import { defineExamples, fails, resource } from "../../../examples";

const CMK = { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "storage-cmk", keyVaultUri: "https://phi-kv.vault.azure.net" }, requireInfrastructureEncryption: true };
const account = (encryption: object) => resource("azure-native:storage:StorageAccount", "records", { resourceGroupName: "rg-phi", kind: "StorageV2", sku: { name: "Standard_ZRS" }, encryption });
const msKeys = account({ keySource: "Microsoft.Storage", requireInfrastructureEncryption: true });
const noInfra = account({ ...CMK, requireInfrastructureEncryption: false });

export default defineExamples({
    control,
    passing: { baseline: { says: "a Key Vault key and infrastructure encryption", resources: [account(CMK)] } },
    failing: {
        "microsoft-managed-key": { says: "Microsoft-managed keys", resources: [msKeys], findings: [fails(msKeys, "encryption.keySource")] },
        "no-infrastructure-encryption": { says: "no second layer of encryption", resources: [noInfra], findings: [fails(noInfra, "encryption.requireInfrastructureEncryption")] },
    },
});
