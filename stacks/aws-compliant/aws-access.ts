// Access paths kept short: the workload role reads the records, and the deploy role that creates
// functions may pass them only a role that reads no PHI, so nobody reaches PHI through a chain.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { records } from "./foundation";

const ACCOUNT = "123456789012";
const justified = { justification: "claims reporting", ticket: "SEC-1077", owner: "claims-platform" };
const statement = (s: aws.iam.PolicyStatement): aws.iam.PolicyDocument => ({ Version: "2012-10-17", Statement: [s] });
const lambdaTrust = statement({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } });

const boundary = new aws.iam.Policy("access-boundary", {
    description: "Permission boundary for the claims reporting roles",
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${records.arn}/*` },
            { Effect: "Allow", Action: "lambda:CreateFunction", Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:claims-*` },
            { Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/claims-builder-*` },
        ],
    },
});
const hardened = { permissionsBoundary: boundary.arn, maxSessionDuration: 3600, tags: justified };

const reader = new aws.iam.Role("claims-reader-role", { assumeRolePolicy: lambdaTrust, ...hardened });
new aws.iam.RolePolicy("claims-reader-read", { role: reader.id, policy: statement({ Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${records.arn}/*` }) });

const builder = new aws.iam.Role("claims-builder-role", { assumeRolePolicy: lambdaTrust, ...hardened });
const deploy = new aws.iam.Role("deploy-role", {
    assumeRolePolicy: statement({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
    ...hardened,
});
new aws.iam.RolePolicy("deploy-role-functions", {
    role: deploy.id,
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "lambda:CreateFunction", Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:claims-*` },
            { Effect: "Allow", Action: "iam:PassRole", Resource: builder.arn },
        ],
    },
});
