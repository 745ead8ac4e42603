// Principals that can change production and read PHI, over-privileged or public functions,
// credentials in plain text and grants nobody can account for. Each resource is otherwise hardened
// (trust to one service or account, permission boundary, one-hour sessions) so that it shows one
// control; expected/aws-principals.json lists the findings.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const ACCOUNT = "123456789012";
const PHI_OBJECTS = "arn:aws:s3:::phi-records-example/*";
const justified = { justification: "claims processing workload", ticket: "SEC-1042", owner: "claims-platform" };

export const boundary = new aws.iam.Policy("principals-boundary", {
    description: "Permission boundary for workload and engineer roles",
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::phi-records-example", PHI_OBJECTS] },
            { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/*` },
            { Effect: "Allow", Action: ["codecommit:GitPull", "codecommit:GitPush"], Resource: `arn:aws:codecommit:us-east-1:${ACCOUNT}:phi-app` },
        ],
    },
});

const lambdaTrust: aws.iam.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
};
const engineerTrust: aws.iam.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
};
const hardened = { permissionsBoundary: boundary.arn, maxSessionDuration: 3600 };

// aws-segregation-of-duties: one engineer role pushes application code and reads PHI objects.
const releaseEngineer = new aws.iam.Role("release-engineer", { assumeRolePolicy: engineerTrust, ...hardened, tags: justified });
const pushCode = new aws.iam.Policy("release-push", {
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["codecommit:GitPush", "codecommit:GitPull"], Resource: `arn:aws:codecommit:us-east-1:${ACCOUNT}:phi-app` }] },
});
new aws.iam.RolePolicyAttachment("release-engineer-push", { role: releaseEngineer.name, policyArn: pushCode.arn });
new aws.iam.RolePolicy("release-engineer-debug-reads", {
    role: releaseEngineer.id,
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: PHI_OBJECTS }] },
});

// aws-lambda-role-scope: an export function whose role may read every object in the account.
const exportRole = new aws.iam.Role("report-export-role", { assumeRolePolicy: lambdaTrust, ...hardened, tags: justified });
new aws.iam.RolePolicyAttachment("report-export-s3-read", { role: exportRole.name, policyArn: aws.iam.ManagedPolicy.AmazonS3ReadOnlyAccess });
const code = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ statusCode: 204 });") });
new aws.lambda.Function("report-export", { role: exportRole.arn, runtime: aws.lambda.Runtime.NodeJS20dX, handler: "index.handler", code });

// A least-privilege role for the functions below, which each show a different control. None of
// this module's functions runs in a VPC: aws-exfil-egress-paths flags each of them.
const intakeRole = new aws.iam.Role("intake-role", { assumeRolePolicy: lambdaTrust, ...hardened });
new aws.iam.RolePolicyAttachment("intake-basic-execution", { role: intakeRole.name, policyArn: aws.iam.ManagedPolicy.AWSLambdaBasicExecutionRole });
const intake = new aws.lambda.Function("intake", { role: intakeRole.arn, runtime: aws.lambda.Runtime.NodeJS20dX, handler: "index.handler", code });

// aws-lambda-url-auth: a public function URL, a world-invokable permission, and a NONE URL permission.
new aws.lambda.FunctionUrl("intake-url", { functionName: intake.name, authorizationType: "NONE" });
new aws.lambda.Permission("intake-public-invoke", { function: intake.name, action: "lambda:InvokeFunction", principal: "*" });
new aws.lambda.Permission("intake-url-public", { function: intake.name, action: "lambda:InvokeFunctionUrl", principal: ACCOUNT, functionUrlAuthType: "NONE" });

// aws-plaintext-secrets: a database password in a function's environment (values are placeholders).
new aws.lambda.Function("legacy-sync", {
    role: intakeRole.arn,
    runtime: aws.lambda.Runtime.NodeJS20dX,
    handler: "index.handler",
    code,
    environment: { variables: { DB_HOST: "db.internal", DB_PASSWORD: "example-only-not-a-password" } },
});

// aws-plaintext-secrets: a registry token as a PLAINTEXT CodeBuild variable.
const buildRole = new aws.iam.Role("ci-build-role", {
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }] },
    ...hardened,
});
new aws.codebuild.Project("ci-build", {
    serviceRole: buildRole.arn,
    artifacts: { type: "NO_ARTIFACTS" },
    source: { type: "CODECOMMIT", location: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/phi-app` },
    environment: {
        computeType: "BUILD_GENERAL1_SMALL",
        image: "aws/codebuild/standard:7.0",
        type: "LINUX_CONTAINER",
        environmentVariables: [
            { name: "NODE_ENV", value: "production" },
            { name: "NPM_TOKEN", value: "example-only-registry-token", type: "PLAINTEXT" },
        ],
    },
});

// aws-plaintext-secrets: a connection string with a password in an ECS container environment.
new aws.ecs.TaskDefinition("worker", {
    family: "phi-worker",
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: "256",
    memory: "512",
    containerDefinitions: JSON.stringify([
        {
            name: "worker",
            image: "public.ecr.aws/docker/library/node:20-alpine",
            essential: true,
            environment: [
                { name: "LOG_LEVEL", value: "info" },
                { name: "DATABASE_URL", value: "postgres://app:example-only@db.internal:5432/phi" },
            ],
        },
    ]),
});

// aws-plaintext-secrets: a password parameter stored as String instead of SecureString.
new aws.ssm.Parameter("db-password", { name: "/phi-app/db/password", type: "String", value: "example-only-not-a-password" });

// aws-iam-grant-justification: a PHI-reading analyst role that records only its owner.
const claimsReads: aws.iam.PolicyDocument = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: PHI_OBJECTS }] };
const analyst = new aws.iam.Role("claims-analyst", { assumeRolePolicy: engineerTrust, ...hardened, tags: { owner: "claims-analytics" } });
new aws.iam.RolePolicy("claims-analyst-reads", { role: analyst.id, policy: claimsReads });

// aws-iam-grant-justification: a contractor's PHI access that expired and was never removed.
const contractor = new aws.iam.Role("contractor-reader", { assumeRolePolicy: engineerTrust, ...hardened, tags: { ...justified, expires: "2024-01-31" } });
new aws.iam.RolePolicy("contractor-reader-reads", { role: contractor.id, policy: claimsReads });

// aws-iam-grant-justification: an Identity Center permission set nobody accounts for.
new aws.ssoadmin.PermissionSet("phi-analyst", {
    name: "PhiAnalyst",
    instanceArn: "arn:aws:sso:::instance/ssoins-0123456789abcdef",
    sessionDuration: "PT1H",
});
