import { strict as assert } from "assert";
import type { Control } from "../../policies/control";
import { controls } from "../../policies/registry";
import { TestResource, unknown, urnOf } from "../harness";
import { evaluate } from "./check";

/**
 * Shapes an insider would use to slip a dangerous configuration past a naive check. Every case
 * must be caught: a violation on the resource it concerns.
 */
interface Evasion {
    policy: string;
    shape: string;
    resources: TestResource[];
    /** The resource the finding must name (for stack controls); defaults to the first. */
    on?: number;
}

const byId = new Map(controls.map((c) => [c.id, c]));
const iamPolicy = (policy: unknown, type = "aws:iam/policy:Policy"): TestResource => ({ type, name: "p", props: { policy } });
const stmt = (s: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });
const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const assignment = (scope: string, type = "azure-native:authorization:RoleAssignment"): TestResource => ({
    type,
    name: "ra",
    props: { scope, principalId: "11111111-1111-1111-1111-111111111111", roleDefinitionId: "b24988ac-6180-42a0-ab88-20f7382dd24c" },
});
const outbound = (over: Record<string, unknown>, type = "azure-native:network:SecurityRule"): TestResource => ({
    type,
    name: "rule",
    props: { direction: "Outbound", access: "Allow", protocol: "*", sourceAddressPrefix: "*", sourcePortRange: "*", destinationPortRange: "*", priority: 100, ...over },
});
const bucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "b", props: {} };
const sse = (sseAlgorithm: string, type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"): TestResource => ({
    type,
    name: "b-sse",
    props: { bucket: unknown, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm } }] },
    propertyDependencies: { bucket: [urnOf(bucket)] },
});

