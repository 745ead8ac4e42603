import { grantsAction, Statement } from "./iam-document";
import { isUnknown, PlainObject, snapshot, Unknown, UNKNOWN } from "./values";
import { foldCase, hasWildcard, wildcardOverlap } from "./wildcard";

/**
 * What IAM actions let a principal do, in the terms the insider-threat controls reason about:
 * change what runs in production (code, pipelines, functions, IAM, stacks) or read PHI. The lists
 * are concrete actions or IAM patterns; a statement grants one when any of its Action patterns
 * reaches it, or its NotAction leaves it out (see grantsAction).
 */

/** Actions that change code, build or deployment pipelines, functions, infrastructure stacks or IAM. */
export const CHANGE_ACTIONS: readonly string[] = [
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
];

/** Actions that read data which may be PHI (objects, items, rows, secrets, decryption). */
export const PHI_READ_ACTIONS: readonly string[] = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3-object-lambda:GetObject",
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:ExportTableToPointInTime",
    "rds-data:ExecuteStatement",
    "rds-data:BatchExecuteStatement",
    "rds-db:connect",
    "redshift-data:GetStatementResult",
    "athena:GetQueryResults",
    "healthlake:ReadResource",
    "healthlake:SearchWithGet",
    "healthlake:SearchWithPost",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "kms:Decrypt",
];

/** The first action of `actions` that the statement grants; UNKNOWN when its action list is unknown. */
export function firstGranted(s: Statement, actions: readonly string[]): string | undefined | Unknown {
    if (s.actions === undefined || isUnknown(s.actions)) return firstGrantedInOrder(s, actions);
    // Statements are shared by the controls of a request (see parseDocument), and several ask the same list.
    const list = compiled(actions);
    let answers = firstByStatement.get(s);
    if (!answers) firstByStatement.set(s, (answers = new Map()));
    let i = answers.get(list);
    if (i === undefined) answers.set(list, (i = list.firstOverlapped(s.actions)));
    return i < 0 ? undefined : actions[i];
}

const firstByStatement = new WeakMap<Statement, Map<CompiledActions, number>>();

/** What firstGranted answers, by asking grantsAction of each action in turn (for NotAction, or an unknown Action list). */
export function firstGrantedInOrder(s: Statement, actions: readonly string[]): string | undefined | Unknown {
    let unknown = false;
    for (const a of actions) {
        const g = grantsAction(s, a);
        if (g === true) return a;
        if (isUnknown(g)) unknown = true;
    }
    return unknown ? UNKNOWN : undefined;
}

/**
 * An action list compiled once (per list, as given in code or config) for the question "which is
 * the first action these Action patterns reach": positions grouped by service, so that a pattern is
 * compared only with the actions of the service it names. Two patterns whose service parts are
 * both literal can only overlap when those are the same service (see wildcardOverlap).
 */
class CompiledActions {
    private readonly byService = new Map<string, number[]>();
    /** Actions whose service part has a wildcard (`*`, `s3*:Get*`): candidates for every pattern. */
    private readonly anyService: number[] = [];
    private readonly all: number[];

    constructor(private readonly actions: readonly string[]) {
        this.all = actions.map((_, i) => i);
        actions.forEach((a, i) => {
            const service = serviceOf(a);
            if (service === undefined) this.anyService.push(i);
            else if (this.byService.has(service)) this.byService.get(service)!.push(i);
            else this.byService.set(service, [i]);
        });
    }

    /** The position of the first action that any of `patterns` overlaps, or -1. */
    firstOverlapped(patterns: readonly string[]): number {
        let first = Infinity;
        for (const p of patterns) {
            const service = serviceOf(p);
            const candidates = service === undefined ? [this.all] : [this.byService.get(service) ?? [], this.anyService];
            for (const positions of candidates) {
                for (const i of positions) {
                    if (i >= first) break;
                    if (wildcardOverlap(p, this.actions[i])) {
                        first = i;
                        break;
                    }
                }
            }
        }
        return first === Infinity ? -1 : first;
    }
}

/** The service part of an action or pattern, case-folded, when it has no wildcard; else undefined. */
function serviceOf(action: string): string | undefined {
    let service = services.get(action);
    if (service === undefined && !services.has(action)) {
        const colon = action.indexOf(":");
        const part = colon < 0 ? undefined : action.slice(0, colon);
        service = part === undefined || hasWildcard(part) ? undefined : foldCase(part);
        // Policies repeat a few hundred action names; a stack of unusual ones only starts over.
        if (services.size >= 10_000) services.clear();
        services.set(action, service);
    }
    return service;
}

const services = new Map<string, string | undefined>();

const compiledLists = new WeakMap<readonly string[], CompiledActions>();

