// A private PHI network and API: flow logs and endpoints for every VPC, no internet paths in the
// security groups, authenticated API routes with access logs, and the monitoring services on.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { records } from "./foundation";
import { accessLogs, recordsReplica, trailLogs } from "./aws-data";

const caller = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput().region;
const rootArn = pulumi.interpolate`arn:aws:iam::${caller.accountId}:root`;

// Log groups are encrypted with a key that CloudWatch Logs may use only for this account's groups.
const logsKey = new aws.kms.Key("network-logs", {
    description: "Encrypts VPC flow logs and API access logs",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministration", Effect: "Allow", Principal: { AWS: rootArn }, Action: "kms:*", Resource: "*" },
            {
                Sid: "CloudWatchLogsUse",
                Effect: "Allow",
                Principal: { Service: pulumi.interpolate`logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
                Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${region}:${caller.accountId}:log-group:*` } },
            },
        ],
    }),
});

const sixYears = 2192;
const flowLogGroup = new aws.cloudwatch.LogGroup("vpc-flow-logs", { kmsKeyId: logsKey.arn, retentionInDays: sixYears });
const apiLogGroup = new aws.cloudwatch.LogGroup("api-access-logs", { kmsKeyId: logsKey.arn, retentionInDays: sixYears });

// ---- Network -------------------------------------------------------------------------------
const vpc = new aws.ec2.Vpc("phi", {
    cidrBlock: "10.20.0.0/16",
    enableDnsHostnames: true,
    enableDnsSupport: true,
    tags: { "data-classification": "phi" },
});
export const subnets = ["a", "b"].map(
    (az, i) =>
        new aws.ec2.Subnet(`phi-private-${az}`, {
            vpcId: vpc.id,
            cidrBlock: `10.20.${i + 1}.0/24`,
            availabilityZone: pulumi.interpolate`${region}${az}`,
            mapPublicIpOnLaunch: false,
        }),
);
const routes = new aws.ec2.RouteTable("phi-private", { vpcId: vpc.id });
subnets.forEach((s, i) => new aws.ec2.RouteTableAssociation(`phi-private-${i}`, { subnetId: s.id, routeTableId: routes.id }));

// Flow logs of all traffic, delivered by a role that may only write to their log group.
const flowLogWrite = (group: aws.cloudwatch.LogGroup) => ({
    Version: "2012-10-17" as const,
    Statement: [
        {
            Effect: "Allow" as const,
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [pulumi.interpolate`${group.arn}:*`],
        },
    ],
});
const flowLogBoundary = new aws.iam.Policy("vpc-flow-logs-boundary", {
    description: "Permissions boundary of the VPC flow-log delivery role",
    policy: flowLogWrite(flowLogGroup),
});
const flowLogRole = new aws.iam.Role("vpc-flow-logs", {
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": caller.accountId } },
            },
        ],
    },
    permissionsBoundary: flowLogBoundary.arn,
    maxSessionDuration: 3600,
});
new aws.iam.RolePolicy("vpc-flow-logs", { role: flowLogRole.id, policy: flowLogWrite(flowLogGroup) });
new aws.ec2.FlowLog("phi", {
    vpcId: vpc.id,
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: flowLogGroup.arn,
    iamRoleArn: flowLogRole.arn,
});

// Security groups: HTTPS inside the VPC only; egress to the endpoints and the S3 prefix list.
const endpointSg = new aws.ec2.SecurityGroup("vpc-endpoints", {
    vpcId: vpc.id,
    description: "Interface endpoints: HTTPS from inside the VPC",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"], description: "HTTPS from the VPC" }],
});
export const appSg = new aws.ec2.SecurityGroup("records-app", {
    vpcId: vpc.id,
    description: "Records service: HTTPS from the VPC, out to AWS endpoints only",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.20.0.0/16"], description: "HTTPS from the load balancer subnets" }],
    egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, securityGroups: [endpointSg.id], description: "HTTPS to interface endpoints" }],
});

const gateway = (service: string, policy?: pulumi.Input<string>) =>
    new aws.ec2.VpcEndpoint(`phi-${service}`, {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Gateway",
        routeTableIds: [routes.id],
        policy,
    });
