// Doors kept shut: resource policies that name their principals or hold `*` to the organisation
// or one source, private objects, IMDSv2-only instances without public addresses, and a private
// EKS API with audit logs and encrypted secrets.
import * as aws from "@pulumi/aws";
import { phiKey, records } from "./foundation";

const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];
const PUSH = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage"];

// The organisation's accounts may pull the API's images; only the CI role may push them.
new aws.ecr.RepositoryPolicy("records-api-images", {
    repository: "records-api",
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Sid: "accounts-pull", Effect: "Allow", Principal: "*", Action: PULL, Condition: { StringEquals: { "aws:PrincipalAccount": ["111122223333", "123456789012"] } } },
            { Sid: "ci-push", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/records-api-ci" }, Action: [...PULL, ...PUSH] },
        ],
    },
});
// Only S3 may send to the PHI job queue, and only for the uploads bucket.
new aws.sqs.QueuePolicy("phi-jobs-policy", {
    queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/phi-jobs",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sqs:SendMessage", Resource: "*", Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:s3:::acme-phi-uploads" } } },
        ],
    }),
});

// A PHI export uploaded into the records bucket with no object ACL: the bucket owner's alone.
new aws.s3.BucketObjectv2("records-export", { bucket: records.id, key: "exports/visits.csv", content: "visit_id,clinic\n", contentType: "text/csv" });

// A PHI worker in a private subnet that requires IMDSv2, and a launch template that does the same.
new aws.ec2.Instance("records-worker", {
    ami: "ami-0a1b2c3d4e5f60718",
    instanceType: "t3.medium",
    subnetId: "subnet-0a1b2c3d",
    associatePublicIpAddress: false,
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
    rootBlockDevice: { encrypted: true, kmsKeyId: phiKey.arn },
});
new aws.ec2.LaunchTemplate("records-workers", {
    imageId: "ami-0a1b2c3d4e5f60718",
    metadataOptions: { httpTokens: "required" },
    networkInterfaces: [{ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: "false" }],
});

// A private Kubernetes API with audit and authenticator logs and secrets under the PHI key.
new aws.eks.Cluster("records-platform", {
    roleArn: "arn:aws:iam::111122223333:role/eks-cluster",
    vpcConfig: { subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], endpointPrivateAccess: true, endpointPublicAccess: false },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    encryptionConfig: { resources: ["secrets"], provider: { keyArn: phiKey.arn } },
});
