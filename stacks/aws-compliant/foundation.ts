import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** The customer-managed key that encrypts PHI at rest. */
export const phiKey = new aws.kms.Key("phi", {
    description: "Encrypts PHI at rest",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
});

// Its encryption, public access block, versioning, logging and policy come from aws-data.ts (harden).
export const records = new aws.s3.Bucket("records", { tags: { "data-classification": "phi" } });

new aws.iam.Policy("records-reader", {
    policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${records.arn}/*`] }],
    },
});
