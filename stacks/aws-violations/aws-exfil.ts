// Exfiltration paths: PHI copied, shared or shipped to an account outside the organisation's
// boundary (policy-config.json trusts the stack's own accounts, 111122223333 and 123456789012).
// Each resource shows one control; expected/aws-exfil.json lists the findings.
import * as aws from "@pulumi/aws";
import { records } from "./foundation";
import { boundary } from "./aws-principals";

const OUTSIDER = "999988887777";

// aws-exfil-replication: the records bucket replicated into a partner's account.
new aws.s3.BucketReplicationConfig("records-to-partner", {
    bucket: records.id,
    role: "arn:aws:iam::111122223333:role/records-replication",
    rules: [
        {
            id: "everything",
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Disabled" },
            destination: {
                bucket: "arn:aws:s3:::partner-analytics-drop",
                account: OUTSIDER,
                accessControlTranslation: { owner: "Destination" },
                encryptionConfiguration: { replicaKmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" },
            },
        },
    ],
});

// aws-exfil-shared-snapshots: a database snapshot made public, an EBS snapshot shared with an outsider.
new aws.rds.Snapshot("records-db-export", { dbInstanceIdentifier: "records-db", dbSnapshotIdentifier: "records-db-export", sharedAccounts: ["all"] });
new aws.ec2.SnapshotCreateVolumePermission("worker-disk-share", { snapshotId: "snap-0a1b2c3d4e5f60718", accountId: OUTSIDER });

// aws-exfil-external-access: a role another account may assume with no external id, and a grant
// letting that account decrypt with a PHI key.
new aws.iam.Role("partner-etl", {
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: "sts:AssumeRole" }] },
    permissionsBoundary: boundary.arn,
    maxSessionDuration: 3600,
});
new aws.kms.Grant("records-key-partner", { keyId: "alias/records", granteePrincipal: `arn:aws:iam::${OUTSIDER}:role/etl`, operations: ["Decrypt", "DescribeKey"] });

// aws-exfil-log-shipping: application logs shipped to another account's log destination.
new aws.cloudwatch.LogSubscriptionFilter("app-logs-to-partner", {
    logGroup: "/phi/records-api",
    filterPattern: "",
    destinationArn: `arn:aws:logs:us-east-1:${OUTSIDER}:destination:collector`,
});

// aws-exfil-egress-paths: a public SFTP endpoint (its sessions are logged).
new aws.transfer.Server("partner-sftp", {
    protocols: ["SFTP"],
    identityProviderType: "SERVICE_MANAGED",
    structuredLogDestinations: ["arn:aws:logs:us-east-1:111122223333:log-group:/aws/transfer/partner-sftp:*"],
});
