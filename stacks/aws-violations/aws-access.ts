// Access paths to PHI that no single grant shows: a developer who reaches PHI through a group, a
// role and a workload's role (iam:PassRole), and a vendor account trusted with an external id that
// reaches PHI through the role it assumes. Every role is otherwise hardened (permission boundary,
// one-hour sessions, MFA or external id on its trust), so that the access controls show the paths;
// expected/aws-access.json lists the findings.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { boundary } from "./aws-principals";
import { records } from "./foundation";

const ACCOUNT = "123456789012";
const VENDOR = "444455556666";
const justified = { justification: "claims reporting", ticket: "SEC-1077", owner: "claims-platform" };
const hardened = { permissionsBoundary: boundary.arn, maxSessionDuration: 3600, tags: justified };
const statement = (s: aws.iam.PolicyStatement): aws.iam.PolicyDocument => ({ Version: "2012-10-17", Statement: [s] });

// The workload role a reporting function runs as: it reads the records bucket, as it should.
const reader = new aws.iam.Role("claims-reader-role", {
    assumeRolePolicy: statement({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }),
    ...hardened,
});
new aws.iam.RolePolicy("claims-reader-read", { role: reader.id, policy: statement({ Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${records.arn}/*` }) });

// aws-access-transitive-duties: the deploy role creates functions and may pass the reader role to
// them, so it reads PHI by running code as that role (PassRole escalation) while holding no read itself.
const deploy = new aws.iam.Role("deploy-role", {
    assumeRolePolicy: statement({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
    ...hardened,
});
new aws.iam.RolePolicy("deploy-role-functions", {
    role: deploy.id,
    policy: {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:UpdateFunctionCode"], Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:claims-*` },
            { Effect: "Allow", Action: "iam:PassRole", Resource: reader.arn, Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
        ],
    },
});

// aws-access-human-readers: developers may assume the deploy role; a developer reaches the records
// through membership, the role and the workload role (four steps), and so does the group.
const developers = new aws.iam.Group("developers");
new aws.iam.GroupPolicy("developers-assume-deploy", { group: developers.name, policy: statement({ Effect: "Allow", Action: "sts:AssumeRole", Resource: deploy.arn }) });
const alice = new aws.iam.User("dev-alice", { permissionsBoundary: boundary.arn, tags: justified });
new aws.iam.UserGroupMembership("dev-alice-groups", { user: alice.name, groups: [developers.name] });

// aws-access-external-reach: a vendor account trusted with an external id (which
// aws-exfil-external-access accepts) reaches the records through the role it assumes.
const vendor = new aws.iam.Role("vendor-audit", {
    assumeRolePolicy: statement({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "claims-audit-sample" } } }),
    ...hardened,
});
new aws.iam.RolePolicy("vendor-audit-read", { role: vendor.id, policy: statement({ Effect: "Allow", Action: "s3:GetObject", Resource: pulumi.interpolate`${records.arn}/*` }) });
