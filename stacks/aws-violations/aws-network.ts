// Network, API and monitoring gaps: each resource below is otherwise hardened and triggers the
// control named in its comment (expected/aws-network.json lists them).
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const caller = aws.getCallerIdentityOutput();
const region = aws.getRegionOutput().region;

const logsKey = new aws.kms.Key("network-logs", {
    description: "Encrypts VPC flow logs and API access logs",
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "AccountAdministration", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${caller.accountId}:root` }, Action: "kms:*", Resource: "*" },
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
const flowLogGroup = new aws.cloudwatch.LogGroup("vpc-flow-logs", { kmsKeyId: logsKey.arn, retentionInDays: 2192 });
const apiLogGroup = new aws.cloudwatch.LogGroup("api-access-logs", { kmsKeyId: logsKey.arn, retentionInDays: 2192 });

// aws-logs-kms (and aws-apigw-access-logging on the stage that writes here): no customer-managed key.
const plainLogGroup = new aws.cloudwatch.LogGroup("api-access-logs-plain", { retentionInDays: 2192 });

// aws-logs-retention: one year, not six.
new aws.cloudwatch.LogGroup("app-short-retention", { kmsKeyId: logsKey.arn, retentionInDays: 365 });

// ---- Network -------------------------------------------------------------------------------
const flowLogWrite = {
    Version: "2012-10-17" as const,
    Statement: [
        {
            Effect: "Allow" as const,
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [pulumi.interpolate`${flowLogGroup.arn}:*`],
        },
    ],
};
const boundary = new aws.iam.Policy("vpc-flow-logs-boundary", { description: "Permissions boundary of the flow-log role", policy: flowLogWrite });
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
    permissionsBoundary: boundary.arn,
    maxSessionDuration: 3600,
});
new aws.iam.RolePolicy("vpc-flow-logs", { role: flowLogRole.id, policy: flowLogWrite });
const flowLog = (name: string, vpc: aws.ec2.Vpc, trafficType: string) =>
    new aws.ec2.FlowLog(name, { vpcId: vpc.id, trafficType, logDestinationType: "cloud-watch-logs", logDestination: flowLogGroup.arn, iamRoleArn: flowLogRole.arn });

// aws-vpc-flow-logs: the only flow log records rejected packets, so exfiltration is invisible.
const rejectsOnly = new aws.ec2.Vpc("rejects-only", { cidrBlock: "10.30.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });
flowLog("rejects-only", rejectsOnly, "REJECT");
const routes = new aws.ec2.RouteTable("rejects-only", { vpcId: rejectsOnly.id });
const subnet = new aws.ec2.Subnet("rejects-only-a", { vpcId: rejectsOnly.id, cidrBlock: "10.30.1.0/24", mapPublicIpOnLaunch: false });
// aws-exfil-egress-paths: an S3 gateway endpoint with no policy, so the VPC may write to any account's bucket.
new aws.ec2.VpcEndpoint("rejects-only-s3", {
    vpcId: rejectsOnly.id,
    serviceName: pulumi.interpolate`com.amazonaws.${region}.s3`,
    vpcEndpointType: "Gateway",
    routeTableIds: [routes.id],
});
for (const service of ["kms", "secretsmanager", "logs", "sts"]) {
    new aws.ec2.VpcEndpoint(`rejects-only-${service}`, {
        vpcId: rejectsOnly.id,
        serviceName: pulumi.interpolate`com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [subnet.id],
    });
}

// aws-vpc-endpoints: S3, KMS, Secrets Manager, Logs and STS traffic leaves through the internet.
const noEndpoints = new aws.ec2.Vpc("no-endpoints", { cidrBlock: "10.40.0.0/16", enableDnsHostnames: true, enableDnsSupport: true });
flowLog("no-endpoints", noEndpoints, "ALL");

