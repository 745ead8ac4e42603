import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { phiKey, records } from "./foundation";

// Least-privilege IAM for a PHI analytics job run from CI: a permission boundary, a one-hour
// session, an OIDC trust pinned to one repository and environment, rights named by ARN.

const grant = { justification: "nightly PHI analytics export", ticket: "SEC-2214", owner: "data-platform", expires: "2027-06-30" };

const github = new aws.iam.OpenIdConnectProvider("github-actions", {
    url: "https://token.actions.githubusercontent.com",
    clientIdLists: ["sts.amazonaws.com"],
});

const boundary = new aws.iam.Policy("phi-workload-boundary", {
    description: "The most any PHI workload role may ever do",
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: [records.arn, pulumi.interpolate`${records.arn}/*`] },
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [phiKey.arn] },
        ],
    },
});

const analytics = new aws.iam.Role("phi-analytics", {
    description: "Reads PHI records for the nightly analytics export",
    maxSessionDuration: 3600,
    permissionsBoundary: boundary.arn,
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: github.arn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub": "repo:acme/phi-analytics:environment:production",
                    },
                },
            },
        ],
    },
    tags: grant,
});

new aws.iam.RolePolicy("phi-analytics-read", {
    role: analytics.id,
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["s3:GetObject"], Resource: [pulumi.interpolate`${records.arn}/*`] },
            { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [records.arn] },
            { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [phiKey.arn], Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } },
        ],
    },
});

// Break-glass administration through Identity Center: one-hour sessions, assumed just in time.
const breakGlass = new aws.ssoadmin.PermissionSet("break-glass-admin", {
    instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
    description: "Emergency administration, approved per incident",
    sessionDuration: "PT1H",
    tags: { justification: "emergency administration", ticket: "SEC-0001", owner: "security-team", expires: "2027-06-30" },
});
new aws.ssoadmin.ManagedPolicyAttachment("break-glass-admin-policy", {
    instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
    permissionSetArn: breakGlass.arn,
    managedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
});
