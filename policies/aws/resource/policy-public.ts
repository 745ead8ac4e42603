import type { ResourceControl } from "../../control";
import { allowsEveryone } from "../../lib/aws/conditions";
import { forEachAllowStatement } from "../../lib/aws/documents";
import { RESOURCE_POLICY_PROPS } from "../../lib/aws/rights";
import { prowler } from "../../lib/hipaa";
import { grantsAction, Statement } from "../../lib/iam-document";
import { canonicalType, types } from "../../lib/type-tokens";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedPublicResources: string[];
}

/**
 * Resource policies whose public (`*`) case another control owns, so that nothing is reported
 * twice: bucket policies are judged with the bucket's ACLs and public access block, key policies
 * with the key's administrators, role trusts with their federation conditions. A Lambda
 * permission for `*` (not a document) is aws-lambda-url-auth's, and a named outside account is
 * aws-exfil-external-access's.
 */
export const PUBLIC_CASE_OWNERS: Readonly<Record<string, string>> = {
    "aws:s3/bucketPolicy:BucketPolicy": "aws-s3-public-access",
    "aws:kms/key:Key": "aws-kms-key-policy",
    "aws:kms/keyPolicy:KeyPolicy": "aws-kms-key-policy",
    "aws:iam/role:Role": "aws-iam-trust-policy",
    "aws-native:s3:BucketPolicy": "aws-s3-public-access",
    "aws-native:kms:Key": "aws-kms-key-policy",
    "aws-native:iam:Role": "aws-iam-trust-policy",
};

const JUDGED = Object.keys(RESOURCE_POLICY_PROPS).filter((t) => !(t in PUBLIC_CASE_OWNERS));

/** What everyone could reach, by service (the module of the type token). */
const REACHES: Readonly<Record<string, string>> = {
    ecr: "this container repository",
    ecrpublic: "this public container repository",
    dynamodb: "this table",
    kinesis: "this stream",
    sqs: "this queue",
    sns: "this topic",
    secretsmanager: "this secret",
    opensearch: "this search domain",
    elasticsearch: "this search domain",
    efs: "this file system",
    backup: "this backup vault",
    glacier: "this archive vault",
    glue: "this account's data catalog",
    cloudwatch: "this event bus",
};

const ECR_PUBLIC = "aws:ecrpublic/repositoryPolicy:RepositoryPolicy";

/** ECR actions that change what a repository serves: whoever holds them decides what the workloads run. */
const IMAGE_WRITES = ["PutImage", "InitiateLayerUpload", "CompleteLayerUpload", "BatchDeleteImage", "SetRepositoryPolicy"].flatMap((a) => [`ecr:${a}`, `ecr-public:${a}`]);

const writesImages = (s: Statement) => IMAGE_WRITES.some((a) => grantsAction(s, a) === true);

function problem(type: string, s: Statement): string {
    const reaches = REACHES[type.split(":")[1].split("/")[0]] ?? "this resource";
    const who = s.notPrincipal !== undefined ? "Allow with NotPrincipal opens" : 'Allow to Principal "*" without a condition that restricts the caller opens';
    const supplyChain = writesImages(s) ? ", including pushing or deleting images (anyone could replace what the workloads run)" : "";
    return `${who} ${reaches} to everyone${supplyChain}`;
}

export const awsResourcePolicyPublic: ResourceControl<Config> = {
    id: "aws-resource-policy-public",
    title: "Resource policies do not open repositories, queues, topics, secrets or tables to everyone",
    cloud: "aws",
    category: "public-exposure",
    severity: "critical",
    hipaa: [prowler("164.312(a)(1)")],
    description:
        'A resource policy that allows Principal "*" (or uses NotPrincipal) without a condition that restricts the caller lets any AWS account read a queue, topic, secret, table, stream, file system, backup vault or search domain, or push and delete images in a container repository that workloads run. It covers ECR (private, and pushes to public repositories), SQS, SNS, Secrets Manager, DynamoDB, Kinesis, OpenSearch (and Elasticsearch), EFS, Backup, Glacier, the Glue Data Catalog and EventBridge event buses (where anyone could put events that trigger the workloads); bucket, key and role-trust policies are judged by aws-s3-public-access, aws-kms-key-policy and aws-iam-trust-policy, Lambda permissions by aws-lambda-url-auth, and named outside accounts by aws-exfil-external-access.',
    remediation:
        "Name the principals (roles or accounts of the organisation) in each Allow statement, or keep the `*` principal and restrict the caller with a condition that excludes outsiders: aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn or aws:SourceOwner for a service, aws:SourceVpce or aws:SourceVpc for private access, aws:SourceIp for a domain reached over fixed addresses. Never allow ecr:PutImage, layer uploads or ecr:BatchDeleteImage to `*`.",
    unknowns:
        "A policy document, Effect, Principal or Condition unknown at preview is reported as unverified (advisory), as is a restricting condition whose only values are unknown; a document that cannot be parsed is a violation, since nobody can tell what it allows.",
    config: {
        allowedPublicResources: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Pulumi names of policy resources (or queues, topics, secrets, domains and vaults with an inline policy) reviewed to be public, e.g. an SNS topic that takes notifications from any account by design.",
        },
    },
    types: types(...JUDGED),
    checkResource(r, ctx) {
        if (ctx.config.allowedPublicResources.includes(r.name)) return;
        const type = canonicalType(r.type);
        const prop = RESOURCE_POLICY_PROPS[type];
        const doc = r.props[prop];
        // An inline policy left out (or empty) means no resource policy: only the owner account's IAM grants apply.
        if (doc === "") return;
        forEachAllowStatement([{ at: prop, doc, holder: r.props }], ctx, (s, where) => {
            // A public repository serves its images to everyone by design: only writing to it is a door.
            if (type === ECR_PUBLIC && !writesImages(s) && !isUnknown(s.actions) && !isUnknown(s.notActions)) return;
            const open = allowsEveryone(s);
            if (isUnknown(open)) ctx.unverified(where);
            else if (open) {
                ctx.fail({
                    problem: problem(type, s),
                    at: where,
                    fix: "name the principals, or restrict the statement with aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:SourceVpce or aws:SourceIp",
                });
            }
        });
    },
};
