import { awsResourcePolicyPublic as control } from "../../../../policies/aws/resource/policy-public";
import { defineExamples, fails, iamDoc, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
const PUSH = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:BatchDeleteImage"];
const repoPolicy = (name: string, policy: unknown) => resource("aws:ecr/repositoryPolicy:RepositoryPolicy", name, { repository: "records-api", policy });
const topic = (name: string, policy: unknown) => resource("aws:sns/topic:Topic", name, { name, policy });

const orgPull = repoPolicy("records-api-policy", iamDoc({ Sid: "org-pull", Effect: "Allow", Principal: "*", Action: PULL, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } }));
const ciPush = repoPolicy("records-api-policy", iamDoc({ Sid: "ci-push", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: [...PULL, ...PUSH] }));
const anyonePush = repoPolicy("records-api-policy", iamDoc({ Sid: "ci-push", Effect: "Allow", Principal: "*", Action: [...PULL, ...PUSH] }));
const fromBucket = topic("uploads", iamDoc({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sns:Publish", Resource: "*", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::acme-uploads" } } }));
const anyAccount = topic("uploads", iamDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "*", Condition: { StringLike: { "aws:SourceAccount": "*" } } }));
const later = repoPolicy("records-api-policy", unknown);

export default defineExamples({
    control,
    passing: {
        baseline: { says: "only the organisation's accounts may pull the image", resources: [orgPull] },
        "ci-push": { says: "one CI role may push images", resources: [ciPush] },
        "bucket-notifications": { says: "S3 may publish to the topic, from one bucket", resources: [fromBucket] },
    },
    failing: {
        "anyone-pushes": { says: 'Principal "*" may push and delete images: anyone could replace what the workloads run', resources: [anyonePush], findings: [fails(anyonePush, "policy.Statement[0]")], from: "ci-push" },
        "wildcard-condition": { says: "a condition that matches every account restricts nobody", resources: [anyAccount], findings: [fails(anyAccount, "policy.Statement[0]")], from: "bucket-notifications" },
        "unknown-policy": { says: "a policy document unknown until the update", resources: [later], findings: [unverifiedAt(later, "policy")] },
    },
});
