import * as aws from "@pulumi/aws";

// IAM paths to standing or unconstrained privilege. Every role and user here carries a boundary
// and a named trust (unless that is what it demonstrates), so each resource shows one control.

const ACCOUNT = "111122223333";
const GITHUB_OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const justification = { justification: "on-call operations", ticket: "OPS-1042", owner: "platform-team", expires: "2027-06-30" };

const boundary = new aws.iam.Policy("iam-boundary", {
    description: "Caps what workload roles can ever do",
    policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:PutObject", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:s3:::phi-intake/*", `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/*`] }],
    },
});

const opsTrust: aws.iam.PolicyDocument = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/sso-operators` }, Action: "sts:AssumeRole" }],
};

// aws-iam-no-admin-attachments: AdministratorAccess attached to an everyday operations role.
const ops = new aws.iam.Role("ops-role", { assumeRolePolicy: opsTrust, permissionsBoundary: boundary.arn, maxSessionDuration: 3600, tags: justification });
new aws.iam.RolePolicyAttachment("ops-role-admin", { role: ops.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });

// aws-iam-no-service-wildcards: every DynamoDB action on the visits table.
new aws.iam.Policy("visits-all-actions", {
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/visits` }] },
});

// aws-iam-no-service-wildcards: object reads on every bucket through a partial wildcard.
new aws.iam.Policy("read-any-object", {
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:Get*"], Resource: "*" }] },
});

// aws-iam-privilege-escalation: hand any role (an administrator one included) to any service.
new aws.iam.Policy("pass-any-role", {
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] },
});

// aws-iam-kms-wildcard: re-encrypt from every key of the account (decrypts under the hood).
new aws.iam.Policy("reencrypt-any-key", {
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:ReEncryptFrom", Resource: `arn:aws:kms:*:${ACCOUNT}:key/*` }] },
});

// aws-iam-permission-boundary: a workload role without a boundary.
new aws.iam.Role("intake-no-boundary", {
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] },
});

// aws-iam-no-user-credentials: a long-lived access key for a legacy integration user.
const legacy = new aws.iam.User("legacy-sync", { permissionsBoundary: boundary.arn });
new aws.iam.AccessKey("legacy-sync-key", { user: legacy.name });

// aws-iam-trust-policy: any GitHub repository can assume the deploy role (only the audience is pinned).
new aws.iam.Role("deploy-any-repo", {
    permissionsBoundary: boundary.arn,
    assumeRolePolicy: {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: GITHUB_OIDC },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
            },
        ],
    },
});

// aws-iam-trust-policy: any AWS account can assume the role.
new aws.iam.Role("public-trust", {
    permissionsBoundary: boundary.arn,
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] },
});

// aws-iam-session-duration: an administrator permission set whose sessions last a working day;
// aws-iam-no-admin-attachments: AdministratorAccess on a permission set not configured as break-glass.
const admins = new aws.ssoadmin.PermissionSet("sso-admins", {
    instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
    sessionDuration: "PT8H",
    tags: justification,
});
new aws.ssoadmin.ManagedPolicyAttachment("sso-admins-admin", {
    instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
    permissionSetArn: admins.arn,
    managedPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
});
