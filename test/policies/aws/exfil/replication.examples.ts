import { awsExfilReplication as control } from "../../../../policies/aws/exfil/replication";
import { change, defineExamples, fails, resource } from "../../../examples";
import { urnOf } from "../../../harness";
import { boundary, OUTSIDER, TRUSTED } from "./fixtures";

const records = resource("aws:s3/bucket:Bucket", "records", { bucket: "acme-records" });
const replica = resource("aws:s3/bucket:Bucket", "records-replica", { bucket: "acme-records-replica" });
const rule = (destination: object) => ({ id: "all", status: "Enabled", filter: {}, deleteMarkerReplication: { status: "Disabled" }, destination });
const config = (destination: object) =>
    resource(
        "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "records-replication",
        { bucket: "acme-records", role: "arn:aws:iam::111122223333:role/replication", rules: [rule(destination)] },
        { propertyDependencies: { bucket: [urnOf(records)] } },
    );
const trustedKey = `arn:aws:kms:us-east-1:${TRUSTED}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const baseline = [records, replica, config({ bucket: "arn:aws:s3:::acme-records-dr", account: TRUSTED, encryptionConfiguration: { replicaKmsKeyId: trustedKey } })];
const outsider = change(baseline, "records-replication", { rules: [rule({ bucket: "arn:aws:s3:::partner-drop", account: OUTSIDER, accessControlTranslation: { owner: "Destination" }, encryptionConfiguration: { replicaKmsKeyId: trustedKey } })] });
const noKey = change(baseline, "records-replication", { rules: [rule({ bucket: "arn:aws:s3:::acme-records-dr", account: TRUSTED })] });
const foreignKey = change(baseline, "records-replication", { rules: [rule({ bucket: "arn:aws:s3:::acme-records-dr", account: TRUSTED, encryptionConfiguration: { replicaKmsKeyId: `arn:aws:kms:us-east-1:${OUTSIDER}:key/x` } })] });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "replication into a trusted account's bucket, replicas under that account's customer-managed key", resources: baseline, options: boundary },
        "own-bucket": {
            says: "replication into another bucket of the same stack, named by its ARN",
            resources: [records, replica, config({ bucket: "arn:aws:s3:::acme-records-replica", encryptionConfiguration: { replicaKmsKeyId: trustedKey } })],
            options: boundary,
        },
    },
    failing: {
        "outside-account": { says: "replication into a bucket of an account outside the boundary", resources: outsider, options: boundary, findings: [fails(baseline[2], "rules[0].destination.account")] },
        "no-replica-key": { says: "replicas not encrypted with a customer-managed key", resources: noKey, options: boundary, findings: [fails(baseline[2], "rules[0].destination")] },
        "outside-key": { says: "replicas encrypted with a key another account holds", resources: foreignKey, options: boundary, findings: [fails(baseline[2], "rules[0].destination")] },
    },
});
