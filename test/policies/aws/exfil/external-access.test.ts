import { strict as assert } from "assert";
import { awsExfilExternalAccess as control } from "../../../../policies/aws/exfil/external-access";
import { awsIamTrustPolicy } from "../../../../policies/aws/iam/trust-policy";
import { awsKmsKeyPolicy } from "../../../../policies/aws/kms/key-policy";
import { runResource, runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";
import { iamDoc } from "../../../examples";
import { boundary, OUTSIDER, OWN, ownArn, TRUSTED } from "./fixtures";

const root = (account: string) => `arn:aws:iam::${account}:root`;
const trust = (principal: unknown, condition?: object) => ({ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
const role = (doc: unknown, name = "vendor-role"): TestResource => ({ type: "aws:iam/role:Role", name, props: { assumeRolePolicy: doc } });
const key = (statements: object[], name = "phi-key"): TestResource => ({ type: "aws:kms/key:Key", name, props: { enableKeyRotation: true, policy: iamDoc(...statements) } });
const adminStatement = { Sid: "Admin", Effect: "Allow", Principal: { AWS: root(OWN) }, Action: "kms:*", Resource: "*" };
const out = (r: TestResource, at: string) => ({ at, urn: urnOf(r) });
const CLEAN = { violations: [], unverified: [], urns: [] };

describe("aws-exfil-external-access", () => {
    describe("role trust policies", () => {
        it("flags a role trusted by an untrusted account without sts:ExternalId or aws:PrincipalOrgID, as a JSON string and as an object", async () => {
            for (const doc of [iamDoc(trust(root(OUTSIDER))), { Version: "2012-10-17", Statement: [trust([OUTSIDER])] }]) {
                const r = role(doc);
                const res = await runStack(control, [r], boundary);
                assertFindings(res, [out(r, "assumeRolePolicy.Statement[0].Principal")]);
                assert.match(res.violations[0], /account 999988887777, outside the organisation's boundary, may assume this role/);
            }
        });

        it("passes a cross-account trust held by sts:ExternalId or aws:PrincipalOrgID, and trusts of trusted accounts", async () => {
            const external = role(iamDoc(trust(root(OUTSIDER), { StringEquals: { "sts:ExternalId": "vendor-7f3a" } })), "external");
            const org = role(iamDoc(trust(root(OUTSIDER), { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } })), "org");
            const own = role(iamDoc(trust([root(OWN), `arn:aws:iam::${TRUSTED}:role/ci`])), "own");
            assert.deepEqual(await runStack(control, [external, org, own], boundary), CLEAN);
        });

        it("does not take an external id that matches anything (`*` under StringLike) as a limit", async () => {
            const r = role(iamDoc(trust(root(OUTSIDER), { StringLike: { "sts:ExternalId": "*" } })));
            assertFindings(await runStack(control, [r], boundary), [out(r, "assumeRolePolicy.Statement[0].Principal")]);
        });

        it("leaves `*` principals and unknown documents to aws-iam-trust-policy: one owner per concern", async () => {
            const star = role(iamDoc(trust("*")), "star");
            const unknownDoc = role(unknown, "unknown-doc");
            assert.deepEqual(await runStack(control, [star, unknownDoc], boundary), CLEAN);
            assert.equal((await runResource(awsIamTrustPolicy, star)).violations.length, 1);
            assert.deepEqual((await runResource(awsIamTrustPolicy, role(iamDoc(trust(root(OUTSIDER)))))).violations, []);
        });

        it("counts a principal unknown at preview (a role this stack creates) as inside", async () => {
            assert.deepEqual(await runStack(control, [role(iamDoc(trust([unknown])))], boundary), CLEAN);
        });

        it("judges a trust policy held in a secret", async () => {
            const r = role(secret(iamDoc(trust(root(OUTSIDER)))));
            assertFindings(await runStack(control, [r], boundary), [out(r, "assumeRolePolicy.Statement[0].Principal")]);
        });
    });

    describe("keys", () => {
        it("flags a key policy that lets an untrusted account decrypt, on Key and on standalone KeyPolicy", async () => {
            const decrypt = { Sid: "Partner", Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: ["kms:Decrypt", "kms:DescribeKey"], Resource: "*" };
            const k = key([adminStatement, decrypt]);
            const res = await runStack(control, [k], boundary);
            assertFindings(res, [out(k, "policy.Statement[1].Principal")]);
            assert.match(res.violations[0], /may decrypt with this key/);
            assert.deepEqual((await runResource(awsKmsKeyPolicy, k)).violations, [], "aws-kms-key-policy does not report the outside account");
            const kp: TestResource = { type: "aws:kms/keyPolicy:KeyPolicy", name: "kp", props: { keyId: "k", policy: iamDoc(adminStatement, decrypt) } };
            assertFindings(await runStack(control, [kp], boundary), [out(kp, "policy.Statement[1].Principal")]);
        });

        it("passes an untrusted account that may only encrypt, and a decrypt limited to the organisation", async () => {
            const encrypt = { Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: "*" };
            const orgDecrypt = { Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } } };
            assert.deepEqual(await runStack(control, [key([adminStatement, encrypt, orgDecrypt])], boundary), CLEAN);
        });

        it("leaves a key policy's Principal `*` to aws-kms-key-policy", async () => {
            const k = key([adminStatement, { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }]);
            assert.deepEqual(await runStack(control, [k], boundary), CLEAN);
            assert.equal((await runResource(awsKmsKeyPolicy, k)).violations.length, 1);
        });

        it("flags a KMS grant of Decrypt to an untrusted account, and passes Encrypt-only grants", async () => {
            const grant = (operations: unknown, name: string): TestResource => ({ type: "aws:kms/grant:Grant", name, props: { keyId: "k", granteePrincipal: `arn:aws:iam::${OUTSIDER}:role/reader`, operations } });
            const g = grant(["Decrypt", "DescribeKey"], "g");
            assertFindings(await runStack(control, [g, grant(["Encrypt", "GenerateDataKey"], "enc")], boundary), [out(g, "granteePrincipal")]);
            assertFindings(await runStack(control, [grant(unknown, "u")], boundary), [{ ...out(grant(unknown, "u"), "operations"), outcome: "unverified" }]);
            const unknownGrantee = { ...grant(["Decrypt"], "stack-role"), props: { keyId: "k", granteePrincipal: unknown, operations: ["Decrypt"] } };
            assert.deepEqual(await runStack(control, [unknownGrantee], boundary), CLEAN, "a grantee unknown at preview is a role this stack creates");
        });

        it("skips keys outside the PHI scope", async () => {
            const k = key([adminStatement, { Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: "kms:Decrypt", Resource: "*" }]);
            assert.deepEqual(await runStack(control, [k], { settings: { ...boundary.settings, phiScope: "tagged" } }), CLEAN);
        });
    });

    describe("resource policies and function permissions", () => {
        it("flags a bucket policy that lets an untrusted account read objects", async () => {
            const bp: TestResource = { type: "aws:s3/bucketPolicy:BucketPolicy", name: "bp", props: { bucket: "b", policy: iamDoc({ Effect: "Allow", Principal: { AWS: OUTSIDER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }) } };
            assertFindings(await runStack(control, [bp], boundary), [out(bp, "policy.Statement[0].Principal")]);
        });

        it("flags a function permission for an untrusted account unless limited to a trusted organization", async () => {
            const perm = (props: Record<string, unknown>, name: string): TestResource => ({ type: "aws:lambda/permission:Permission", name, props: { action: "lambda:InvokeFunction", function: "f", principal: OUTSIDER, ...props } });
            const p = perm({}, "p");
            const org = perm({ principalOrgId: "o-abcdefghij" }, "org");
            const svc = perm({ principal: "s3.amazonaws.com", sourceAccount: OWN }, "svc");
            assertFindings(await runStack(control, [p, org, svc], { settings: { ...boundary.settings, trustedAwsOrganizationIds: ["o-abcdefghij"] } }), [out(p, "principal")]);
        });
    });

    it("judges against the stack's own account with nothing configured, and says once when it cannot", async () => {
        const r = role(iamDoc(trust(root(OUTSIDER))));
        assertFindings(await runStack(control, [r, ownArn()]), [out(r, "assumeRolePolicy.Statement[0].Principal")]);
        const res = await runStack(control, [r, role(iamDoc(trust(root(TRUSTED))), "second")]);
        assertFindings(res, [{ at: "trustedAwsAccountIds", outcome: "unverified" }]);
    });
});
