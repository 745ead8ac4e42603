import { strict as assert } from "assert";
import { azExfilDiskExport as control } from "../../../../policies/azure/exfil/disk-export";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const DISK = "azure-native:compute:Disk";
const SNAPSHOT = "azure-native:compute:Snapshot";
const clean = { violations: [], unverified: [], urns: [] };

describe("az-exfil-disk-export", () => {
    it("passes DenyAll or AllowPrivate with public access disabled, in any case, on disks, snapshots and versioned tokens", async () => {
        for (const type of [DISK, SNAPSHOT, "azure-native:compute/v20240302:Disk"]) {
            assert.deepEqual(await runResource(control, { type, props: { networkAccessPolicy: "denyall", publicNetworkAccess: "Disabled" } }), clean);
            assert.deepEqual(await runResource(control, { type, props: { networkAccessPolicy: "AllowPrivate", diskAccessId: unknown, publicNetworkAccess: "DISABLED" } }), clean);
        }
    });

    it("flags the defaults (AllowAll, public access enabled) on a snapshot", async () => {
        assertFindings(await runResource(control, { type: SNAPSHOT, props: {} }), [{ at: "networkAccessPolicy" }, { at: "publicNetworkAccess" }]);
    });

    it("flags AllowAll and public network access given explicitly, without echoing a secret value", async () => {
        const r = await runResource(control, { type: DISK, props: { networkAccessPolicy: secret("AllowAll"), publicNetworkAccess: "Enabled" } });
        assertFindings(r, [{ at: "networkAccessPolicy" }, { at: "publicNetworkAccess" }]);
    });

    it("reports unknown values as unverified", async () => {
        assertFindings(await runResource(control, { type: DISK, props: { networkAccessPolicy: unknown, publicNetworkAccess: unknown } }), [
            { at: "networkAccessPolicy", outcome: "unverified" },
            { at: "publicNetworkAccess", outcome: "unverified" },
        ]);
    });

    it("honours the PHI scope", async () => {
        assert.deepEqual(await runResource(control, { type: DISK, props: {} }, { settings: { phiScope: "tagged" } }), clean);
    });
});
