// Open doors: resource policies, object ACLs, instances and clusters that let outsiders in or
// leave credentials within reach. Each resource shows one control; expected/aws-doors.json lists
// the findings.
import * as aws from "@pulumi/aws";
import { records } from "./foundation";

const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];
const PUSH = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage"];

// aws-resource-policy-public: anyone may push and delete the API's images (a supply-chain door),
// and a queue of PHI jobs takes messages from any account, whose "condition" matches everyone.
new aws.ecr.RepositoryPolicy("records-api-images", {
    repository: "records-api",
    policy: { Version: "2012-10-17", Statement: [{ Sid: "ci", Effect: "Allow", Principal: "*", Action: [...PULL, ...PUSH] }] },
});
new aws.sqs.QueuePolicy("phi-jobs-policy", {
    queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/phi-jobs",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*", Condition: { StringLike: { "aws:SourceAccount": "*" } } }],
    }),
});

// aws-s3-public-access: a PHI export uploaded into the records bucket with a public-read object ACL.
new aws.s3.BucketObjectv2("records-export", { bucket: records.id, key: "exports/visits.csv", acl: "public-read", content: "visit_id,clinic\n", contentType: "text/csv" });

// aws-ec2-instance-identity: a worker whose metadata service answers IMDSv1 (an SSRF away from its
// role's credentials), and a launch template that gives its instances public addresses.
const CMK = "arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
new aws.ec2.Instance("records-worker", {
    ami: "ami-0a1b2c3d4e5f60718",
    instanceType: "t3.medium",
    subnetId: "subnet-0a1b2c3d",
    associatePublicIpAddress: false,
    metadataOptions: { httpTokens: "optional" },
    rootBlockDevice: { encrypted: true, kmsKeyId: CMK },
});
new aws.ec2.LaunchTemplate("records-workers", {
    imageId: "ami-0a1b2c3d4e5f60718",
    metadataOptions: { httpTokens: "required" },
    networkInterfaces: [{ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: "true" }],
});

// aws-eks-cluster: the Kubernetes API open to the internet, only API logs (no audit or
// authenticator trail), and secrets left to EKS's AWS-owned key.
new aws.eks.Cluster("records-platform", {
    roleArn: "arn:aws:iam::111122223333:role/eks-cluster",
    vpcConfig: { subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
    enabledClusterLogTypes: ["api"],
});
