import { azStoragePublic as control } from "../../../../policies/azure/storage/public";
import { change, defineExamples, fails, linked, resource } from "../../../examples";

const account = resource("azure-native:storage:StorageAccount", "records", { resourceGroupName: "rg-phi", kind: "StorageV2", sku: { name: "Standard_ZRS" }, allowBlobPublicAccess: false, allowSharedKeyAccess: false, publicNetworkAccess: "Disabled" });
const container = linked("azure-native:storage:BlobContainer", "scans", "accountName", account, { resourceGroupName: "rg-phi", publicAccess: "None" });
const baseline = [account, container];
const blobPublic = change(baseline, "records", { allowBlobPublicAccess: true });
const containerPublic = change(baseline, "scans", { publicAccess: "Blob" });
const sharedKey = change(baseline, "records", { allowSharedKeyAccess: true });

export default defineExamples({
    control,
    passing: { baseline: { says: "no anonymous blob access, no shared keys, no public network", resources: baseline } },
    failing: {
        "blob-public-access": { says: "anonymous blob access allowed on the account", resources: blobPublic, findings: [fails(blobPublic[0], "allowBlobPublicAccess")] },
        "public-container": { says: "a container whose blobs anyone can read", resources: containerPublic, findings: [fails(containerPublic[1], "publicAccess")] },
        "shared-key": { says: "shared-key access allowed", resources: sharedKey, findings: [fails(sharedKey[0], "allowSharedKeyAccess")] },
    },
});
