import { azExfilDiskExport as control } from "../../../../policies/azure/exfil/disk-export";
import { change, defineExamples, fails, resource } from "../../../examples";

const disk = resource("azure-native:compute:Disk", "records-data", {
    resourceGroupName: "rg-phi",
    creationData: { createOption: "Empty" },
    diskSizeGB: 256,
    networkAccessPolicy: "DenyAll",
    publicNetworkAccess: "Disabled",
});
const baseline = [disk];

export default defineExamples({
    control,
    passing: { baseline: { says: "the PHI disk cannot be exported and is not reachable from public networks", resources: baseline } },
    failing: {
        defaults: {
            says: "neither is set: export from any network (AllowAll) and public network access are the defaults",
            resources: change(baseline, "records-data", { networkAccessPolicy: undefined, publicNetworkAccess: undefined }),
            findings: [fails(disk, "networkAccessPolicy"), fails(disk, "publicNetworkAccess")],
        },
        "allow-all": {
            says: "a SAS export URL works from any network",
            resources: change(baseline, "records-data", { networkAccessPolicy: "AllowAll" }),
            findings: [fails(disk, "networkAccessPolicy")],
        },
    },
});
