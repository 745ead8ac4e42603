import { strict as assert } from "assert";
import { awsExfilSharedSnapshots as control } from "../../../../policies/aws/exfil/shared-snapshots";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { boundary, OUTSIDER, ownArn, TRUSTED } from "./fixtures";

const db: TestResource = { type: "aws:rds/instance:Instance", name: "records-db", props: { identifier: "records", storageEncrypted: true } };
const snap = (props: Record<string, unknown>, type = "aws:rds/snapshot:Snapshot", name = "snap"): TestResource => ({
    type,
    name,
    props: { dbInstanceIdentifier: unknown, dbSnapshotIdentifier: "records-1", ...props },
    propertyDependencies: { dbInstanceIdentifier: [urnOf(db)] },
});
const out = (r: TestResource, at: string) => ({ at, urn: urnOf(r) });
const CLEAN = { violations: [], unverified: [], urns: [] };

describe("aws-exfil-shared-snapshots", () => {
    it("flags a database snapshot shared with all and with an untrusted account", async () => {
        const s = snap({ sharedAccounts: ["all", OUTSIDER, TRUSTED] });
        const r = await runStack(control, [db, s], boundary);
        assertFindings(r, [out(s, "sharedAccounts[0]"), out(s, "sharedAccounts[1]")]);
        assert.match(r.violations[0], /every AWS account \(`all`\)/);
        assert.match(r.violations[1], /account 999988887777, outside/);
    });

    it("passes snapshots shared only with trusted accounts, and unshared ones", async () => {
        assert.deepEqual(await runStack(control, [db, snap({ sharedAccounts: [TRUSTED] }), snap({}, "aws:rds/snapshot:Snapshot", "plain")], boundary), CLEAN);
    });

    it("reads cluster snapshots and both kinds of copies", async () => {
        const cluster: TestResource = { type: "aws:rds/clusterSnapshot:ClusterSnapshot", name: "c", props: { dbClusterIdentifier: "x", dbClusterSnapshotIdentifier: "c1", sharedAccounts: [OUTSIDER] } };
        const copy: TestResource = { type: "aws:rds/snapshotCopy:SnapshotCopy", name: "copy", props: { sourceDbSnapshotIdentifier: "s", targetDbSnapshotIdentifier: "t", sharedAccounts: ["all"] } };
        const ccopy: TestResource = { type: "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", name: "ccopy", props: { sourceDbClusterSnapshotIdentifier: "s", targetDbClusterSnapshotIdentifier: "t", sharedAccounts: [OUTSIDER] } };
        assertFindings(await runStack(control, [cluster, copy, ccopy], boundary), [out(cluster, "sharedAccounts[0]"), out(copy, "sharedAccounts[0]"), out(ccopy, "sharedAccounts[0]")]);
    });

    it("flags an EBS snapshot volume permission for an outsider, following the snapshot to its PHI volume", async () => {
        const volume: TestResource = { type: "aws:ebs/volume:Volume", name: "vol", props: { encrypted: true, tags: { "data-classification": "phi" } } };
        const ebsSnap: TestResource = { type: "aws:ebs/snapshot:Snapshot", name: "vol-snap", props: { volumeId: unknown }, propertyDependencies: { volumeId: [urnOf(volume)] } };
        const perm: TestResource = { type: "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", name: "perm", props: { snapshotId: unknown, accountId: OUTSIDER }, propertyDependencies: { snapshotId: [urnOf(ebsSnap)] } };
        const settings = { settings: { ...boundary.settings, phiScope: "tagged" } };
        assertFindings(await runStack(control, [volume, ebsSnap, perm], settings), [out(perm, "accountId")]);
        const publicVolume = { ...volume, props: { encrypted: true, tags: { "data-classification": "public" } } };
        assert.deepEqual(await runStack(control, [publicVolume, ebsSnap, perm], settings), CLEAN);
    });

    it("flags image launch permissions for all, an outsider and an untrusted organization; passes a trusted organization", async () => {
        const perm = (props: Record<string, unknown>, name: string): TestResource => ({ type: "aws:ec2/amiLaunchPermission:AmiLaunchPermission", name, props: { imageId: "ami-1", ...props } });
        const pub = perm({ group: "all" }, "pub");
        const acct = perm({ accountId: OUTSIDER }, "acct");
        const org = perm({ organizationArn: `arn:aws:organizations::${OUTSIDER}:organization/o-zzzzzzzzzz` }, "org");
        const ours = perm({ organizationalUnitArn: `arn:aws:organizations::${OUTSIDER}:ou/o-abcdefghij/ou-ab12-cd34ef56` }, "ours");
        const settings = { settings: { ...boundary.settings, trustedAwsOrganizationIds: ["o-abcdefghij"] } };
        assertFindings(await runStack(control, [pub, acct, org, ours], settings), [out(pub, "group"), out(acct, "accountId"), out(org, "organizationArn")]);
    });

    it("says it could not verify shared accounts unknown at preview", async () => {
        const s = snap({ sharedAccounts: unknown });
        assertFindings(await runStack(control, [db, s], boundary), [{ ...out(s, "sharedAccounts"), outcome: "unverified" }]);
    });

    it("judges shared accounts held in a secret", async () => {
        const s = snap({ sharedAccounts: secret(["all"]) });
        assertFindings(await runStack(control, [db, s], boundary), [out(s, "sharedAccounts[0]")]);
    });

    it("judges accounts against the stack's own with nothing configured, and says once when it cannot", async () => {
        const s = snap({ sharedAccounts: [OUTSIDER] });
        assertFindings(await runStack(control, [db, s, ownArn()]), [out(s, "sharedAccounts[0]")]);
        const r = await runStack(control, [db, s, snap({ sharedAccounts: [TRUSTED, "all"] }, "aws:rds/snapshot:Snapshot", "other")]);
        assertFindings(r, [{ at: "trustedAwsAccountIds", outcome: "unverified" }, out(snap({}, "aws:rds/snapshot:Snapshot", "other"), "sharedAccounts[1]")]);
        assert.match(r.unverified[0], /2 shared snapshots and images name accounts/);
    });
});
