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
