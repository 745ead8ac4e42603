import { iamDoc, resource, serviceTrust } from "../../../examples";
import type { TestResource } from "../../../harness";

/**
 * A small AWS stack for the access controls: a PHI bucket, a workload role that reads it, a deploy
 * role that creates functions and may pass a role to them, and the boundary the tests configure.
 */
export const OWN = "111122223333";
export const TRUSTED = "444455556666";
export const OUTSIDER = "999988887777";
export const boundary = { settings: { trustedAwsAccountIds: [OWN, TRUSTED] } };

const root = (account: string) => `arn:aws:iam::${account}:root`;
const roleArn = (name: string) => `arn:aws:iam::${OWN}:role/${name}`;
export const trustAccount = (account: string, condition?: object) =>
    iamDoc({ Effect: "Allow", Principal: { AWS: root(account) }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });

export const bucket = resource("aws:s3/bucket:Bucket", "claims", { bucket: "phi-claims" });
export const reader = resource("aws:iam/role:Role", "claims-reader", { name: "claims-reader", assumeRolePolicy: serviceTrust("lambda.amazonaws.com") });
export const readerPolicy = resource("aws:iam/rolePolicy:RolePolicy", "claims-reader-read", {
    role: "claims-reader",
    policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }),
});
export const builder = resource("aws:iam/role:Role", "builder", { name: "builder", assumeRolePolicy: serviceTrust("lambda.amazonaws.com") });
export const deploy = resource("aws:iam/role:Role", "deploy", { name: "deploy", assumeRolePolicy: trustAccount(OWN, { Bool: { "aws:MultiFactorAuthPresent": "true" } }) });
export const deployPolicy = (passes: string) =>
    resource("aws:iam/rolePolicy:RolePolicy", "deploy-functions", {
        role: "deploy",
        policy: iamDoc(
            { Effect: "Allow", Action: "lambda:CreateFunction", Resource: `arn:aws:lambda:us-east-1:${OWN}:function:claims-*` },
            { Effect: "Allow", Action: "iam:PassRole", Resource: roleArn(passes) },
        ),
    });
export const vendor = (account: string) =>
    resource("aws:iam/role:Role", "vendor-audit", { name: "vendor-audit", assumeRolePolicy: trustAccount(account, { StringEquals: { "sts:ExternalId": "audit-7f3a" } }) });
export const vendorPolicy = resource("aws:iam/rolePolicy:RolePolicy", "vendor-audit-read", {
    role: "vendor-audit",
    policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }),
});

/** The compliant baseline: the deploy role passes only the builder role, and the vendor account is trusted. */
export const baseline: TestResource[] = [bucket, reader, readerPolicy, builder, deploy, deployPolicy("builder"), vendor(TRUSTED), vendorPolicy];
