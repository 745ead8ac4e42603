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
const OWN_ORG = "o-abcdefghij";
const OTHER_ORG = "o-zzzzzzzzzz";
/** The boundary with the organisation's own AWS Organizations id configured too. */
const withOrg = { settings: { ...boundary.settings, trustedAwsOrganizationIds: [OWN_ORG] } };
const bucketPolicy = (statement: object, name = "bp"): TestResource => ({ type: "aws:s3/bucketPolicy:BucketPolicy", name, props: { bucket: "b", policy: iamDoc(statement) } });
const publicRead = (condition: object) => ({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: condition });

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
            const org = role(iamDoc(trust(root(OUTSIDER), { StringEquals: { "aws:PrincipalOrgID": OWN_ORG } })), "org");
            const own = role(iamDoc(trust([root(OWN), `arn:aws:iam::${TRUSTED}:role/ci`])), "own");
            assert.deepEqual(await runStack(control, [external, org, own], withOrg), CLEAN);
        });

        it("flags a trust held by aws:PrincipalOrgID or aws:PrincipalOrgPaths of an organization that is not a trusted one", async () => {
            const byId = role(iamDoc(trust(root(OUTSIDER), { StringEquals: { "aws:PrincipalOrgID": [OWN_ORG, OTHER_ORG] } })), "by-id");
            const byPath = role(iamDoc(trust(root(OUTSIDER), { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${OTHER_ORG}/r-ab12/ou-ab12-11111111/*` } })), "by-path");
            const res = await runStack(control, [byId, byPath], withOrg);
            assertFindings(res, [out(byId, "assumeRolePolicy.Statement[0].Principal"), out(byPath, "assumeRolePolicy.Statement[0].Principal")]);
            assert.match(res.violations[0], /its aws:PrincipalOrgID condition admits o-zzzzzzzzzz, not a trusted organization/);
        });

        it("keeps the configured boundary when the program adds an account of its own: a provider's allowedAccountIds, a role it assumes, a resource read from that account", async () => {
            const r = role(iamDoc(trust(root(OUTSIDER))));
            const provider: TestResource = { type: "pulumi:providers:aws", name: "extra", props: { allowedAccountIds: [OWN, OUTSIDER], assumeRoles: [{ roleArn: `arn:aws:iam::${OUTSIDER}:role/deploy` }] } };
            const read: TestResource = { type: "aws:sns/topic:Topic", name: "theirs", props: { arn: `arn:aws:sns:us-east-1:${OUTSIDER}:drop` } };
            assertFindings(await runStack(control, [r, provider, read], boundary), [out(r, "assumeRolePolicy.Statement[0].Principal")]);
        });

        it("says once that organizations could not be judged when no trusted organization is configured", async () => {
            const a = role(iamDoc(trust(root(OUTSIDER), { StringEquals: { "aws:PrincipalOrgID": OTHER_ORG } })), "a");
            const b = role(iamDoc(trust(root(OUTSIDER), { StringEquals: { "aws:PrincipalOrgID": OWN_ORG } })), "b");
            const res = await runStack(control, [a, b], boundary);
            assertFindings(res, [{ at: "trustedAwsOrganizationIds", outcome: "unverified" }]);
            assert.match(res.unverified[0], /2 grants, trusts and resource policies are held to an AWS Organizations id/);
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
            const orgDecrypt = { Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": OWN_ORG } } };
            assert.deepEqual(await runStack(control, [key([adminStatement, encrypt, orgDecrypt])], withOrg), CLEAN);
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
            const bp = bucketPolicy({ Effect: "Allow", Principal: { AWS: OUTSIDER }, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" });
            assertFindings(await runStack(control, [bp], boundary), [out(bp, "policy.Statement[0].Principal")]);
        });

        it("flags the aws-native queue, topic, secret and file system policies that let an untrusted account read, as the @pulumi/aws queue policy", async () => {
            const reads = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: ["sqs:ReceiveMessage", "sns:Subscribe", "secretsmanager:GetSecretValue", "elasticfilesystem:ClientMount"], Resource: "*" }] };
            const holders: TestResource[] = [
                { type: "aws:sqs/queuePolicy:QueuePolicy", name: "jobs-policy", props: { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", policy: JSON.stringify(reads) } },
                { type: "aws-native:sqs:QueueInlinePolicy", name: "native-jobs-policy", props: { queue: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", policyDocument: reads } },
                { type: "aws-native:sns:TopicPolicy", name: "native-alerts-policy", props: { topics: ["arn:aws:sns:us-east-1:111122223333:alerts"], policyDocument: reads } },
                { type: "aws-native:sns:TopicInlinePolicy", name: "native-alerts-inline", props: { topicArn: "arn:aws:sns:us-east-1:111122223333:alerts", policyDocument: reads } },
                { type: "aws-native:secretsmanager:ResourcePolicy", name: "native-db-policy", props: { secretId: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db", resourcePolicy: reads } },
                { type: "aws-native:efs:FileSystem", name: "native-files", props: { encrypted: true, fileSystemPolicy: reads } },
            ];
            const prop = (h: TestResource) => (h.type.startsWith("aws:") ? "policy" : Object.keys(h.props).find((k) => k === "policyDocument" || k === "resourcePolicy" || k === "fileSystemPolicy")!);
            assertFindings(await runStack(control, holders, boundary), holders.map((h) => out(h, `${prop(h)}.Statement[0].Principal`)));
        });

        it("flags a topic policy that lets an untrusted account subscribe (it is sent every message), in both providers, and not a queue policy naming only sns:Subscribe", async () => {
            const subscribe = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: root(OUTSIDER) }, Action: "sns:Subscribe", Resource: "arn:aws:sns:us-east-1:111122223333:claims-events" }] };
            const topicPolicy: TestResource = { type: "aws:sns/topicPolicy:TopicPolicy", name: "events-policy", props: { arn: "arn:aws:sns:us-east-1:111122223333:claims-events", policy: JSON.stringify(subscribe) } };
            const topic: TestResource = { type: "aws:sns/topic:Topic", name: "events", props: { name: "claims-events", policy: JSON.stringify(subscribe) } };
            const native: TestResource = { type: "aws-native:sns:TopicPolicy", name: "native-events-policy", props: { topics: ["arn:aws:sns:us-east-1:111122223333:claims-events"], policyDocument: subscribe } };
            const queue: TestResource = { type: "aws:sqs/queuePolicy:QueuePolicy", name: "odd-policy", props: { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", policy: JSON.stringify(subscribe) } };
            const res = await runStack(control, [topicPolicy, topic, native, queue], boundary);
            assertFindings(res, [out(topicPolicy, "policy.Statement[0].Principal"), out(topic, "policy.Statement[0].Principal"), out(native, "policyDocument.Statement[0].Principal")]);
            assert.match(res.violations[0], /account 999988887777, outside the organisation's boundary, may subscribe to this topic and be sent every message published to it/);
        });

        it('flags Principal "*" held only by aws:PrincipalOrgID or aws:PrincipalAccount naming an outsider (the public-exposure controls accept such a limit)', async () => {
            const org = bucketPolicy(publicRead({ StringEquals: { "aws:PrincipalOrgID": OTHER_ORG } }), "org");
            const path = bucketPolicy(publicRead({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [`${OTHER_ORG}/*`] } }), "path");
            const account = bucketPolicy(publicRead({ StringEquals: { "aws:PrincipalAccount": [OWN, OUTSIDER] } }), "account");
            const res = await runStack(control, [org, path, account], withOrg);
            assertFindings(res, [out(org, "policy.Statement[0].Condition"), out(path, "policy.Statement[0].Condition"), out(account, "policy.Statement[0].Condition")]);
            assert.match(res.violations[0], /any principal of organization o-zzzzzzzzzz, outside the organisation's boundary, may read PHI through this resource policy/);
            assert.match(res.violations[2], /any principal of account 999988887777/);
        });

        it('passes Principal "*" held to the own organization, to an organization unknown at preview, or further by a source VPC endpoint', async () => {
            const own = bucketPolicy(publicRead({ StringEquals: { "aws:PrincipalOrgID": OWN_ORG } }), "own");
            const pending = bucketPolicy(publicRead({ StringEquals: { "aws:PrincipalOrgID": unknown } }), "pending");
            const vpce = bucketPolicy(publicRead({ StringEquals: { "aws:PrincipalOrgID": OTHER_ORG, "aws:SourceVpce": "vpce-0a1b2c3d" } }), "vpce");
            assert.deepEqual(await runStack(control, [own, pending, vpce], withOrg), CLEAN);
        });

        it("flags a function permission for an untrusted account unless limited to a trusted organization", async () => {
            const perm = (props: Record<string, unknown>, name: string): TestResource => ({ type: "aws:lambda/permission:Permission", name, props: { action: "lambda:InvokeFunction", function: "f", principal: OUTSIDER, ...props } });
            const p = perm({}, "p");
            const org = perm({ principalOrgId: "o-abcdefghij" }, "org");
            const svc = perm({ principal: "s3.amazonaws.com", sourceAccount: OWN }, "svc");
            assertFindings(await runStack(control, [p, org, svc], withOrg), [out(p, "principal")]);
        });

        it('flags a function permission for Principal "*" held to an organization that is not a trusted one', async () => {
            const perm = (props: Record<string, unknown>, name: string): TestResource => ({ type: "aws:lambda/permission:Permission", name, props: { action: "lambda:InvokeFunction", function: "f", principal: "*", ...props } });
            const other = perm({ principalOrgId: OTHER_ORG }, "other");
            const own = perm({ principalOrgId: OWN_ORG }, "own");
            const source = perm({ principalOrgId: OTHER_ORG, sourceArn: unknown }, "source");
            assertFindings(await runStack(control, [other, own, source], withOrg), [out(other, "principalOrgId")]);
        });
    });

    it("judges against the stack's own account with nothing configured, and says once when it cannot", async () => {
        const r = role(iamDoc(trust(root(OUTSIDER))));
        assertFindings(await runStack(control, [r, ownArn()]), [out(r, "assumeRolePolicy.Statement[0].Principal")]);
        const res = await runStack(control, [r, role(iamDoc(trust(root(TRUSTED))), "second")]);
        assertFindings(res, [{ at: "trustedAwsAccountIds", outcome: "unverified" }]);
    });
});