// The S3 endpoint reaches only the organisation's buckets, and the AWS-owned bucket ECR keeps image layers in.
const s3Endpoint = gateway(
    "s3",
    pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "OrganisationBuckets", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": [caller.accountId, "111122223333"] } } },
            { Sid: "EcrLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: pulumi.interpolate`arn:aws:s3:::prod-${region}-starport-layer-bucket/*` },
        ],
    }),
);
gateway("dynamodb");
for (const service of ["kms", "secretsmanager", "logs", "sts"]) {
    new aws.ec2.VpcEndpoint(`phi-${service}`, {
        vpcId: vpc.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: subnets.map((s) => s.id),
        securityGroupIds: [endpointSg.id],
    });
}
new aws.vpc.SecurityGroupEgressRule("records-app-s3", {
    securityGroupId: appSg.id,
    description: "HTTPS to S3 through the gateway endpoint",
    ipProtocol: "tcp",
    fromPort: 443,
    toPort: 443,
    prefixListId: s3Endpoint.prefixListId,
});
new aws.ec2.SecurityGroupRule("records-app-admin", {
    type: "ingress",
    securityGroupId: appSg.id,
    description: "SSH from the VPN range",
    protocol: "tcp",
    fromPort: 22,
    toPort: 22,
    cidrBlocks: ["10.99.0.0/24"],
});

// ---- API -----------------------------------------------------------------------------------
const users = new aws.cognito.UserPool("clinicians", { mfaConfiguration: "ON", softwareTokenMfaConfiguration: { enabled: true } });
const api = new aws.apigateway.RestApi("records-api", { endpointConfiguration: { types: "REGIONAL" } });
const cognito = new aws.apigateway.Authorizer("clinicians", {
    restApi: api.id,
    type: "COGNITO_USER_POOLS",
    providerArns: [users.arn],
});
const resource = new aws.apigateway.Resource("records", { restApi: api.id, parentId: api.rootResourceId, pathPart: "records" });
const methods = [
    { httpMethod: "GET", authorization: "AWS_IAM" },
    { httpMethod: "POST", authorization: "COGNITO_USER_POOLS", authorizerId: cognito.id },
    // CORS preflight: browsers send it without credentials.
    { httpMethod: "OPTIONS", authorization: "NONE" },
].map((m) => {
    const method = new aws.apigateway.Method(`records-${m.httpMethod.toLowerCase()}`, { restApi: api.id, resourceId: resource.id, ...m });
    return new aws.apigateway.Integration(`records-${m.httpMethod.toLowerCase()}`, {
        restApi: api.id,
        resourceId: resource.id,
        httpMethod: method.httpMethod,
        type: "MOCK",
    });
});
const deployment = new aws.apigateway.Deployment("records-api", { restApi: api.id }, { dependsOn: methods });
const accessLogFormat = JSON.stringify({
    requestId: "$context.requestId",
    caller: "$context.identity.caller",
    user: "$context.identity.user",
    sourceIp: "$context.identity.sourceIp",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    status: "$context.status",
});
const stage = new aws.apigateway.Stage("records-api-prod", {
    restApi: api.id,
    deployment: deployment.id,
    stageName: "prod",
    accessLogSettings: { destinationArn: apiLogGroup.arn, format: accessLogFormat },
});
new aws.apigateway.MethodSettings("records-api-prod", {
    restApi: api.id,
    stageName: stage.stageName,
    methodPath: "*/*",
    settings: { metricsEnabled: true, loggingLevel: "ERROR", dataTraceEnabled: false },
});

const httpApi = new aws.apigatewayv2.Api("records-http", { protocolType: "HTTP" });
new aws.apigatewayv2.Route("records-http-get", { apiId: httpApi.id, routeKey: "GET /records", authorizationType: "AWS_IAM" });
new aws.apigatewayv2.Stage("records-http-default", {
    apiId: httpApi.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: { destinationArn: apiLogGroup.arn, format: accessLogFormat },
    defaultRouteSettings: { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
});

// ---- Monitoring ----------------------------------------------------------------------------
const detector = new aws.guardduty.Detector("phi", { enable: true, findingPublishingFrequency: "FIFTEEN_MINUTES" });
new aws.guardduty.DetectorFeature("phi-s3", { detectorId: detector.id, name: "S3_DATA_EVENTS", status: "ENABLED" });
const macie = new aws.macie2.Account("phi", { status: "ENABLED", findingPublishingFrequency: "FIFTEEN_MINUTES" });
new aws.macie2.ClassificationJob(
    "records-classification",
    {
        jobType: "SCHEDULED",
        scheduleFrequency: { weeklySchedule: "MONDAY" },
        s3JobDefinition: { bucketDefinitions: [{ accountId: caller.accountId, buckets: [records.bucket, recordsReplica.bucket, accessLogs.bucket, trailLogs.bucket] }] },
    },
    { dependsOn: [macie] },
);
new aws.securityhub.Account("phi", { enableDefaultStandards: true });
new aws.accessanalyzer.Analyzer("phi", { analyzerName: "phi-account", type: "ACCOUNT" });