const trust = (Principal: unknown): TestResource => ({
    type: "aws:iam/role:Role",
    name: "r",
    props: { assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal }] }), permissionsBoundary: "arn:aws:iam::111122223333:policy/b" },
});
const OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const ownerAssignment = (roleDefinitionId: string): TestResource => ({
    type: "azure-native:authorization:RoleAssignment",
    name: "owner",
    props: { scope: `${SUB}/resourceGroups/phi`, principalId: "22222222-2222-2222-2222-222222222222", roleDefinitionId, description: "ticket SEC-1" },
});
const inbound = (over: Record<string, unknown>): TestResource => ({
    type: "azure-native:network:SecurityRule",
    name: "in",
    props: { direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*", destinationAddressPrefix: "*", priority: 100, ...over },
});
const phiBucket: TestResource = { type: "aws:s3/bucket:Bucket", name: "phi", props: {} };
const onBucket = (type: string, name: string, props: Record<string, unknown>): TestResource => ({
    type,
    name,
    props: { bucket: unknown, ...props },
    propertyDependencies: { bucket: [urnOf(phiBucket)] },
});

const permissionSetInline = (s: Record<string, unknown>): TestResource => ({
    type: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
    name: "ps-inline",
    props: { inlinePolicy: stmt(s), instanceArn: "arn:aws:sso:::instance/ssoins-1", permissionSetArn: unknown },
});
const MANAGED = "arn:aws:iam::aws:policy/";
const iamRole = (name: string, props: Record<string, unknown> = {}): TestResource => ({ type: "aws:iam/role:Role", name, props: { name, ...props } });
const humans: TestResource = { type: "aws:iam/group:Group", name: "humans", props: { name: "humans" } };
const permissionSet: TestResource = { type: "aws:ssoadmin/permissionSet:PermissionSet", name: "ops", props: { name: "ops", sessionDuration: "PT12H" } };
const onSet = (type: string, name: string, props: Record<string, unknown>): TestResource => ({ type, name, props: { permissionSetArn: unknown, ...props }, propertyDependencies: { permissionSetArn: [urnOf(permissionSet)] } });

const customRole = (permissions: Record<string, unknown>[]): TestResource => ({
    type: "azure-native:authorization:RoleDefinition",
    name: "custom",
    props: { roleName: "platform-operator", scope: `${SUB}/resourceGroups/phi`, permissions },
});
const CONTRIBUTOR_ALIAS = customRole([{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/elevateAccess/Action"] }]);
const STORAGE_ALL = customRole([{ actions: ["Microsoft.Storage/*"], dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"] }]);
const customAssignment = (definition: TestResource, name = "ra-custom", principalId = "33333333-3333-3333-3333-333333333333"): TestResource => ({
    type: "azure-native:authorization:RoleAssignment",
    name,
    props: { scope: `${SUB}/resourceGroups/phi`, principalId, roleDefinitionId: unknown },
    propertyDependencies: { roleDefinitionId: [urnOf(definition)] },
});

const openPolicy = (Condition: Record<string, unknown>): TestResource[] => [
    phiBucket,
    onBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    onBucket("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi/*", Condition }] }) }),
];

export const EVASIONS: Evasion[] = [
    { policy: "az-rbac-privileged-standing", shape: "a custom role that is Contributor under another name", resources: [CONTRIBUTOR_ALIAS, customAssignment(CONTRIBUTOR_ALIAS)], on: 1 },
    { policy: "az-grant-justification", shape: "a custom role allowing Microsoft.Storage/* and every blob data action, assigned without a justification", resources: [STORAGE_ALL, customAssignment(STORAGE_ALL)], on: 1 },
    {
        policy: "az-segregation-of-duties",
        shape: "a custom role allowing Microsoft.Storage/* and every blob data action, held by a principal that also deploys web apps",
        resources: [STORAGE_ALL, customAssignment(STORAGE_ALL), { ...customAssignment(STORAGE_ALL, "ra-deploy"), props: { scope: `${SUB}/resourceGroups/phi`, principalId: "33333333-3333-3333-3333-333333333333", roleDefinitionId: "de139f84-1756-47ae-9be6-808fbbe84772" }, propertyDependencies: {} }],
        on: 1,
    },
    {
        policy: "aws-iam-grant-justification",
        shape: "a human group given AmazonS3FullAccess, which reads every object",
        resources: [humans, { type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment", name: "s3", props: { group: unknown, policyArn: `${MANAGED}AmazonS3FullAccess` }, propertyDependencies: { group: [urnOf(humans)] } }],
    },
    { policy: "aws-segregation-of-duties", shape: "a deployer role with SecretsManagerReadWrite, which reads every secret", resources: [iamRole("deployer", { managedPolicyArns: [`${MANAGED}SecretsManagerReadWrite`, `${MANAGED}AWSCodeDeployFullAccess`] })] },
    { policy: "aws-segregation-of-duties", shape: "ReadOnlyAccess (every S3 object and DynamoDB item) with a code push", resources: [iamRole("dev", { managedPolicyArns: [`${MANAGED}ReadOnlyAccess`], inlinePolicies: [{ name: "push", policy: stmt({ Effect: "Allow", Action: "codecommit:GitPush", Resource: "*" }) }] })] },
    {
        policy: "aws-segregation-of-duties",
        shape: "an Identity Center permission set that reads PHI inline and deploys through a managed attachment",
        resources: [
            permissionSet,
            onSet("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", "read", { inlinePolicy: stmt({ Effect: "Allow", Action: "healthlake:ReadResource", Resource: "*" }) }),
            onSet("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "deploy", { managedPolicyArn: `${MANAGED}AWSCloudFormationFullAccess` }),
        ],
    },
    { policy: "aws-iam-no-admin-attachments", shape: "AdministratorAccess-Amplify, an administrator by its statements whatever its name", resources: [iamRole("app", { managedPolicyArns: [`${MANAGED}AdministratorAccess-Amplify`] })] },
    { policy: "aws-iam-no-admin-attachments", shape: "PowerUserAccess on an Identity Center permission set", resources: [permissionSet, onSet("aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "power", { managedPolicyArn: `${MANAGED}PowerUserAccess` })], on: 1 },
    { policy: "aws-iam-session-duration", shape: 'a 12-hour permission set whose inline policy allows Action "*"', resources: [permissionSet, onSet("aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy", "admin", { inlinePolicy: stmt({ Effect: "Allow", Action: "*", Resource: "*" }) })] },
    { policy: "aws-iam-session-duration", shape: "a 12-hour role holding IAMFullAccess", resources: [iamRole("iam-admin", { maxSessionDuration: 43200, managedPolicyArns: [`${MANAGED}IAMFullAccess`] })] },
    {
        policy: "aws-lambda-role-scope",
        shape: "a function whose role holds AmazonS3FullAccess",
        resources: [{ type: "aws:lambda/function:Function", name: "fn", props: { role: unknown }, propertyDependencies: { role: [urnOf(iamRole("exec"))] } }, iamRole("exec", { managedPolicyArns: [`${MANAGED}AmazonS3FullAccess`] })],
    },
    { policy: "az-app-tls", shape: "a deployment slot with httpsOnly false and TLS 1.0", resources: [{ type: "azure-native:web:WebAppSlot", name: "staging", props: { httpsOnly: false, siteConfig: { minTlsVersion: "1.0", scmMinTlsVersion: "1.2", ftpsState: "Disabled" } } }] },
    { policy: "aws-iam-no-service-wildcards", shape: "healthlake:ReadResource (a PHI read no hand-written list named) on every resource", resources: [iamPolicy(stmt({ Effect: "Allow", Action: "healthlake:ReadResource", Resource: "*" }))] },
    { policy: "aws-iam-no-admin-statements", shape: 'an Identity Center permission set inline policy with Action "*"', resources: [permissionSetInline({ Effect: "Allow", Action: "*", Resource: "*" })] },
    { policy: "aws-iam-privilege-escalation", shape: "iam:PassRole on every role in a permission set inline policy", resources: [permissionSetInline({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" })] },
    { policy: "aws-iam-kms-wildcard", shape: "kms:Decrypt on every key in a permission set inline policy", resources: [permissionSetInline({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" })] },
    { policy: "aws-s3-public-access", shape: 'Principal "*" limited by aws:PrincipalOrgID "o-*"', resources: openPolicy({ StringLike: { "aws:PrincipalOrgID": "o-*" } }), on: 2 },
    { policy: "aws-s3-public-access", shape: 'Principal "*" limited by aws:PrincipalArn in any account', resources: openPolicy({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/reader" } }), on: 2 },
    { policy: "aws-s3-public-access", shape: 'Principal "*" limited by a wildcard aws:SourceAccount', resources: openPolicy({ StringLike: { "aws:SourceAccount": "*" } }), on: 2 },
    { policy: "aws-s3-public-access", shape: 'Principal "*" limited by aws:SourceArn in any account', resources: openPolicy({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:alerts" } }), on: 2 },
    { policy: "aws-iam-trust-policy", shape: 'Principal "*"', resources: [trust("*")] },
    { policy: "aws-iam-trust-policy", shape: 'Principal {"AWS": "*"}', resources: [trust({ AWS: "*" })] },
    { policy: "aws-iam-trust-policy", shape: "Principal with * in an AWS list", resources: [trust({ AWS: ["arn:aws:iam::111122223333:root", "*"] })] },
    { policy: "az-rbac-privileged-standing", shape: "Owner as a bare GUID in upper case", resources: [ownerAssignment(OWNER.toUpperCase())] },
    { policy: "az-rbac-privileged-standing", shape: "Owner as a subscription-level resource id", resources: [ownerAssignment(`${SUB}/providers/Microsoft.Authorization/roleDefinitions/${OWNER}`)] },
    { policy: "az-rbac-privileged-standing", shape: "Owner as a tenant-level id with a trailing slash", resources: [ownerAssignment(`/providers/microsoft.authorization/roledefinitions/${OWNER}/`)] },
    { policy: "az-nsg-ingress", shape: "a port range that covers 22", resources: [inbound({ sourceAddressPrefix: "Internet", destinationPortRange: "20-25" })] },
    { policy: "az-nsg-ingress", shape: "22 hidden in destinationPortRanges with a * source in prefixes", resources: [inbound({ sourceAddressPrefixes: ["10.0.0.0/8", "*"], destinationPortRanges: ["443", "22"] })] },
    { policy: "az-nsg-ingress", shape: "the internet as two /1 prefixes to RDP", resources: [inbound({ sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"], destinationPortRange: "3389" })] },
    { policy: "aws-sg-egress", shape: "egress to 0.0.0.0/0 as a standalone SecurityGroupRule", resources: [{ type: "aws:ec2/securityGroupRule:SecurityGroupRule", name: "out", props: { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroupId: unknown } }] },
    { policy: "aws-sg-egress", shape: "egress to ::/0 as a vpc.SecurityGroupEgressRule", resources: [{ type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: "out6", props: { ipProtocol: "-1", cidrIpv6: "::/0", securityGroupId: unknown } }] },
    { policy: "aws-sg-ingress", shape: "SSH from the internet as a port range 0-1024", resources: [{ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "in", props: { ipProtocol: "tcp", fromPort: 0, toPort: 1024, cidrIpv4: "0.0.0.0/0", securityGroupId: unknown } }] },
    {
        policy: "aws-s3-public-access",
        shape: "a standalone public access block that leaves one flag off",
        resources: [phiBucket, onBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true })],
        on: 1,
    },
    {
        policy: "aws-s3-public-access",
        shape: 'a standalone bucket policy granting Principal {"AWS": ["*"]}',
        resources: [
            phiBucket,
            onBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pab", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
            onBucket("aws:s3/bucketPolicy:BucketPolicy", "policy", { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:GetObject", Resource: "arn:aws:s3:::phi/*" }] }) }),
        ],
        on: 2,
    },
    { policy: "aws-iam-no-admin-statements", shape: "Action in upper case with padding", resources: [iamPolicy(stmt({ Effect: "ALLOW", Action: [" * "], Resource: "*" }))] },
    { policy: "aws-iam-no-admin-statements", shape: "NotAction with Allow", resources: [iamPolicy(stmt({ Effect: "Allow", NotAction: ["iam:DeleteUser"], Resource: "*" }))] },
    { policy: "aws-iam-no-admin-statements", shape: "NotResource with Allow *", resources: [iamPolicy(stmt({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::x" }))] },
    { policy: "aws-iam-no-admin-statements", shape: "Resource arn:aws:*:*:*:*", resources: [iamPolicy(stmt({ Effect: "Allow", Action: "*", Resource: "arn:aws:*:*:*:*" }))] },
    { policy: "aws-iam-no-admin-statements", shape: "document as an object with a single Statement", resources: [iamPolicy({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })] },
    { policy: "aws-iam-no-admin-statements", shape: "document as a string with whitespace and newlines", resources: [iamPolicy(`\n\t${stmt({ Effect: "Allow", Action: "*", Resource: "*" })}\n`)] },
    { policy: "aws-iam-no-admin-statements", shape: "hidden in a role's second inline policy", resources: [{ type: "aws:iam/role:Role", name: "r", props: { inlinePolicies: [{ name: "a", policy: stmt({ Effect: "Deny", Action: "*", Resource: "*" }) }, { name: "b", policy: stmt({ Effect: "Allow", Action: "*", Resource: "*" }) }] } }] },
    { policy: "aws-iam-no-admin-statements", shape: "a group policy instead of a managed policy", resources: [iamPolicy(stmt({ Effect: "Allow", Action: "*", Resource: "*" }), "aws:iam/groupPolicy:GroupPolicy")] },
    { policy: "aws-s3-encryption-cmk", shape: "encryption split into a standalone V2 configuration with AES256", resources: [bucket, sse("AES256", "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")], on: 1 },
    { policy: "aws-s3-encryption-cmk", shape: "a BucketV2 with no configuration at all", resources: [{ ...bucket, type: "aws:s3/bucketV2:BucketV2" }] },
    { policy: "az-rbac-scope", shape: "subscription scope in upper case with trailing slashes", resources: [assignment(`${SUB.toUpperCase()}//`)] },
    { policy: "az-rbac-scope", shape: "management group scope in lower case", resources: [assignment("/providers/microsoft.management/managementgroups/root-mg")] },
    { policy: "az-rbac-scope", shape: "a versioned RoleAssignment token", resources: [assignment(SUB, "azure-native:authorization/v20200401preview:RoleAssignment")] },
    { policy: "az-nsg-egress", shape: "the internet as two /1 prefixes", resources: [outbound({ destinationAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] })] },
    { policy: "az-nsg-egress", shape: "IPv6 anywhere", resources: [outbound({ destinationAddressPrefix: "::/0" })] },
    { policy: "az-nsg-egress", shape: "the Internet tag in lower case, enums in lower case", resources: [outbound({ direction: "outbound", access: "allow", destinationAddressPrefix: "internet" })] },
    { policy: "az-nsg-egress", shape: "an egress rule as a separate resource under a versioned token", resources: [outbound({ destinationAddressPrefix: "*" }, "azure-native:network/v20240301:SecurityRule")] },
];

describe("evasion corpus: every shape is caught", () => {
    for (const e of EVASIONS) {
        it(`${e.policy} catches ${e.shape}`, async () => {
            const control: Control | undefined = byId.get(e.policy);
            assert.ok(control, `${e.policy} is not registered`);
            const outcome = await evaluate(control!, e.resources);
            assert.ok(outcome.violations.length > 0, `not caught: ${JSON.stringify(outcome)}`);
            if (outcome.urns[0] !== undefined) assert.equal(outcome.urns[0], urnOf(e.resources[e.on ?? 0]));
        });
    }
});
