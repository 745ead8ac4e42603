// Hardened aws-native forms of Lambda functions and of the messaging, file and secret stores: the
// same controls judge them as their @pulumi/aws forms, and none of them may produce a finding.
import * as native from "@pulumi/aws-native";
import { phiKey } from "./foundation";

const ACCOUNT = "111122223333";
// aws-native writes tags as CloudFormation's list of { key, value }.
const phi = [{ key: "data-classification", value: "phi" }];

// A PHI function in the private subnets whose role reads one bucket's objects; its variables hold no credentials.
const exportRole = new native.iam.Role("native-export-role", {
    assumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
    },
    permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/workload-boundary`,
    maxSessionDuration: 3600,
    policies: [{ policyName: "read-exports", policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims-export/*" }] } }],
    tags: [
        { key: "owner", value: "claims-platform" },
        { key: "ticket", value: "SEC-2204" },
        { key: "justification", value: "Exports claim records for the billing batch" },
    ],
});
new native.lambda.Function("native-export-fn", {
    role: exportRole.arn,
    runtime: "nodejs20.x",
    handler: "index.handler",
    code: { zipFile: "exports.handler = async () => ({ statusCode: 204 });" },
    environment: { variables: { RECORDS_BUCKET: "phi-claims-export", LOG_LEVEL: "info" } },
    vpcConfig: { subnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], securityGroupIds: ["sg-0a1b2c3d"] },
    tags: phi,
});

// The stores, each encrypted with the customer-managed PHI key; their resource policies name the account's own principals.
const key = phiKey.arn;
const own = `arn:aws:iam::${ACCOUNT}:root`;

const intake = new native.sqs.Queue("native-intake", { kmsMasterKeyId: key, tags: phi });
new native.sqs.QueueInlinePolicy("native-intake-policy", {
    queue: intake.queueUrl,
    policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: own }, Action: "sqs:SendMessage", Resource: intake.arn }] },
});

const events = new native.sns.Topic("native-events", { kmsMasterKeyId: key, tags: phi });
new native.sns.TopicPolicy("native-events-policy", {
    topics: [events.topicArn],
    policyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: own }, Action: "sns:Publish", Resource: events.topicArn }] },
});

// Mounts only over TLS (a Deny for insecure transport).
new native.efs.FileSystem("native-files", {
    encrypted: true,
    kmsKeyId: key,
    fileSystemPolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }],
    },
    fileSystemTags: phi,
});

const dbSecret = new native.secretsmanager.Secret("native-db-secret", { description: "Claims database credentials", kmsKeyId: key, generateSecretString: { passwordLength: 32 }, tags: phi });
new native.secretsmanager.ResourcePolicy("native-db-secret-policy", {
    secretId: dbSecret.id,
    blockPublicPolicy: true,
    resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "secretsmanager:DeleteSecret", Resource: "*" }] },
});
