/**
 * IAM actions that matter for insider-threat paths to PHI, in one place so that every control that
 * asks "does this statement reach PHI / escalate privilege / decrypt data?" uses the same lists.
 * Each action carries the resource ARN template it acts on (see reachesEveryResourceOf) and, where
 * IAM offers them, the condition keys that really narrow it (lower case, `*` as a wildcard).
 */
export interface SensitiveAction {
    /** A concrete action or an action family pattern, as IAM writes it. */
    action: string;
    /** Any resource the action acts on, with {partition}, {region} and {account} placeholders. */
    resource: string;
    /** Condition keys that limit which resources or targets the grant reaches. */
    constrainingKeys?: readonly string[];
}

const S3_OBJECT = "arn:{partition}:s3:::phi-guard-probe-bucket/phi-guard-probe-object";
const DYNAMODB_TABLE = "arn:{partition}:dynamodb:{region}:{account}:table/phi-guard-probe";
const KMS_KEY = "arn:{partition}:kms:{region}:{account}:key/phi-guard-probe";
const IAM_ROLE = "arn:{partition}:iam::{account}:role/phi-guard-probe";
const IAM_USER = "arn:{partition}:iam::{account}:user/phi-guard-probe";
const IAM_GROUP = "arn:{partition}:iam::{account}:group/phi-guard-probe";
const IAM_POLICY = "arn:{partition}:iam::{account}:policy/phi-guard-probe";

const KMS_KEY_CONDITIONS = ["kms:viaservice", "kms:encryptioncontext:*", "kms:encryptioncontextkeys", "aws:resourcetag/*"];

/** Reads of stored data (PHI) or of the secrets and keys that unlock it. */
export const DATA_READ_ACTIONS: readonly SensitiveAction[] = [
    { action: "s3:GetObject", resource: S3_OBJECT },
    { action: "s3:GetObjectVersion", resource: S3_OBJECT },
    { action: "rds:Describe*", resource: "arn:{partition}:rds:{region}:{account}:db:phi-guard-probe" },
    { action: "dynamodb:Scan", resource: DYNAMODB_TABLE },
    { action: "dynamodb:Query", resource: DYNAMODB_TABLE },
    { action: "dynamodb:GetItem", resource: DYNAMODB_TABLE },
    { action: "dynamodb:BatchGetItem", resource: DYNAMODB_TABLE },
    { action: "secretsmanager:GetSecretValue", resource: "arn:{partition}:secretsmanager:{region}:{account}:secret:phi-guard-probe" },
    { action: "ssm:GetParameter", resource: "arn:{partition}:ssm:{region}:{account}:parameter/phi-guard-probe" },
    { action: "ssm:GetParameters", resource: "arn:{partition}:ssm:{region}:{account}:parameter/phi-guard-probe" },
    { action: "ssm:GetParametersByPath", resource: "arn:{partition}:ssm:{region}:{account}:parameter/phi-guard-probe" },
    { action: "kms:Decrypt", resource: KMS_KEY, constrainingKeys: KMS_KEY_CONDITIONS },
];

/** Uses of a KMS key that turn ciphertext back into plaintext. */
export const KMS_DECRYPT_ACTIONS: readonly SensitiveAction[] = [
    { action: "kms:Decrypt", resource: KMS_KEY, constrainingKeys: KMS_KEY_CONDITIONS },
    { action: "kms:ReEncryptFrom", resource: KMS_KEY, constrainingKeys: KMS_KEY_CONDITIONS },
    { action: "kms:ReEncryptTo", resource: KMS_KEY, constrainingKeys: KMS_KEY_CONDITIONS },
];

const IAM_POLICY_CONDITIONS = ["iam:policyarn", "iam:permissionsboundary"];
const IAM_TAG_CONDITIONS = ["aws:resourcetag/*", "iam:resourcetag/*"];

/**
 * Actions with which a principal raises its own rights: hand a stronger role to a service, write or
 * attach a policy, mint credentials for another user, or assume any role.
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly SensitiveAction[] = [
    { action: "iam:PassRole", resource: IAM_ROLE, constrainingKeys: ["iam:passedtoservice", "iam:associatedresourcearn", ...IAM_TAG_CONDITIONS] },
    { action: "iam:CreatePolicy", resource: IAM_POLICY, constrainingKeys: ["aws:requesttag/*"] },
    { action: "iam:CreatePolicyVersion", resource: IAM_POLICY, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "iam:SetDefaultPolicyVersion", resource: IAM_POLICY, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "iam:AttachRolePolicy", resource: IAM_ROLE, constrainingKeys: [...IAM_POLICY_CONDITIONS, ...IAM_TAG_CONDITIONS] },
    { action: "iam:AttachUserPolicy", resource: IAM_USER, constrainingKeys: [...IAM_POLICY_CONDITIONS, ...IAM_TAG_CONDITIONS] },
    { action: "iam:AttachGroupPolicy", resource: IAM_GROUP, constrainingKeys: [...IAM_POLICY_CONDITIONS, ...IAM_TAG_CONDITIONS] },
    { action: "iam:PutRolePolicy", resource: IAM_ROLE, constrainingKeys: ["iam:permissionsboundary", ...IAM_TAG_CONDITIONS] },
    { action: "iam:PutUserPolicy", resource: IAM_USER, constrainingKeys: ["iam:permissionsboundary", ...IAM_TAG_CONDITIONS] },
    { action: "iam:PutGroupPolicy", resource: IAM_GROUP, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "iam:CreateAccessKey", resource: IAM_USER, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "iam:CreateLoginProfile", resource: IAM_USER, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "iam:UpdateLoginProfile", resource: IAM_USER, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "iam:UpdateAssumeRolePolicy", resource: IAM_ROLE, constrainingKeys: IAM_TAG_CONDITIONS },
    { action: "sts:AssumeRole", resource: IAM_ROLE, constrainingKeys: ["aws:resourcetag/*", "iam:resourcetag/*", "aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths"] },
];

/** `svc:*`: every action of one service. */
export const SERVICE_WILDCARD = /^[a-z0-9-]+:\*+$/i;

/**
 * AWS-managed policies that confer administrator or near-administrator rights, by name (the part
 * after `policy/`, job-function path included when there is one).
 */
export const ADMIN_MANAGED_POLICIES: readonly string[] = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const AWS_MANAGED_POLICY_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::aws:policy\/(.+)$/i;

/**
 * The name of an AWS-managed policy ARN in any partition (`job-function/SystemAdministrator`
 * keeps its path), or undefined for a customer-managed ARN or anything else.
 */
export function awsManagedPolicyName(arn: string): string | undefined {
    const m = AWS_MANAGED_POLICY_ARN.exec(arn.trim());
    return m ? m[2] : undefined;
}

/**
 * Whether an ARN is an AWS-managed policy listed in `names`. A listed name matches the whole path
 * after `policy/` or its last segment, case-insensitively, so `AdministratorAccess` also catches a
 * job-function copy and `job-function/SystemAdministrator` can be listed exactly.
 */
export function isListedManagedPolicy(arn: string, names: readonly string[]): boolean {
    const name = awsManagedPolicyName(arn);
    if (name === undefined) return false;
    const full = name.toLowerCase();
    const last = full.split("/").pop() ?? full;
    return names.some((n) => {
        const wanted = n.trim().toLowerCase();
        return wanted === full || wanted === last;
    });
}