// aws-sg-egress: the provider's classic "allow all outbound" block.
new aws.ec2.SecurityGroup("allow-all-egress", {
    vpcId: noEndpoints.id,
    description: "Workers with unrestricted egress",
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], description: "everything" }],
});
const workers = new aws.ec2.SecurityGroup("workers", { vpcId: noEndpoints.id, description: "Workers (rules attached separately)" });
// aws-sg-egress: every IPv6 destination, through the standalone vpc rule resource.
new aws.vpc.SecurityGroupEgressRule("workers-egress-ipv6", { securityGroupId: workers.id, ipProtocol: "-1", cidrIpv6: "::/0" });
// aws-sg-egress: HTTPS to anywhere, the usual way data leaves (flagged as az-nsg-egress flags it).
new aws.vpc.SecurityGroupEgressRule("workers-https-anywhere", { securityGroupId: workers.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
// aws-sg-ingress: SSH from anywhere, as a classic SecurityGroupRule with a range that covers 22.
new aws.ec2.SecurityGroupRule("workers-ssh", {
    type: "ingress",
    securityGroupId: workers.id,
    protocol: "tcp",
    fromPort: 20,
    toPort: 23,
    cidrBlocks: ["0.0.0.0/0"],
});
// aws-sg-ingress: PostgreSQL from anywhere, through the standalone vpc rule resource.
new aws.vpc.SecurityGroupIngressRule("workers-postgres", { securityGroupId: workers.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0" });

// ---- API -----------------------------------------------------------------------------------
const accessLogFormat = JSON.stringify({ requestId: "$context.requestId", caller: "$context.identity.caller", status: "$context.status" });
const api = new aws.apigateway.RestApi("open-records-api", { endpointConfiguration: { types: "REGIONAL" } });
const resource = new aws.apigateway.Resource("open-records", { restApi: api.id, parentId: api.rootResourceId, pathPart: "records" });
const integrations = [
    // aws-apigw-authorization: anyone who finds the URL can read records.
    { httpMethod: "GET", authorization: "NONE" },
    { httpMethod: "POST", authorization: "AWS_IAM" },
].map((m) => {
    const method = new aws.apigateway.Method(`open-records-${m.httpMethod.toLowerCase()}`, { restApi: api.id, resourceId: resource.id, ...m });
    return new aws.apigateway.Integration(`open-records-${m.httpMethod.toLowerCase()}`, { restApi: api.id, resourceId: resource.id, httpMethod: method.httpMethod, type: "MOCK" });
});
const deployment = new aws.apigateway.Deployment("open-records-api", { restApi: api.id }, { dependsOn: integrations });
const prod = new aws.apigateway.Stage("open-records-prod", {
    restApi: api.id,
    deployment: deployment.id,
    stageName: "prod",
    accessLogSettings: { destinationArn: apiLogGroup.arn, format: accessLogFormat },
});
// aws-apigw-data-trace: full request and response bodies (PHI) copied into CloudWatch Logs.
new aws.apigateway.MethodSettings("open-records-prod-trace", {
    restApi: api.id,
    stageName: prod.stageName,
    methodPath: "*/*",
    settings: { metricsEnabled: true, loggingLevel: "INFO", dataTraceEnabled: true },
});
// aws-apigw-access-logging: no access logs at all.
new aws.apigateway.Stage("open-records-beta", { restApi: api.id, deployment: deployment.id, stageName: "beta" });

const httpApi = new aws.apigatewayv2.Api("open-records-http", { protocolType: "HTTP" });
// aws-apigw-authorization: an HTTP API route left at the default authorizationType NONE.
new aws.apigatewayv2.Route("open-records-http-get", { apiId: httpApi.id, routeKey: "GET /records" });
// aws-apigw-access-logging: access logs go to a log group without a customer-managed key.
new aws.apigatewayv2.Stage("open-records-http-default", {
    apiId: httpApi.id,
    name: "$default",
    autoDeploy: true,
    accessLogSettings: { destinationArn: plainLogGroup.arn, format: accessLogFormat },
});

const wsApi = new aws.apigatewayv2.Api("records-feed", { protocolType: "WEBSOCKET", routeSelectionExpression: "$request.body.action" });
new aws.apigatewayv2.Route("records-feed-connect", { apiId: wsApi.id, routeKey: "$connect", authorizationType: "AWS_IAM" });
// aws-apigw-data-trace: WebSocket messages logged in full for the default route.
new aws.apigatewayv2.Stage("records-feed-prod", {
    apiId: wsApi.id,
    name: "prod",
    accessLogSettings: { destinationArn: apiLogGroup.arn, format: accessLogFormat },
    defaultRouteSettings: { loggingLevel: "INFO", dataTraceEnabled: true, throttlingBurstLimit: 100, throttlingRateLimit: 50 },
});

// ---- Monitoring ----------------------------------------------------------------------------
// aws-threat-detection: GuardDuty on, but S3 protection (data events on PHI buckets) switched off.
// Macie, Security Hub and Access Analyzer are missing: reported on the stack's first PHI store.
new aws.guardduty.Detector("phi", { enable: true, datasources: { s3Logs: { enable: false } } });
