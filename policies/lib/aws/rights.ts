import { types } from "../type-tokens";

/**
 * The one table of where AWS rights live: which resources hold identity principals, which carry
 * policy documents or policy ARNs to them (inline, standalone, attached, Identity Center permission
 * sets with their inline, managed and customer-managed attachments), and which resources carry
 * resource policies. Every control that asks what a principal may do, or which documents to
 * judge, reads this table, so a carrier added here is judged everywhere.
 */

export type PrincipalKind = "role" | "user" | "group" | "permission-set";

/** Principals by kind, from both AWS providers: @pulumi/aws and aws-native (CloudFormation-shaped). */
export const PRINCIPAL_TYPES: Readonly<Record<PrincipalKind, readonly string[]>> = {
    role: ["aws:iam/role:Role", "aws-native:iam:Role"],
    user: ["aws:iam/user:User", "aws-native:iam:User"],
    group: ["aws:iam/group:Group", "aws-native:iam:Group"],
    "permission-set": ["aws:ssoadmin/permissionSet:PermissionSet"],
};

export const IAM_PRINCIPALS = types(...Object.values(PRINCIPAL_TYPES).flat());
export const IAM_ROLES = types(...PRINCIPAL_TYPES.role);
export const IAM_USERS = types(...PRINCIPAL_TYPES.user);
export const IAM_GROUPS = types(...PRINCIPAL_TYPES.group);
export const PERMISSION_SETS = types(...PRINCIPAL_TYPES["permission-set"]);

/**
 * Customer-managed policies, by the property that holds their document: @pulumi/aws `iam.Policy`
 * and aws-native `iam.ManagedPolicy` (which may also attach itself, see RIGHTS_CARRIERS).
 */
export const CUSTOMER_POLICY_DOCUMENTS: Readonly<Record<string, string>> = {
    "aws:iam/policy:Policy": "policy",
    "aws-native:iam:ManagedPolicy": "policyDocument",
};
export const CUSTOMER_POLICIES = types(...Object.keys(CUSTOMER_POLICY_DOCUMENTS));

/** The properties that hold a principal's IAM name, in either provider's shape. */
export const PRINCIPAL_NAME_PROPS = ["name", "roleName", "userName", "groupName"] as const;

/** A resource that gives rights to principals. */
export interface RightsCarrier {
    /** Properties naming the principals it grants to; none when the resource is the principal itself. */
    holders: readonly { kind: PrincipalKind; prop: string }[];
    /** A property holding one identity-policy document. */
    document?: string;
    /** A property holding a list of inline documents, and the item property that holds each (Role.inlinePolicies `{ policy }`, aws-native `policies` `{ policyDocument }`). */
    inlineList?: { prop: string; document: string };
    /** A property holding one policy ARN, or (many) a list of them. */
    arns?: { prop: string; many: boolean };
    /** A property holding a customer-managed policy referenced by name and path (permission sets). */
    customerReference?: string;
}

const role = { kind: "role", prop: "role" } as const;
const user = { kind: "user", prop: "user" } as const;
const group = { kind: "group", prop: "group" } as const;
const permissionSet = { kind: "permission-set", prop: "permissionSetArn" } as const;

/** What an aws-native principal carries itself: inline `policies` and `managedPolicyArns`, as CloudFormation writes them. */
const NATIVE_PRINCIPAL: RightsCarrier = { holders: [], inlineList: { prop: "policies", document: "policyDocument" }, arns: { prop: "managedPolicyArns", many: true } };

