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
