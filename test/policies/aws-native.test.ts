import { strict as assert } from "assert";
import type { Control } from "../../policies/control";
import { awsS3EncryptionCmk } from "../../policies/aws/s3/encryption-cmk";
import { awsS3PublicAccess } from "../../policies/aws/s3/public-access";
import { awsS3TlsOnly } from "../../policies/aws/s3/tls-only";
import { awsS3VersioningLogging } from "../../policies/aws/s3/versioning-logging";
import { awsExfilExternalAccess } from "../../policies/aws/exfil/external-access";
import { awsIamNoAdminAttachments } from "../../policies/aws/iam/no-admin-attachments";
import { awsIamNoAdminStatements } from "../../policies/aws/iam/no-admin-statements";
import { awsIamNoUserCredentials } from "../../policies/aws/iam/no-user-credentials";
import { awsIamPermissionBoundary } from "../../policies/aws/iam/permission-boundary";
import { awsIamSessionDuration } from "../../policies/aws/iam/session-duration";
import { awsIamTrustPolicy } from "../../policies/aws/iam/trust-policy";
import { awsCloudtrailCoverage } from "../../policies/aws/cloudtrail/coverage";
import { awsCloudtrailImmutableStore } from "../../policies/aws/cloudtrail/immutable-store";
import { awsCloudtrailIntegrity } from "../../policies/aws/cloudtrail/integrity";
import { awsDatastoreCmk } from "../../policies/aws/datastore/cmk";
import { awsLambdaUrlAuth } from "../../policies/aws/lambda/url-auth";
import { awsLogsKms } from "../../policies/aws/logs/kms";
import { awsLogsRetention } from "../../policies/aws/logs/retention";
import { awsRdsExposure } from "../../policies/aws/rds/exposure";
import { awsKmsKeyPolicy } from "../../policies/aws/kms/key-policy";
import { awsKmsRotation } from "../../policies/aws/kms/rotation";
import { awsSgEgress } from "../../policies/aws/sg/egress";
import { awsSgIngress } from "../../policies/aws/sg/ingress";
import { awsSegregationOfDuties } from "../../policies/aws/segregation/of-duties";
import { Outcome, RunOptions, runResource, runStack, TestResource, unknown, urnOf } from "../harness";
import { block, bucket, companion, FULL_BLOCK, TLS_DENY } from "./aws/s3/fixtures";

/**
 * One rule, two property shapes: each case feeds a control the @pulumi/aws form and the aws-native
 * (CloudFormation-shaped) form of the same resources and expects the same finding. The aws-native
 * inputs use the property names of the @pulumi/aws-native 1.79 Args types.
 */

const NATIVE_BUCKET = "aws-native:s3:Bucket";
const nativeBucket = (name: string, props: Record<string, unknown> = {}) => bucket(name, props, NATIVE_BUCKET);
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const PUBLIC_READ = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
const nativeSse = (byDefault: Record<string, unknown>) => ({ bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: byDefault }] } });
const awsSse = (byDefault: Record<string, unknown>) => ({ serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: byDefault } } });

