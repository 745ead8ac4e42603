import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { isOneOf } from "../../lib/property-checks";
import { publicAccessDisabled } from "../../lib/azure/stores";
import { types } from "../../lib/type-tokens";
import { isUnknown } from "../../lib/values";

export const DISKS_AND_SNAPSHOTS = types("azure-native:compute:Disk", "azure-native:compute:Snapshot");

export const azExfilDiskExport: ResourceControl = {
    id: "az-exfil-disk-export",
    title: "PHI disks and snapshots cannot be exported from the internet",
    cloud: "azure",
    category: "data-exfiltration",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)")],
    description:
        "Anyone with rights to a managed disk or snapshot can generate a SAS download URL for its whole content; with network access AllowAll (the default) that URL works from any network, so a full copy of a PHI disk leaves in one request. Export must be denied or limited to a private disk access, and public network access disabled.",
    remediation:
        'Set networkAccessPolicy: "DenyAll" (or "AllowPrivate" with a diskAccessId of a disk access reached through a private endpoint) and publicNetworkAccess: "Disabled" on PHI disks and snapshots.',
    unknowns: "An unknown networkAccessPolicy or publicNetworkAccess is reported as unverified.",
    types: DISKS_AND_SNAPSHOTS,
    checkResource(disk, ctx) {
        if (!ctx.isPhi(disk)) return;
        const restricted = isOneOf(disk.props.networkAccessPolicy, "DenyAll", "AllowPrivate");
        if (isUnknown(restricted)) ctx.unverified("networkAccessPolicy");
        else if (!restricted) {
            ctx.fail({
                problem: "the disk can be exported through a SAS URL from any network (networkAccessPolicy AllowAll, the default)",
                at: "networkAccessPolicy",
                fix: 'set networkAccessPolicy: "DenyAll", or "AllowPrivate" with a diskAccessId',
            });
        }
        const disabled = publicAccessDisabled(disk.props.publicNetworkAccess);
        if (isUnknown(disabled)) ctx.unverified("publicNetworkAccess");
        else if (!disabled) {
            ctx.fail({ problem: "the disk's export and import are reachable from public networks", at: "publicNetworkAccess", fix: 'set publicNetworkAccess: "Disabled"' });
        }
    },
};
