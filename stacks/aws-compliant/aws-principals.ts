// Least-privilege identities for a PHI intake function: its own execution role with a permission
// boundary, a one-hour session cap and justification tags; credentials in Secrets Manager under the
// PHI key; logs encrypted and kept six years; an IAM-authenticated function URL; deployment rights
// on a separate role that cannot read PHI; and a justified, expiring Identity Center grant.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { phiKey, records } from "./foundation";
import { appSg, subnets } from "./aws-network";

const ACCOUNT = "123456789012";
const FUNCTION_NAME = "phi-intake";
const justified = { justification: "PHI intake processing", ticket: "CHG-2207", owner: "intake-platform" };

const logs = new aws.cloudwatch.LogGroup("intake-logs", { name: `/aws/lambda/${FUNCTION_NAME}`, kmsKeyId: phiKey.arn, retentionInDays: 2192 });
const dbCredentials = new aws.secretsmanager.Secret("intake-db-credentials", { description: "Intake database credentials", kmsKeyId: phiKey.arn });

const functionArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${FUNCTION_NAME}`;

const boundary = new aws.iam.Policy("intake-boundary", {
    description: "Upper bound for the intake workload and its deployer",
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${records.arn}/*`] },
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [phiKey.arn] },
            { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [dbCredentials.arn] },
            { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [pulumi.interpolate`${logs.arn}:*`] },
            { Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:GetFunction"], Resource: [functionArn] },
        ],
    },
});

const executionRole = new aws.iam.Role("intake-execution", {
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
    },
    permissionsBoundary: boundary.arn,
    maxSessionDuration: 3600,
    tags: justified,
});

new aws.iam.RolePolicy("intake-execution-access", {
    role: executionRole.id,
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadIntakeObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${records.arn}/*`] },
            { Sid: "DecryptWithPhiKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [phiKey.arn] },
            { Sid: "ReadDbCredentials", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [dbCredentials.arn] },
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [pulumi.interpolate`${logs.arn}:*`] },
        ],
    },
});

const intake = new aws.lambda.Function(
    "intake-fn",
    {
        name: FUNCTION_NAME,
        role: executionRole.arn,
        runtime: aws.lambda.Runtime.NodeJS20dX,
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 204 });") }),
        kmsKeyArn: phiKey.arn,
        environment: { variables: { RECORDS_BUCKET: records.bucket, DB_SECRET_ARN: dbCredentials.arn, LOG_LEVEL: "info" } },
        loggingConfig: { logFormat: "JSON", logGroup: logs.name },
        // In the private subnets: its egress is the security group's and the endpoints' to control.
        vpcConfig: { subnetIds: subnets.map((s) => s.id), securityGroupIds: [appSg.id] },
    },
    { dependsOn: [logs] },
);

new aws.lambda.FunctionUrl("intake-fn-url", { functionName: intake.name, authorizationType: "AWS_IAM" });
new aws.lambda.Permission("intake-fn-url-invoke", { function: intake.name, action: "lambda:InvokeFunctionUrl", principal: ACCOUNT, functionUrlAuthType: "AWS_IAM" });

new aws.ssm.Parameter("intake-records-prefix", { name: "/phi-intake/records-prefix", type: "String", value: "incoming/" });

// Deployment is a separate, MFA-assumed role: it can ship the function but not read what it processes.
const deployer = new aws.iam.Role("intake-deployer", {
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
    },
    permissionsBoundary: boundary.arn,
    maxSessionDuration: 3600,
    tags: justified,
});
new aws.iam.RolePolicy("intake-deployer-ship", {
    role: deployer.id,
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:GetFunction"], Resource: [intake.arn] }] },
});

// Analysts reach PHI through Identity Center, for a recorded reason and until a set date.
const analysts = new aws.ssoadmin.PermissionSet("intake-analyst", {
    name: "IntakeAnalyst",
    instanceArn: "arn:aws:sso:::instance/ssoins-0123456789abcdef",
    sessionDuration: "PT1H",
    tags: { ...justified, expires: "2027-06-30" },
});
// Identity Center provisions the customer-managed policy by name in the member account.
const analystReads = new aws.iam.Policy("intake-analyst-reads", {
    name: "IntakeAnalystReads",
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${records.arn}/*`] }] },
    tags: justified,
});
new aws.ssoadmin.CustomerManagedPolicyAttachment(
    "intake-analyst-reads",
    { instanceArn: analysts.instanceArn, permissionSetArn: analysts.arn, customerManagedPolicyReference: { name: "IntakeAnalystReads" } },
    { dependsOn: [analystReads] },
);
