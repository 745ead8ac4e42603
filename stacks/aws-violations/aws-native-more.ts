// More aws-native (CloudFormation-shaped) forms an insider could write instead of @pulumi/aws to pass
// the pack: Lambda functions and the messaging, file and secret stores. The same controls judge them
// as their @pulumi/aws forms; each violating resource triggers the control its comment names
// (expected/aws-native-more.json lists them).
import * as native from "@pulumi/aws-native";

const ACCOUNT = "111122223333";
// aws-native writes tags as CloudFormation's list of { key, value }.
const phi = [{ key: "data-classification", value: "phi" }];
const SUBNETS = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"];
const CODE = { zipFile: "exports.handler = async () => ({ statusCode: 204 });" };

const lambdaTrust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
};
const boundary = `arn:aws:iam::${ACCOUNT}:policy/workload-boundary`;
const justified = [
    { key: "owner", value: "claims-platform" },
    { key: "ticket", value: "SEC-2204" },
    { key: "justification", value: "Exports claim records for the billing batch" },
];

/** An execution role with a boundary and justification tags, holding `statement` inline. */
function executionRole(name: string, statement: object): native.iam.Role {
    return new native.iam.Role(name, {
        assumeRolePolicyDocument: lambdaTrust,
        permissionsBoundary: boundary,
        maxSessionDuration: 3600,
        policies: [{ policyName: "access", policyDocument: { Version: "2012-10-17", Statement: [statement] } }],
        tags: justified,
    });
}
const narrowRole = executionRole("native-export-role", { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims-export/*" });

/** A PHI function in the private subnets, with `args` changed. */
function fn(name: string, args: Partial<native.lambda.FunctionArgs> = {}): native.lambda.Function {
    return new native.lambda.Function(name, {
        role: narrowRole.arn,
        runtime: "nodejs20.x",
        handler: "index.handler",
        code: CODE,
        environment: { variables: { RECORDS_BUCKET: "phi-claims-export", LOG_LEVEL: "info" } },
        vpcConfig: { subnetIds: SUBNETS, securityGroupIds: ["sg-0a1b2c3d"] },
        tags: phi,
        ...args,
    });
}

// aws-lambda-role-scope: the function's role reads every DynamoDB table of the account (and
// aws-iam-no-service-wildcards on the role's inline policy, which allows a data read on every resource).
fn("native-broad-fn", { role: executionRole("native-broad-role", { Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }).arn });

// aws-plaintext-secrets: the database password is written in the function's configuration.
fn("native-secret-fn", { environment: { variables: { RECORDS_BUCKET: "phi-claims-export", DB_PASSWORD: "Claims-Export-2026!" } } });

// aws-exfil-egress-paths: a PHI function outside any VPC.
fn("native-no-vpc-fn", { vpcConfig: undefined });

// The stores: each is otherwise encrypted with this customer-managed key.
const key = new native.kms.Key("native-more-data", { description: "Encrypts the aws-native messaging, file and secret stores", enableKeyRotation: true, pendingWindowInDays: 30 });
// An account outside the boundary policy-config.json names.
const OUTSIDER = "999988887777";

// aws-datastore-cmk: a queue on SQS-managed encryption only.
new native.sqs.Queue("native-sqs-managed", { sqsManagedSseEnabled: true, tags: phi });

// aws-datastore-cmk: a topic on the AWS-managed alias/aws/sns key.
new native.sns.Topic("native-aws-key-topic", { kmsMasterKeyId: "alias/aws/sns", tags: phi });

// aws-datastore-cmk: a file system that is not encrypted at rest. (Created after the key, so that the stack's
// first PHI store, which carries aws-threat-detection's stack-wide findings, stays the foundation's bucket.)
new native.efs.FileSystem("native-plain-files", { encrypted: false, fileSystemTags: phi }, { dependsOn: [key] });

// aws-datastore-cmk: a secret on the AWS-managed aws/secretsmanager key (no kmsKeyId).
new native.secretsmanager.Secret("native-default-key-secret", { description: "Claims export credentials", generateSecretString: { passwordLength: 32 }, tags: phi });

// aws-resource-policy-public: the queue's inline policy lets anyone receive its messages.
const intake = new native.sqs.Queue("native-intake", { kmsMasterKeyId: key.arn, tags: phi });
new native.sqs.QueueInlinePolicy("native-intake-policy", {
    queue: intake.queueUrl,
    policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:ReceiveMessage", Resource: intake.arn }] },
});

// aws-resource-policy-public: the topic's policy lets anyone subscribe to its notifications.
const events = new native.sns.Topic("native-events", { kmsMasterKeyId: key.arn, tags: phi });
new native.sns.TopicPolicy("native-events-policy", {
    topics: [events.topicArn],
    policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sns:Subscribe", Resource: events.topicArn }] },
});

// aws-resource-policy-public: the file system's own policy lets anyone mount it.
new native.efs.FileSystem("native-open-files", {
    encrypted: true,
    kmsKeyId: key.arn,
    fileSystemPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"] }] },
    fileSystemTags: phi,
});

// aws-exfil-external-access: the secret's resource policy lets an outside account read it.
const dbSecret = new native.secretsmanager.Secret("native-db-secret", { description: "Claims database credentials", kmsKeyId: key.arn, generateSecretString: { passwordLength: 32 }, tags: phi });
new native.secretsmanager.ResourcePolicy("native-db-secret-policy", {
    secretId: dbSecret.id,
    blockPublicPolicy: true,
    resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }] },
});