// IAM: @pulumi/aws writes documents as JSON strings, aws-native as objects.
const ADMIN = doc({ Effect: "Allow", Action: "*", Resource: "*" });
const PUSH_AND_READ = doc({ Effect: "Allow", Action: "codecommit:GitPush", Resource: "arn:aws:codecommit:us-east-1:111122223333:app" }, { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi/*" });
const TRUST_EC2 = doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
const TRUST_ANYONE = doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" });
const TRUST_OUTSIDER = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" });
const role = (name: string, props: Record<string, unknown> = {}, trust: unknown = TRUST_EC2): TestResource => ({
    type: "aws:iam/role:Role",
    name,
    props: { assumeRolePolicy: JSON.stringify(trust), permissionsBoundary: "arn:aws:iam::111122223333:policy/boundary", ...props },
});
const nativeRole = (name: string, props: Record<string, unknown> = {}, trust: unknown = TRUST_EC2): TestResource => ({
    type: "aws-native:iam:Role",
    name,
    props: { assumeRolePolicyDocument: trust, permissionsBoundary: "arn:aws:iam::111122223333:policy/boundary", ...props },
});
const withoutBoundary = (r: TestResource): TestResource => {
    const { permissionsBoundary: _, ...props } = r.props;
    return { ...r, props };
};
const linkedTo = (target: TestResource, prop: string) => ({ [prop]: [urnOf(target)] });
const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
const KEY_OPEN = doc({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" });
const APP_ROLE = "arn:aws:iam::111122223333:role/app";
const KEY_ADMIN_AND_USE = doc({ Effect: "Allow", Principal: { AWS: APP_ROLE }, Action: ["kms:PutKeyPolicy", "kms:Decrypt"], Resource: "*" });
const KEY_OUTSIDER = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:Decrypt", Resource: "*" });
const TRUSTED = { settings: { trustedAwsAccountIds: ["111122223333"] } };

interface Case {
    title: string;
    control: Control;
    /** The settings both forms run with. */
    opts?: RunOptions;
    /** Set when the problem text quotes a source path, which each provider names differently: only `expect` is compared. */
    quotesPaths?: true;
    aws: () => TestResource[];
    native: () => TestResource[];
    /** What both forms must report: the problem of each violation, or "unverified" for one could-not-verify. */
    expect: (RegExp | "unverified")[];
}

const CASES: Case[] = [
    {
        title: "default encryption with S3-managed keys (AES256)",
        control: awsS3EncryptionCmk,
        aws: () => [bucket("records", awsSse({ sseAlgorithm: "AES256" }))],
        native: () => [nativeBucket("records", nativeSse({ sseAlgorithm: "AES256" }))],
        expect: [/default encryption does not use SSE-KMS with a customer-managed key/],
    },
    {
        title: "SSE-KMS without a key (the AWS-managed aws/s3 key)",
        control: awsS3EncryptionCmk,
        aws: () => [bucket("records", awsSse({ sseAlgorithm: "aws:kms" }))],
        native: () => [nativeBucket("records", nativeSse({ sseAlgorithm: "aws:kms" }))],
        expect: [/SSE-KMS without kmsMasterKeyId uses the AWS-managed key/],
    },
    {
        title: "SSE-KMS with a customer-managed key",
        control: awsS3EncryptionCmk,
        aws: () => [bucket("records", awsSse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown }))],
        native: () => [nativeBucket("records", nativeSse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: unknown }))],
        expect: [],
    },
    {
        title: "default encryption unknown at preview",
        control: awsS3EncryptionCmk,
        aws: () => [bucket("records", { serverSideEncryptionConfiguration: unknown })],
        native: () => [nativeBucket("records", { bucketEncryption: unknown })],
        expect: ["unverified"],
    },
    {
        title: "a bucket with no public access block",
        control: awsS3PublicAccess,
        aws: () => [bucket("records")],
        native: () => [nativeBucket("records")],
        expect: [/not covered by a public access block/],
    },
    {
        title: "a public access block that leaves restrictPublicBuckets off",
        control: awsS3PublicAccess,
        aws: () => {
            const b = bucket("records");
            return [b, block(b, { ...FULL_BLOCK, restrictPublicBuckets: false })];
        },
        native: () => [nativeBucket("records", { publicAccessBlockConfiguration: { ...FULL_BLOCK, restrictPublicBuckets: false } })],
        expect: [/the public access block leaves restrictPublicBuckets off/],
    },
    {
        title: "a full public access block",
        control: awsS3PublicAccess,
        aws: () => {
            const b = bucket("records");
            return [b, block(b)];
        },
        native: () => [nativeBucket("records", { publicAccessBlockConfiguration: FULL_BLOCK })],
        expect: [],
    },
    {
        title: "a public access block unknown at preview",
        control: awsS3PublicAccess,
        aws: () => {
            const b = bucket("records");
            return [b, block(b, { ...FULL_BLOCK, blockPublicPolicy: unknown })];
        },
        native: () => [nativeBucket("records", { publicAccessBlockConfiguration: unknown })],
        expect: ["unverified"],
    },
    {
        title: "a public-read canned ACL",
        control: awsS3PublicAccess,
        aws: () => {
            const b = bucket("records", { acl: "public-read" });
            return [b, block(b)];
        },
        native: () => [nativeBucket("records", { accessControl: "PublicRead", publicAccessBlockConfiguration: FULL_BLOCK })],
        expect: [/makes the bucket public/],
    },
    {
        title: "a bucket policy that allows Principal \"*\" without a condition",
        control: awsS3PublicAccess,
        aws: () => {
            const b = bucket("records");
            return [b, block(b), companion("aws:s3/bucketPolicy:BucketPolicy", "records-policy", b, { policy: JSON.stringify(doc(PUBLIC_READ)) })];
        },
        native: () => {
            const b = nativeBucket("records", { publicAccessBlockConfiguration: FULL_BLOCK });
            return [b, companion("aws-native:s3:BucketPolicy", "records-policy", b, { policyDocument: doc(PUBLIC_READ) })];
        },
        expect: [/Allow to Principal "\*" without a condition that restricts the caller/],
    },
    {
        title: "a bucket without versioning or access logging",
        control: awsS3VersioningLogging,
        aws: () => [bucket("records")],
        native: () => [nativeBucket("records")],
        expect: [/the bucket has no versioning/, /the bucket has no server access logging/],
    },
    {
        title: "versioning suspended (and access logging on)",
        control: awsS3VersioningLogging,
        aws: () => {
            const b = bucket("records", { logging: { targetBucket: "logs" } });
            return [b, companion("aws:s3/bucketVersioning:BucketVersioning", "v", b, { versioningConfiguration: { status: "Suspended" } })];
        },
        native: () => [nativeBucket("records", { versioningConfiguration: { status: "Suspended" }, loggingConfiguration: { destinationBucketName: "logs" } })],
        expect: [/versioning is not enabled \(status is not "enabled"\)/i],
    },
    {
        title: "a versioned, access-logged bucket",
        control: awsS3VersioningLogging,
        aws: () => {
            const b = bucket("records");
            return [b, companion("aws:s3/bucketVersioning:BucketVersioning", "v", b, { versioningConfiguration: { status: "Enabled" } }), companion("aws:s3/bucketLogging:BucketLogging", "l", b, { targetBucket: "logs" })];
        },
        native: () => [nativeBucket("records", { versioningConfiguration: { status: "Enabled" }, loggingConfiguration: { destinationBucketName: "logs" } })],
        expect: [],
    },
    {
        title: "versioning status unknown at preview",
        control: awsS3VersioningLogging,
        aws: () => [bucket("records", { versioning: { enabled: unknown }, logging: { targetBucket: "logs" } })],
        native: () => [nativeBucket("records", { versioningConfiguration: { status: unknown }, loggingConfiguration: {} })],
        expect: ["unverified"],
    },
    {
        title: "a bucket policy that does not deny requests without TLS",
        control: awsS3TlsOnly,
        aws: () => {
            const b = bucket("records");
            return [b, companion("aws:s3/bucketPolicy:BucketPolicy", "p", b, { policy: JSON.stringify(doc({ ...PUBLIC_READ, Principal: { AWS: "arn:aws:iam::111122223333:root" } })) })];
        },
        native: () => {
            const b = nativeBucket("records");
            return [b, companion("aws-native:s3:BucketPolicy", "p", b, { policyDocument: doc({ ...PUBLIC_READ, Principal: { AWS: "arn:aws:iam::111122223333:root" } }) })];
        },
        expect: [/no bucket policy denies requests without TLS/],
    },
    {
        title: "a bucket policy that denies requests without TLS",
        control: awsS3TlsOnly,
        aws: () => {
            const b = bucket("records");
            return [b, companion("aws:s3/bucketPolicy:BucketPolicy", "p", b, { policy: JSON.stringify(doc(TLS_DENY)) })];
        },
        native: () => {
            const b = nativeBucket("records");
            return [b, companion("aws-native:s3:BucketPolicy", "p", b, { policyDocument: doc(TLS_DENY) })];
        },
        expect: [],
    },
    {
        title: "a role's inline policy that allows * on *",
        control: awsIamNoAdminStatements,
        aws: () => [role("app", { inlinePolicies: [{ name: "p", policy: JSON.stringify(ADMIN) }] })],
        native: () => [nativeRole("app", { policies: [{ policyName: "p", policyDocument: ADMIN }] })],
        expect: [/Action "\*" on every resource grants full administrator access/],
    },
    {
        title: "a standalone role policy that allows * on *",
        control: awsIamNoAdminStatements,
        aws: () => [{ type: "aws:iam/rolePolicy:RolePolicy", name: "p", props: { role: "app", policy: JSON.stringify(ADMIN) } }],
        native: () => [{ type: "aws-native:iam:RolePolicy", name: "p", props: { roleName: "app", policyDocument: ADMIN } }],
        expect: [/grants full administrator access/],
    },
    {
        title: "a managed policy that allows * on *",
        control: awsIamNoAdminStatements,
        aws: () => [{ type: "aws:iam/policy:Policy", name: "p", props: { policy: JSON.stringify(ADMIN) } }],
        native: () => [{ type: "aws-native:iam:ManagedPolicy", name: "p", props: { policyDocument: ADMIN } }],
        expect: [/grants full administrator access/],
    },
    {
        title: "AdministratorAccess in a role's managedPolicyArns",
        control: awsIamNoAdminAttachments,
        aws: () => [role("app", { managedPolicyArns: [ADMIN_ARN] })],
        native: () => [nativeRole("app", { managedPolicyArns: [ADMIN_ARN] })],
        expect: [/the role holds/],
    },
    {
        title: "a trust policy that lets anyone assume the role",
        control: awsIamTrustPolicy,
        aws: () => [role("app", {}, TRUST_ANYONE)],
        native: () => [nativeRole("app", {}, TRUST_ANYONE)],
        expect: [/the role trusts every AWS principal \(Principal `\*`\) without a condition that restricts the caller/],
    },
    {
        title: "a trust policy unknown at preview",
        control: awsIamTrustPolicy,
        aws: () => [role("app", { assumeRolePolicy: unknown })],
        native: () => [nativeRole("app", { assumeRolePolicyDocument: unknown })],
        expect: ["unverified"],
    },
    {
        title: "a role trusted by an account outside the organisation",
        control: awsExfilExternalAccess,
        opts: TRUSTED,
        aws: () => [role("app", {}, TRUST_OUTSIDER)],
        native: () => [nativeRole("app", {}, TRUST_OUTSIDER)],
        expect: [/account 999999999999, outside the organisation's boundary, may assume this role/],
    },
    {
        title: "an inline policy attached directly to a user",
        control: awsIamNoUserCredentials,
        aws: () => [{ type: "aws:iam/userPolicy:UserPolicy", name: "p", props: { user: "alice", policy: JSON.stringify(PUSH_AND_READ) } }],
        native: () => [{ type: "aws-native:iam:UserPolicy", name: "p", props: { userName: "alice", policyDocument: PUSH_AND_READ } }],
        expect: [/an IAM user is given an inline policy attached directly to the user/],
    },
    {
        title: "a role without a permissions boundary",
        control: awsIamPermissionBoundary,
        aws: () => [withoutBoundary(role("app"))],
        native: () => [withoutBoundary(nativeRole("app"))],
        expect: [/the role has no permissions boundary/],
    },
    {
        title: "an administrator role with 12-hour sessions",
        control: awsIamSessionDuration,
        aws: () => [role("app", { managedPolicyArns: [ADMIN_ARN], maxSessionDuration: 43200 })],
        native: () => [nativeRole("app", { managedPolicyArns: [ADMIN_ARN], maxSessionDuration: 43200 })],
        expect: [/a privileged role issues sessions of 43200 seconds/],
    },
    {
        title: "a role that can push code (inline) and read PHI (an attached managed policy, joined through the stack)",
        control: awsSegregationOfDuties,
        aws: () => {
            const dev = role("dev", { inlinePolicies: [{ name: "push", policy: JSON.stringify(doc({ Effect: "Allow", Action: "codecommit:GitPush", Resource: "*" })) }] });
            const reads: TestResource = { type: "aws:iam/policy:Policy", name: "reads", props: { policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi/*" })), arn: unknown } };
            const attach: TestResource = { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "att", props: { role: unknown, policyArn: unknown }, propertyDependencies: { ...linkedTo(dev, "role"), ...linkedTo(reads, "policyArn") } };
            return [dev, reads, attach];
        },
        native: () => {
            const dev = nativeRole("dev", { policies: [{ policyName: "push", policyDocument: doc({ Effect: "Allow", Action: "codecommit:GitPush", Resource: "*" }) }] });
            const reads: TestResource = { type: "aws-native:iam:ManagedPolicy", name: "reads", props: { roles: [unknown], policyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi/*" }) }, propertyDependencies: linkedTo(dev, "roles") };
            return [dev, reads];
        },
        expect: [/can read PHI \(s3:GetObject via .*\) and also change production \(codecommit:GitPush\)/],
        quotesPaths: true,
    },
    {
        title: "a role whose own inline policy both pushes code and reads PHI",
        control: awsSegregationOfDuties,
        aws: () => [role("dev", { inlinePolicies: [{ name: "p", policy: JSON.stringify(PUSH_AND_READ) }] })],
        native: () => [nativeRole("dev", { policies: [{ policyName: "p", policyDocument: PUSH_AND_READ }] })],
        expect: [/can read PHI/],
        quotesPaths: true,
    },
    {
        title: "a role the break-glass list names by its IAM name",
        control: awsSegregationOfDuties,
        opts: { config: { allowedPrincipals: ["break-glass"] } },
        aws: () => [role("dev", { name: "break-glass", inlinePolicies: [{ name: "p", policy: JSON.stringify(PUSH_AND_READ) }] })],
        native: () => [nativeRole("dev", { roleName: "break-glass", policies: [{ policyName: "p", policyDocument: PUSH_AND_READ }] })],
        expect: [],
    },
    {
        title: "a group's inline rule that opens SSH to the internet",
        control: awsSgIngress,
        aws: () => [{ type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }] } }],
        native: () => [{ type: "aws-native:ec2:SecurityGroup", name: "sg", props: { groupDescription: "sg", securityGroupIngress: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIp: "0.0.0.0/0" }] } }],
        expect: [/ingress rule opens tcp port 22 \(covering port 22\) to the internet \(0\.0\.0\.0\/0\)/],
    },
    {
        title: "a standalone ingress rule that opens PostgreSQL to the IPv6 internet",
        control: awsSgIngress,
        aws: () => [{ type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "r", props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv6: "::/0" } }],
        native: () => [{ type: "aws-native:ec2:SecurityGroupIngress", name: "r", props: { groupId: "sg-1", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv6: "::/0" } }],
        expect: [/ingress rule opens tcp port 5432 \(covering port 5432\) to the internet \(::\/0\)/],
    },
    {
        title: "a group's inline rule list unknown at preview",
        control: awsSgIngress,
        aws: () => [{ type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { ingress: unknown } }],
        native: () => [{ type: "aws-native:ec2:SecurityGroup", name: "sg", props: { groupDescription: "sg", securityGroupIngress: unknown } }],
        expect: ["unverified"],
    },
    {
        title: "a group's egress rule that allows everything to the internet",
        control: awsSgEgress,
        aws: () => [{ type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } }],
        native: () => [{ type: "aws-native:ec2:SecurityGroup", name: "sg", props: { groupDescription: "sg", securityGroupEgress: [{ ipProtocol: "-1", cidrIp: "0.0.0.0/0" }] } }],
        expect: [/egress rule allows all protocols to the internet \(0\.0\.0\.0\/0\)/],
    },
    {
        title: "a standalone egress rule to HTTPS anywhere",
        control: awsSgEgress,
        aws: () => [{ type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: "r", props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" } }],
        native: () => [{ type: "aws-native:ec2:SecurityGroupEgress", name: "r", props: { groupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "0.0.0.0/0" } }],
        expect: [/egress rule allows tcp port 443 to the internet/],
    },
    {
        title: "a group whose egress reaches only the VPC",
        control: awsSgEgress,
        aws: () => [{ type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] }] } }],
        native: () => [{ type: "aws-native:ec2:SecurityGroup", name: "sg", props: { groupDescription: "sg", securityGroupEgress: [{ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIp: "10.0.0.0/16" }] } }],
        expect: [],
    },
    {
        title: "a key without automatic rotation",
        control: awsKmsRotation,
        aws: () => [{ type: "aws:kms/key:Key", name: "k", props: { enableKeyRotation: false } }],
        native: () => [{ type: "aws-native:kms:Key", name: "k", props: { enableKeyRotation: false } }],
        expect: [/automatic key rotation is off/],
    },
    {
        title: "a key that can be deleted after 7 days",
        control: awsKmsRotation,
        aws: () => [{ type: "aws:kms/key:Key", name: "k", props: { enableKeyRotation: true, deletionWindowInDays: 7 } }],
        native: () => [{ type: "aws-native:kms:Key", name: "k", props: { enableKeyRotation: true, pendingWindowInDays: 7 } }],
        expect: [/the deletion window is 7 days \(less than 30\)/],
    },
    {
        title: "a rotating key with a 30-day deletion window",
        control: awsKmsRotation,
        aws: () => [{ type: "aws:kms/key:Key", name: "k", props: { enableKeyRotation: true, deletionWindowInDays: 30 } }],
        native: () => [{ type: "aws-native:kms:Key", name: "k", props: { enableKeyRotation: true, pendingWindowInDays: 30 } }],
        expect: [],
    },
    {
        title: "a key policy that lets anyone decrypt",
        control: awsKmsKeyPolicy,
        aws: () => [{ type: "aws:kms/key:Key", name: "k", props: { policy: JSON.stringify(KEY_OPEN) } }],
        native: () => [{ type: "aws-native:kms:Key", name: "k", props: { keyPolicy: KEY_OPEN } }],
        expect: [/Principal "\*"/],
    },
    {
        title: "a key policy where one role both administers and uses the key",
        control: awsKmsKeyPolicy,
        aws: () => [{ type: "aws:kms/key:Key", name: "k", props: { policy: JSON.stringify(KEY_ADMIN_AND_USE) } }],
        native: () => [{ type: "aws-native:kms:Key", name: "k", props: { keyPolicy: KEY_ADMIN_AND_USE } }],
        expect: [/one principal both administers the key/],
    },
    {
        title: "a key policy that lets an account outside the organisation decrypt",
        control: awsExfilExternalAccess,
        opts: TRUSTED,
        aws: () => [{ type: "aws:kms/key:Key", name: "k", props: { policy: JSON.stringify(KEY_OUTSIDER) } }],
        native: () => [{ type: "aws-native:kms:Key", name: "k", props: { keyPolicy: KEY_OUTSIDER } }],
        expect: [/account 999999999999, outside the organisation's boundary, may/],
    },
    {
        title: "an RDS instance without storage encryption",
        control: awsDatastoreCmk,
        aws: () => [{ type: "aws:rds/instance:Instance", name: "db", props: { engine: "postgres", storageEncrypted: false } }],
        native: () => [{ type: "aws-native:rds:DbInstance", name: "db", props: { engine: "postgres", storageEncrypted: false } }],
        expect: [/not encrypted at rest/],
    },
    {
        title: "an encrypted Aurora cluster without a customer-managed key",
        control: awsDatastoreCmk,
        aws: () => [{ type: "aws:rds/cluster:Cluster", name: "db", props: { engine: "aurora-postgresql", storageEncrypted: true } }],
        native: () => [{ type: "aws-native:rds:DbCluster", name: "db", props: { engine: "aurora-postgresql", storageEncrypted: true } }],
        expect: [/encrypted with an AWS-owned or AWS-managed key, not a customer-managed one/],
    },
    {
        title: "a DynamoDB table with the AWS-owned key",
        control: awsDatastoreCmk,
        aws: () => [{ type: "aws:dynamodb/table:Table", name: "t", props: { serverSideEncryption: { enabled: false } } }],
        native: () => [{ type: "aws-native:dynamodb:Table", name: "t", props: { sseSpecification: { sseEnabled: false } } }],
        expect: [/encrypted with an AWS-owned or AWS-managed key, not a customer-managed one/],
    },
    {
        title: "a DynamoDB table with a customer-managed key",
        control: awsDatastoreCmk,
        aws: () => [{ type: "aws:dynamodb/table:Table", name: "t", props: { serverSideEncryption: { enabled: true, kmsKeyArn: unknown } } }],
        native: () => [{ type: "aws-native:dynamodb:Table", name: "t", props: { sseSpecification: { sseEnabled: true, kmsMasterKeyId: unknown } } }],
        expect: [],
    },
    {
        title: "a public PostgreSQL instance without IAM authentication or audit log exports",
        control: awsRdsExposure,
        aws: () => [{ type: "aws:rds/instance:Instance", name: "db", props: { engine: "postgres", publiclyAccessible: true } }],
        native: () => [{ type: "aws-native:rds:DbInstance", name: "db", props: { engine: "postgres", publiclyAccessible: true } }],
        expect: [/the database is publicly accessible/, /IAM database authentication is off/, /the "postgresql" log is not exported to CloudWatch Logs/],
    },
    {
        title: "a private cluster member (its cluster sets IAM authentication and log exports)",
        control: awsRdsExposure,
        aws: () => [{ type: "aws:rds/clusterInstance:ClusterInstance", name: "db", props: { clusterIdentifier: "phi", engine: "aurora-postgresql", publiclyAccessible: false } }],
        native: () => [{ type: "aws-native:rds:DbInstance", name: "db", props: { dbClusterIdentifier: "phi", engine: "aurora-postgresql", publiclyAccessible: false } }],
        expect: [],
    },
    {
        title: "a private cluster with IAM authentication and its audit log exported",
        control: awsRdsExposure,
        aws: () => [{ type: "aws:rds/cluster:Cluster", name: "db", props: { engine: "aurora-postgresql", iamDatabaseAuthenticationEnabled: true, enabledCloudwatchLogsExports: ["postgresql"] } }],
        native: () => [{ type: "aws-native:rds:DbCluster", name: "db", props: { engine: "aurora-postgresql", enableIamDatabaseAuthentication: true, enableCloudwatchLogsExports: ["postgresql"] } }],
        expect: [],
    },
    {
        title: "a log group that keeps events for 30 days, without a customer-managed key",
        control: awsLogsRetention,
        aws: () => [{ type: "aws:cloudwatch/logGroup:LogGroup", name: "lg", props: { retentionInDays: 30 } }],
        native: () => [{ type: "aws-native:logs:LogGroup", name: "lg", props: { retentionInDays: 30 } }],
        expect: [/log group keeps events for 30 days, less than 2192/],
    },
    {
        title: "a log group without a customer-managed key",
        control: awsLogsKms,
        aws: () => [{ type: "aws:cloudwatch/logGroup:LogGroup", name: "lg", props: {} }],
        native: () => [{ type: "aws-native:logs:LogGroup", name: "lg", props: {} }],
        expect: [/the log group is not encrypted with a customer-managed key/],
    },
    {
        title: "a trail without log file validation, KMS encryption or CloudWatch Logs delivery",
        control: awsCloudtrailIntegrity,
        aws: () => [{ type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "logs", enableLogFileValidation: false } }],
        native: () => [{ type: "aws-native:cloudtrail:Trail", name: "t", props: { s3BucketName: "logs", isLogging: true, enableLogFileValidation: false } }],
        expect: [/log file validation is off/, /log files are not encrypted with a customer-managed KMS key/, /the trail does not deliver to CloudWatch Logs/],
    },
    {
        title: "a complete trail",
        control: awsCloudtrailIntegrity,
        aws: () => [{ type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "logs", enableLogFileValidation: true, kmsKeyId: unknown, cloudWatchLogsGroupArn: unknown } }],
        native: () => [{ type: "aws-native:cloudtrail:Trail", name: "t", props: { s3BucketName: "logs", isLogging: true, enableLogFileValidation: true, kmsKeyId: unknown, cloudWatchLogsLogGroupArn: unknown } }],
        expect: [],
    },
    {
        title: "the only trail is stopped (and single-region)",
        control: awsCloudtrailCoverage,
        aws: () => [{ type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "logs", enableLogging: false } }],
        native: () => [{ type: "aws-native:cloudtrail:Trail", name: "t", props: { s3BucketName: "logs", isLogging: false } }],
        expect: [/no trail in the stack is an enabled multi-region trail with global service events; this one has .* off/],
        quotesPaths: true,
    },
    {
        title: "a trail whose bucket has no Object Lock",
        control: awsCloudtrailImmutableStore,
        aws: () => {
            const b = bucket("trail-logs", { bucket: "trail-logs", versioning: { enabled: true } });
            return [b, block(b), { type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "trail-logs" } }];
        },
        native: () => [
            nativeBucket("trail-logs", { bucketName: "trail-logs", versioningConfiguration: { status: "Enabled" }, publicAccessBlockConfiguration: FULL_BLOCK }),
            { type: "aws-native:cloudtrail:Trail", name: "t", props: { s3BucketName: "trail-logs", isLogging: true } },
        ],
        expect: [/the CloudTrail bucket does not have Object Lock enabled/, /the CloudTrail bucket has no Object Lock default retention/],
    },
    {
        title: "a trail whose bucket has Object Lock in COMPLIANCE mode for six years",
        control: awsCloudtrailImmutableStore,
        aws: () => {
            const b = bucket("trail-logs", { bucket: "trail-logs", versioning: { enabled: true }, objectLockEnabled: true, objectLockConfiguration: { rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } } });
            return [b, block(b), { type: "aws:cloudtrail/trail:Trail", name: "t", props: { s3BucketName: "trail-logs" } }];
        },
        native: () => [
            nativeBucket("trail-logs", {
                bucketName: "trail-logs",
                versioningConfiguration: { status: "Enabled" },
                publicAccessBlockConfiguration: FULL_BLOCK,
                objectLockEnabled: true,
                objectLockConfiguration: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } },
            }),
            { type: "aws-native:cloudtrail:Trail", name: "t", props: { s3BucketName: "trail-logs", isLogging: true } },
        ],
        expect: [],
    },
    {
        title: "a function URL without authentication",
        control: awsLambdaUrlAuth,
        aws: () => [{ type: "aws:lambda/functionUrl:FunctionUrl", name: "u", props: { functionName: "app", authorizationType: "NONE" } }],
        native: () => [{ type: "aws-native:lambda:Url", name: "u", props: { targetFunctionArn: "arn:aws:lambda:us-east-1:111122223333:function:app", authType: "NONE" } }],
        expect: [/the function URL accepts unauthenticated requests/],
        quotesPaths: true,
    },
    {
        title: "a permission that lets anyone invoke the function",
        control: awsLambdaUrlAuth,
        aws: () => [{ type: "aws:lambda/permission:Permission", name: "p", props: { function: "app", action: "lambda:InvokeFunction", principal: "*" } }],
        native: () => [{ type: "aws-native:lambda:Permission", name: "p", props: { functionName: "app", action: "lambda:InvokeFunction", principal: "*" } }],
        expect: [/the permission lets Principal "\*" invoke the function from any source/],
    },
    {
        title: "a function URL the config lists as reviewed to be public",
        control: awsLambdaUrlAuth,
        opts: { config: { allowedPublicFunctions: ["webhook"] } },
        aws: () => [{ type: "aws:lambda/functionUrl:FunctionUrl", name: "u", props: { functionName: "webhook", authorizationType: "NONE" } }],
        native: () => [{ type: "aws-native:lambda:Url", name: "u", props: { targetFunctionArn: "webhook", authType: "NONE" } }],
        expect: [],
    },
];

/** Runs a control as the engine does: Analyze for each resource, then AnalyzeStack when the control has a stack part. */
async function run(control: Control, resources: TestResource[], opts: RunOptions = {}): Promise<Outcome> {
    if ("checkStack" in control && control.checkStack) return runStack(control, resources, opts);
    const out: Outcome = { violations: [], unverified: [], urns: [] };
    for (const r of resources) {
        const one = await runResource(control, r, opts);
        out.violations.push(...one.violations);
        out.unverified.push(...one.unverified);
    }
    return out;
}

/**
 * The problems an outcome reports, in the order the expectation lists them: without the property
 * path (each provider has its own), and with quoted enum values compared as AWS compares them
 * (`public-read` in @pulumi/aws is `PublicRead` in aws-native).
 */
function problems(o: Outcome): string[] {
    const problem = (v: string) => v.replace(/ at [^\s:]+: .*$/s, "").replace(/"([^"]*)"/g, (_, q: string) => `"${q.toLowerCase().replace(/-/g, "")}"`);
    return [...o.violations.map(problem), ...o.unverified.map(() => "unverified")];
}

describe("aws-native: the same controls judge both AWS providers' shapes", () => {
    for (const c of CASES) {
        it(`${c.control.id}: ${c.title}, in both shapes`, async () => {
            const aws = await run(c.control, c.aws(), c.opts);
            const native = await run(c.control, c.native(), c.opts);
            const want = (got: string[]) => {
                assert.equal(got.length, c.expect.length, got.join("\n"));
                c.expect.forEach((e, i) => (e === "unverified" ? assert.equal(got[i], e) : assert.match(got[i], e)));
            };
            want(problems(aws));
            want(problems(native));
            if (!c.quotesPaths) assert.deepEqual(problems(native), problems(aws));
        });
    }
});

describe("aws-native: what only the CloudFormation shape has", () => {
    it("flags an aws-native security group with no egress rules: CloudFormation keeps EC2's allow-all default", async () => {
        const r = await runResource(awsSgEgress, { type: "aws-native:ec2:SecurityGroup", name: "sg", props: { groupDescription: "sg" } });
        assert.deepEqual(r.unverified, []);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /^the default egress rule CloudFormation keeps when securityGroupEgress is empty allows all protocols to the internet \(0\.0\.0\.0\/0\) at securityGroupEgress\.cidrIp:/);
    });

    it("passes a @pulumi/aws security group with no egress rules (the provider removes EC2's default)", async () => {
        const r = await runResource(awsSgEgress, { type: "aws:ec2/securityGroup:SecurityGroup", name: "sg", props: {} });
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });
});

describe("aws-native: tags are CloudFormation's list of { key, value }", () => {
    const aes = nativeSse({ sseAlgorithm: "AES256" });

    it("puts a bucket tagged data-classification: phi in a list in tagged PHI scope, and leaves an untagged one out", async () => {
        const phi = nativeBucket("phi", { ...aes, tags: [{ key: "owner", value: "team" }, { key: "Data-Classification", value: "PHI" }] });
        const r = await runStack(awsS3EncryptionCmk, [nativeBucket("logs", aes), phi], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /bucketEncryption\.serverSideEncryptionConfiguration\[0\]\.serverSideEncryptionByDefault\.sseAlgorithm/);
    });

    it("keeps a store in scope when a second item of the same key says phi (every matching tag counts)", async () => {
        const r = await runStack(awsS3EncryptionCmk, [nativeBucket("b", { ...aes, tags: [{ key: "data-classification", value: "public" }, { key: "data-classification", value: "phi" }] })], { settings: { phiScope: "unless-non-phi" } });
        assert.equal(r.violations.length, 1);
    });

    it("counts a tag list whose key is unknown at preview as possibly PHI", async () => {
        const r = await runStack(awsS3EncryptionCmk, [nativeBucket("b", { ...aes, tags: [{ key: unknown, value: "x" }] })], { settings: { phiScope: "tagged" } });
        assert.equal(r.violations.length, 1);
    });
});
