import { awsExfilSharedSnapshots as control } from "../../../../policies/aws/exfil/shared-snapshots";
import { change, defineExamples, fails, linked, resource } from "../../../examples";
import { boundary, OUTSIDER, TRUSTED } from "./fixtures";

const db = resource("aws:rds/instance:Instance", "records-db", { engine: "postgres", instanceClass: "db.t4g.medium", allocatedStorage: 20, storageEncrypted: true });
const snapshot = linked("aws:rds/snapshot:Snapshot", "records-snapshot", "dbInstanceIdentifier", db, { dbSnapshotIdentifier: "records-before-migration", sharedAccounts: [TRUSTED] });
const image = resource("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "worker-image-share", { imageId: "ami-0abcdef1234567890", accountId: TRUSTED });
const baseline = [db, snapshot, image];
const everyone = change(baseline, "records-snapshot", { sharedAccounts: ["all"] });
const outsider = change(baseline, "records-snapshot", { sharedAccounts: [OUTSIDER] });
const publicImage = change(baseline, "worker-image-share", { accountId: undefined, group: "all" });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a database snapshot and an image shared only with a trusted account", resources: baseline, options: boundary },
    },
    failing: {
        "shared-with-all": { says: "a PHI database snapshot shared with every AWS account", resources: everyone, options: boundary, findings: [fails(snapshot, "sharedAccounts[0]")] },
        "shared-with-outsider": { says: "a PHI database snapshot shared with an account outside the boundary", resources: outsider, options: boundary, findings: [fails(snapshot, "sharedAccounts[0]")] },
        "public-image": { says: "an image made public through the launch permission group `all`", resources: publicImage, options: boundary, findings: [fails(image, "group")] },
    },
});
