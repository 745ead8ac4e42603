import { types } from "../type-tokens";

/**
 * The one table of where AWS rights live: which resources hold identity principals, which carry
 * policy documents or policy ARNs to them (inline, standalone, attached, Identity Center permission
 * sets with their inline, managed and customer-managed attachments), and which resources carry
 * resource policies. Every control that asks what a principal may do, or which documents to
 * judge, reads this table, so a carrier added here is judged everywhere.
 */

export type PrincipalKind = "role" | "user" | "group" | "permission-set";

export const PRINCIPAL_TYPES: Readonly<Record<PrincipalKind, string>> = {
    role: "aws:iam/role:Role",
    user: "aws:iam/user:User",
    group: "aws:iam/group:Group",
    "permission-set": "aws:ssoadmin/permissionSet:PermissionSet",
};

export const IAM_PRINCIPALS = types(...Object.values(PRINCIPAL_TYPES));
export const IAM_ROLES = types(PRINCIPAL_TYPES.role);
export const IAM_USERS = types(PRINCIPAL_TYPES.user);
export const PERMISSION_SETS = types(PRINCIPAL_TYPES["permission-set"]);
export const CUSTOMER_POLICY = "aws:iam/policy:Policy";
export const CUSTOMER_POLICIES = types(CUSTOMER_POLICY);

/** A resource that gives rights to principals. */
export interface RightsCarrier {
    /** Properties naming the principals it grants to; none when the resource is the principal itself. */
    holders: readonly { kind: PrincipalKind; prop: string }[];
    /** A property holding one identity-policy document. */
    document?: string;
    /** A property holding a list of `{ policy }` inline documents (Role.inlinePolicies). */
    inlineList?: string;
    /** A property holding one policy ARN, or (many) a list of them. */
    arns?: { prop: string; many: boolean };
    /** A property holding a customer-managed policy referenced by name and path (permission sets). */
    customerReference?: string;
}

const role = { kind: "role", prop: "role" } as const;
const user = { kind: "user", prop: "user" } as const;
const group = { kind: "group", prop: "group" } as const;
const permissionSet = { kind: "permission-set", prop: "permissionSetArn" } as const;

export const RIGHTS_CARRIERS: Readonly<Record<string, RightsCarrier>> = {
    "aws:iam/role:Role": { holders: [], inlineList: "inlinePolicies", arns: { prop: "managedPolicyArns", many: true } },
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
};

/** Group memberships: which property names the users and which the groups. */
export const GROUP_MEMBERSHIPS: Readonly<Record<string, { users: string; groups: string }>> = {
    "aws:iam/groupMembership:GroupMembership": { users: "users", groups: "group" },
    "aws:iam/userGroupMembership:UserGroupMembership": { users: "user", groups: "groups" },
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
    [CUSTOMER_POLICY]: "policy",
    ...Object.fromEntries(Object.entries(RIGHTS_CARRIERS).flatMap(([type, c]) => (c.document ? [[type, c.document]] : c.inlineList ? [[type, c.inlineList]] : []))),
};
export const IDENTITY_DOCUMENT_TYPES = types(...Object.keys(IDENTITY_DOCUMENT_PROPS));

/**
 * Resource policies (who may act on this resource), by the property that holds the document: the
 * standalone policy resources and the inline forms (Queue.policy, Topic.policy, Secret.policy, a
 * domain's accessPolicies), and the Elasticsearch module's domains, which are OpenSearch domains
 * under their old name.
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
    "aws:iam/role:Role": "assumeRolePolicy",
};