export const RIGHTS_CARRIERS: Readonly<Record<string, RightsCarrier>> = {
    "aws:iam/role:Role": { holders: [], inlineList: { prop: "inlinePolicies", document: "policy" }, arns: { prop: "managedPolicyArns", many: true } },
    "aws:iam/rolePolicy:RolePolicy": { holders: [role], document: "policy" },
    "aws:iam/userPolicy:UserPolicy": { holders: [user], document: "policy" },
    "aws:iam/groupPolicy:GroupPolicy": { holders: [group], document: "policy" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { holders: [role], arns: { prop: "policyArn", many: false } },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { holders: [user], arns: { prop: "policyArn", many: false } },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { holders: [group], arns: { prop: "policyArn", many: false } },
    "aws:iam/policyAttachment:PolicyAttachment": {
        holders: [
            { kind: "role", prop: "roles" },
            { kind: "user", prop: "users" },
            { kind: "group", prop: "groups" },
        ],
        arns: { prop: "policyArn", many: false },
    },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { holders: [{ kind: "role", prop: "roleName" }], arns: { prop: "policyArns", many: true } },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { holders: [{ kind: "user", prop: "userName" }], arns: { prop: "policyArns", many: true } },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { holders: [{ kind: "group", prop: "groupName" }], arns: { prop: "policyArns", many: true } },
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": { holders: [permissionSet], document: "inlinePolicy" },
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": { holders: [permissionSet], arns: { prop: "managedPolicyArn", many: false } },
    "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": { holders: [permissionSet], arns: { prop: "managedPolicyArns", many: true } },
    "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment": { holders: [permissionSet], customerReference: "customerManagedPolicyReference" },
    "aws-native:iam:Role": NATIVE_PRINCIPAL,
    "aws-native:iam:User": NATIVE_PRINCIPAL,
    "aws-native:iam:Group": NATIVE_PRINCIPAL,
    "aws-native:iam:RolePolicy": { holders: [{ kind: "role", prop: "roleName" }], document: "policyDocument" },
    "aws-native:iam:UserPolicy": { holders: [{ kind: "user", prop: "userName" }], document: "policyDocument" },
    "aws-native:iam:GroupPolicy": { holders: [{ kind: "group", prop: "groupName" }], document: "policyDocument" },
    // A managed policy that names its roles, users and groups attaches itself to them.
    "aws-native:iam:ManagedPolicy": {
        holders: [
            { kind: "role", prop: "roles" },
            { kind: "user", prop: "users" },
            { kind: "group", prop: "groups" },
        ],
        document: "policyDocument",
    },
};

/** Group memberships: which property names the users (none: the resource is the user) and which the groups. */
export const GROUP_MEMBERSHIPS: Readonly<Record<string, { users?: string; groups: string }>> = {
    "aws:iam/groupMembership:GroupMembership": { users: "users", groups: "group" },
    "aws:iam/userGroupMembership:UserGroupMembership": { users: "user", groups: "groups" },
    "aws-native:iam:User": { groups: "groups" },
};

export const RIGHTS_CARRIER_TYPES = types(...Object.keys(RIGHTS_CARRIERS));

/** Resources that attach policy ARNs (the managed-policy attachments, Role.managedPolicyArns included). */
export const POLICY_ARN_CARRIERS = types(...Object.keys(RIGHTS_CARRIERS).filter((t) => RIGHTS_CARRIERS[t].arns));

/**
 * Resources whose inputs hold identity-policy documents, each judged by the document controls as
 * it is written: customer-managed policies, inline policies of every principal kind, permission
 * set inline policies and Role.inlinePolicies.
 */
export const IDENTITY_DOCUMENT_PROPS: Readonly<Record<string, string>> = {
    ...CUSTOMER_POLICY_DOCUMENTS,
    ...Object.fromEntries(Object.entries(RIGHTS_CARRIERS).flatMap(([type, c]) => (c.document ? [[type, c.document]] : c.inlineList ? [[type, c.inlineList.prop]] : []))),
};
export const IDENTITY_DOCUMENT_TYPES = types(...Object.keys(IDENTITY_DOCUMENT_PROPS));

/**
 * Resource policies (who may act on this resource), by the property that holds the document: the
 * standalone policy resources and the inline forms (Queue.policy, Topic.policy, Secret.policy, a
 * domain's accessPolicies, an aws-native file system's fileSystemPolicy), and the Elasticsearch
 * module's domains, which are OpenSearch domains under their old name.
 */
export const RESOURCE_POLICY_PROPS: Readonly<Record<string, string>> = {
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:kms/key:Key": "policy",
    "aws:kms/keyPolicy:KeyPolicy": "policy",
    "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
    "aws:secretsmanager/secret:Secret": "policy",
    "aws:sqs/queuePolicy:QueuePolicy": "policy",
    "aws:sqs/queue:Queue": "policy",
    "aws:sns/topicPolicy:TopicPolicy": "policy",
    "aws:sns/topic:Topic": "policy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:ecrpublic/repositoryPolicy:RepositoryPolicy": "policy",
    "aws:dynamodb/resourcePolicy:ResourcePolicy": "policy",
    "aws:kinesis/resourcePolicy:ResourcePolicy": "policy",
    "aws:opensearch/domainPolicy:DomainPolicy": "accessPolicies",
    "aws:opensearch/domain:Domain": "accessPolicies",
    "aws:elasticsearch/domainPolicy:DomainPolicy": "accessPolicies",
    "aws:elasticsearch/domain:Domain": "accessPolicies",
    "aws:efs/fileSystemPolicy:FileSystemPolicy": "policy",
    "aws:backup/vaultPolicy:VaultPolicy": "policy",
    "aws:glacier/vault:Vault": "accessPolicy",
    "aws:glue/resourcePolicy:ResourcePolicy": "policy",
    "aws:cloudwatch/eventBusPolicy:EventBusPolicy": "policy",
    "aws:iam/role:Role": "assumeRolePolicy",
    "aws-native:s3:BucketPolicy": "policyDocument",
    "aws-native:kms:Key": "keyPolicy",
    "aws-native:iam:Role": "assumeRolePolicyDocument",
    // aws-native 1.79 has no sqs:QueuePolicy (AWS::SQS::QueuePolicy is not in the Cloud Control API): a queue's policy is a QueueInlinePolicy.
    "aws-native:sqs:QueueInlinePolicy": "policyDocument",
    "aws-native:sns:TopicPolicy": "policyDocument",
    "aws-native:sns:TopicInlinePolicy": "policyDocument",
    "aws-native:secretsmanager:ResourcePolicy": "resourcePolicy",
    "aws-native:efs:FileSystem": "fileSystemPolicy",
};

/** The trust policy of a role, in either provider's shape: `assumeRolePolicy` (a JSON string) or aws-native `assumeRolePolicyDocument` (an object). */
export const TRUST_POLICY_PROPS: Readonly<Record<string, string>> = Object.fromEntries(PRINCIPAL_TYPES.role.map((t) => [t, RESOURCE_POLICY_PROPS[t]]));
