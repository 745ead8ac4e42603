// Hardened aws-native forms of Lambda functions and of the messaging, file and secret stores: the
// same controls judge them as their @pulumi/aws forms, and none of them may produce a finding.
import * as native from "@pulumi/aws-native";

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