function compiled(actions: readonly string[]): CompiledActions {
    let c = compiledLists.get(actions);
    if (!c) compiledLists.set(actions, (c = new CompiledActions(actions)));
    return c;
}

/** A `service:*` action (or `*`), which grants everything a service offers, including what it adds later. */
export function serviceWildcards(s: Statement): string[] | Unknown {
    if (s.actions === undefined) return [];
    if (isUnknown(s.actions)) return UNKNOWN;
    return s.actions.filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
}

/**
 * AWS managed policies by name (the part after `policy/`, any path), approximated by the statements
 * that matter here. Only rights are modelled, not conditions that AWS adds for service roles; a
 * managed policy missing from this table is unrecognised and reported as such by the callers.
 */
const allow = (Action: string | string[]): PlainObject => ({ Effect: "Allow", Action, Resource: "*" });

// Frozen, so that each document is parsed once for the life of the pack (see parseDocument).
export const MANAGED_POLICIES = snapshot({
    AdministratorAccess: { Statement: [allow("*")] },
    PowerUserAccess: {
        Statement: [
            { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
            allow(["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions"]),
        ],
    },
    IAMFullAccess: { Statement: [allow(["iam:*", "organizations:DescribeAccount", "organizations:DescribeOrganization", "organizations:List*"])] },
    IAMReadOnlyAccess: { Statement: [allow(["iam:Generate*", "iam:Get*", "iam:List*", "iam:Simulate*"])] },
    ReadOnlyAccess: {
        Statement: [
            allow([
                "s3:Get*",
                "s3:List*",
                "dynamodb:BatchGet*",
                "dynamodb:Describe*",
                "dynamodb:Get*",
                "dynamodb:List*",
                "dynamodb:Query",
                "dynamodb:Scan",
                "rds:Describe*",
                "lambda:Get*",
                "lambda:List*",
                "codecommit:BatchGet*",
                "codecommit:Get*",
                "codecommit:GitPull",
                "codecommit:List*",
                "iam:Get*",
                "iam:List*",
                "logs:Get*",
                "logs:Describe*",
                "ec2:Describe*",
                "cloudformation:Describe*",
                "cloudformation:Get*",
            ]),
        ],
    },
    ViewOnlyAccess: { Statement: [allow(["s3:ListAllMyBuckets", "s3:ListBucket", "dynamodb:ListTables", "rds:DescribeDBInstances", "lambda:ListFunctions", "iam:List*", "ec2:Describe*"])] },
    SecurityAudit: { Statement: [allow(["iam:Get*", "iam:List*", "s3:GetBucket*", "s3:ListAllMyBuckets", "lambda:GetPolicy", "lambda:List*", "kms:Describe*", "kms:List*", "ec2:Describe*"])] },
    AWSCodeCommitFullAccess: { Statement: [allow("codecommit:*")] },
    AWSCodeCommitPowerUser: { Statement: [allow(["codecommit:Batch*", "codecommit:Create*", "codecommit:Get*", "codecommit:GitPull", "codecommit:GitPush", "codecommit:List*", "codecommit:Merge*", "codecommit:Post*", "codecommit:Put*", "codecommit:Update*"])] },
    AWSCodeCommitReadOnly: { Statement: [allow(["codecommit:BatchGet*", "codecommit:Describe*", "codecommit:Get*", "codecommit:GitPull", "codecommit:List*"])] },
    AWSCodeBuildAdminAccess: { Statement: [allow(["codebuild:*", "iam:PassRole"])] },
    AWSCodeBuildDeveloperAccess: { Statement: [allow(["codebuild:StartBuild", "codebuild:StopBuild", "codebuild:BatchGet*", "codebuild:Get*", "codebuild:List*"])] },
    AWSCodePipeline_FullAccess: { Statement: [allow(["codepipeline:*", "iam:PassRole"])] },
    AWSCodePipeline_ReadOnlyAccess: { Statement: [allow(["codepipeline:Get*", "codepipeline:List*"])] },
    AWSCodeDeployFullAccess: { Statement: [allow("codedeploy:*")] },
    AWSCloudFormationFullAccess: { Statement: [allow("cloudformation:*")] },
    AWSLambda_FullAccess: { Statement: [allow(["lambda:*", "cloudformation:DescribeStacks", "logs:*", "iam:PassRole"])] },
    AWSLambda_ReadOnlyAccess: { Statement: [allow(["lambda:Get*", "lambda:List*", "logs:Describe*", "logs:Get*"])] },
    AWSLambdaBasicExecutionRole: { Statement: [allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"])] },
    AWSLambdaVPCAccessExecutionRole: {
        Statement: [allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"])],
    },
    AWSXRayDaemonWriteAccess: { Statement: [allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"])] },
    AmazonS3FullAccess: { Statement: [allow(["s3:*", "s3-object-lambda:*"])] },
    AmazonS3ReadOnlyAccess: { Statement: [allow(["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"])] },
    AmazonDynamoDBFullAccess: { Statement: [allow(["dynamodb:*", "iam:PassRole"])] },
    AmazonDynamoDBReadOnlyAccess: { Statement: [allow(["dynamodb:BatchGetItem", "dynamodb:Describe*", "dynamodb:List*", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:PartiQLSelect"])] },
    AmazonRDSFullAccess: { Statement: [allow(["rds:*", "iam:PassRole"])] },
    AmazonRDSReadOnlyAccess: { Statement: [allow(["rds:Describe*", "rds:ListTagsForResource"])] },
    AmazonRDSDataFullAccess: { Statement: [allow(["rds-data:*", "secretsmanager:GetSecretValue", "secretsmanager:CreateSecret", "secretsmanager:ListSecrets"])] },
    SecretsManagerReadWrite: { Statement: [allow(["secretsmanager:*", "kms:Describe*", "kms:List*", "lambda:ListFunctions"])] },
    AmazonSSMFullAccess: { Statement: [allow(["ssm:*", "iam:PassRole"])] },
    AmazonSSMReadOnlyAccess: { Statement: [allow(["ssm:Describe*", "ssm:Get*", "ssm:List*"])] },
    AmazonSSMManagedInstanceCore: {
        Statement: [allow(["ssm:DescribeAssociation", "ssm:GetDocument", "ssm:GetParameter", "ssm:GetParameters", "ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"])],
    },
    AmazonEC2ContainerRegistryFullAccess: { Statement: [allow("ecr:*")] },
    AmazonEC2ContainerRegistryPowerUser: { Statement: [allow(["ecr:Get*", "ecr:BatchGet*", "ecr:BatchCheckLayerAvailability", "ecr:Describe*", "ecr:List*", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"])] },
    AmazonEC2ContainerRegistryReadOnly: { Statement: [allow(["ecr:Get*", "ecr:BatchGet*", "ecr:BatchCheckLayerAvailability", "ecr:Describe*", "ecr:List*"])] },
    AmazonECSTaskExecutionRolePolicy: {
        Statement: [allow(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream", "logs:PutLogEvents"])],
    },
    AmazonECS_FullAccess: { Statement: [allow(["ecs:*", "iam:PassRole", "cloudformation:CreateStack", "cloudformation:UpdateStack"])] },
    AWSKeyManagementServicePowerUser: { Statement: [allow(["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"])] },
    CloudWatchLogsFullAccess: { Statement: [allow("logs:*")] },
    CloudWatchLogsReadOnlyAccess: { Statement: [allow(["logs:Describe*", "logs:Get*", "logs:List*", "logs:StartQuery", "logs:StopQuery", "logs:TestMetricFilter", "logs:FilterLogEvents"])] },
    AWSHealthImagingFullAccess: { Statement: [allow("medical-imaging:*")] },
    AmazonHealthLakeFullAccess: { Statement: [allow(["healthlake:*", "s3:ListAllMyBuckets", "iam:PassRole"])] },
    AmazonHealthLakeReadOnlyAccess: { Statement: [allow(["healthlake:List*", "healthlake:Describe*", "healthlake:ReadResource", "healthlake:SearchWith*", "healthlake:GetCapabilities"])] },
}) as Readonly<Record<string, { Statement: PlainObject[] }>>;

/** The table's names in lower case: ARNs name managed policies in any case. */
const MANAGED_BY_LOWER_NAME = new Map<string, string>();
for (const name of Object.keys(MANAGED_POLICIES)) if (!MANAGED_BY_LOWER_NAME.has(name.toLowerCase())) MANAGED_BY_LOWER_NAME.set(name.toLowerCase(), name);

const MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/i;

export type ManagedPolicyRef =
    | { kind: "managed"; name: string; document: { Statement: PlainObject[] } }
    | { kind: "unrecognised-managed"; name: string }
    | { kind: "customer" };

/** Classifies a policy ARN: an AWS managed policy this table models, one it does not, or a customer policy. */
export function managedPolicy(arn: string): ManagedPolicyRef {
    const m = MANAGED_ARN.exec(arn.trim());
    if (!m) return { kind: "customer" };
    const name = m[1];
    const key = MANAGED_BY_LOWER_NAME.get(name.toLowerCase());
    return key ? { kind: "managed", name: key, document: MANAGED_POLICIES[key] } : { kind: "unrecognised-managed", name };
}
