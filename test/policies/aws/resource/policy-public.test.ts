import { strict as assert } from "assert";
import { awsResourcePolicyPublic as control, PUBLIC_CASE_OWNERS } from "../../../../policies/aws/resource/policy-public";
import { awsExfilExternalAccess } from "../../../../policies/aws/exfil/external-access";
import { RESOURCE_POLICY_PROPS } from "../../../../policies/lib/aws/rights";
import { controls } from "../../../../policies/registry";
import { judgedTypes } from "../../../../policies/control";
import { iamDoc } from "../../../examples";
import { runResource, runStack, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const ECR = "aws:ecr/repositoryPolicy:RepositoryPolicy";
const repoPolicy = (policy: unknown) => ({ type: ECR, name: "images-policy", props: { repository: "images", policy } });
const open = (extra: object = {}) => ({ Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "*", ...extra });

/** One resource of each judged type with the property its document lives in. */
const holders: { type: string; props: Record<string, unknown> }[] = [
    { type: ECR, props: { repository: "images" } },
    { type: "aws:sqs/queuePolicy:QueuePolicy", props: { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs" } },
    { type: "aws:sqs/queue:Queue", props: {} },
    { type: "aws:sns/topicPolicy:TopicPolicy", props: { arn: "arn:aws:sns:us-east-1:111122223333:alerts" } },
    { type: "aws:sns/topic:Topic", props: {} },
    { type: "aws:secretsmanager/secretPolicy:SecretPolicy", props: { secretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db" } },
    { type: "aws:secretsmanager/secret:Secret", props: {} },
    { type: "aws:dynamodb/resourcePolicy:ResourcePolicy", props: { resourceArn: "arn:aws:dynamodb:us-east-1:111122223333:table/records" } },
    { type: "aws:kinesis/resourcePolicy:ResourcePolicy", props: { resourceArn: "arn:aws:kinesis:us-east-1:111122223333:stream/records" } },
    { type: "aws:opensearch/domainPolicy:DomainPolicy", props: { domainName: "search" } },
    { type: "aws:opensearch/domain:Domain", props: {} },
    { type: "aws:elasticsearch/domainPolicy:DomainPolicy", props: { domainName: "search" } },
    { type: "aws:elasticsearch/domain:Domain", props: {} },
    { type: "aws:efs/fileSystemPolicy:FileSystemPolicy", props: { fileSystemId: "fs-0123" } },
    { type: "aws:backup/vaultPolicy:VaultPolicy", props: { backupVaultName: "records" } },
    { type: "aws:glacier/vault:Vault", props: {} },
    { type: "aws:glue/resourcePolicy:ResourcePolicy", props: {} },
    { type: "aws:cloudwatch/eventBusPolicy:EventBusPolicy", props: { eventBusName: "claims" } },
    // The aws-native forms (a queue's policy is a QueueInlinePolicy: aws-native has no sqs:QueuePolicy).
    { type: "aws-native:sqs:QueueInlinePolicy", props: { queue: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs" } },
    { type: "aws-native:sns:TopicPolicy", props: { topics: ["arn:aws:sns:us-east-1:111122223333:alerts"] } },
    { type: "aws-native:sns:TopicInlinePolicy", props: { topicArn: "arn:aws:sns:us-east-1:111122223333:alerts" } },
    { type: "aws-native:secretsmanager:ResourcePolicy", props: { secretId: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db" } },
    { type: "aws-native:efs:FileSystem", props: { encrypted: true } },
];

describe("aws-resource-policy-public", () => {
    for (const h of holders) {
        const prop = RESOURCE_POLICY_PROPS[h.type];
        it(`flags ${h.type} whose ${prop} allows Principal "*" without a condition`, async () => {
            const r = await runResource(control, { type: h.type, props: { ...h.props, [prop]: iamDoc(open()) } });
            assertFindings(r, [{ at: `${prop}.Statement[0]` }]);
        });
    }

    it("flags the aws-native queue, topic, secret and file system policies, written as objects, exactly where the @pulumi/aws forms are flagged", async () => {
        const forms: [string, Record<string, unknown>, string, string][] = [
            ["aws:sqs/queuePolicy:QueuePolicy", { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs" }, "policy", "this queue"],
            ["aws-native:sqs:QueueInlinePolicy", { queue: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs" }, "policyDocument", "this queue"],
            ["aws-native:sns:TopicPolicy", { topics: ["arn:aws:sns:us-east-1:111122223333:alerts"] }, "policyDocument", "this topic"],
            ["aws-native:secretsmanager:ResourcePolicy", { secretId: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db", blockPublicPolicy: false }, "resourcePolicy", "this secret"],
            ["aws-native:efs:FileSystem", { encrypted: true }, "fileSystemPolicy", "this file system"],
        ];
        for (const [type, props, prop, reaches] of forms) {
            const r = await runResource(control, { type, name: "p", props: { ...props, [prop]: { Version: "2012-10-17", Statement: [open()] } } });
            const urn = `urn:pulumi:test::test::${type}::p`;
            assertFindings(r, [{ at: `${prop}.Statement[0]`, urn }], urn);
            assert.match(r.violations[0], new RegExp(`opens ${reaches} to everyone`));
            assertFindings(await runResource(control, { type, name: "p", props: { ...props, [prop]: unknown } }), [{ at: prop, urn, outcome: "unverified" }], urn);
        }
    });

    it('flags every shape of everyone: "*", {"AWS": "*"}, {"AWS": ["*"]}, NotPrincipal, a document object and a lone Statement', async () => {
        for (const policy of [
            iamDoc(open({ Principal: { AWS: "*" } })),
            iamDoc(open({ Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] } })),
            iamDoc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "ecr:*" }),
            { Version: "2012-10-17", Statement: [open({ Effect: " allow " })] },
        ]) {
            assertFindings(await runResource(control, repoPolicy(policy)), [{ at: "policy.Statement[0]" }]);
        }
        assertFindings(await runResource(control, repoPolicy(JSON.stringify({ Statement: open() }))), [{ at: "policy.Statement" }]);
    });

    it("flags an ECR policy that lets anyone push or delete images, and says it is a supply-chain door", async () => {
        const r = await runResource(control, repoPolicy(iamDoc({ Sid: "ci", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:BatchDeleteImage"] })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
        assert.match(r.violations[0], /container repository to everyone, including pushing or deleting images/);
        const pull = await runResource(control, repoPolicy(iamDoc({ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] })));
        assert.doesNotMatch(pull.violations[0], /pushing/);
    });

    it("flags a public ECR repository's policy only where it lets * push or delete images: pulling is public by design", async () => {
        const pub = (Action: unknown) => ({ type: "aws:ecrpublic/repositoryPolicy:RepositoryPolicy", name: "tools-policy", props: { repositoryName: "tools", policy: iamDoc({ Effect: "Allow", Principal: "*", Action }) } });
        assertFindings(await runResource(control, pub(["ecr-public:BatchGetImage", "ecr-public:GetDownloadUrlForLayer"])), []);
        const push = await runResource(control, pub(["ecr-public:BatchGetImage", "ecr-public:PutImage", "ecr-public:InitiateLayerUpload"]));
        assertFindings(push, [{ at: "policy.Statement[0]" }]);
        assert.match(push.violations[0], /public container repository to everyone, including pushing or deleting images/);
        assertFindings(await runResource(control, pub("ecr-public:*")), [{ at: "policy.Statement[0]" }]);
    });

    it("passes named principals, Deny statements and Principal \"*\" held to the organisation, a source ARN, an account, an endpoint or an address range", async () => {
        for (const policy of [
            iamDoc(open({ Principal: { AWS: "arn:aws:iam::111122223333:role/ci" } })),
            iamDoc(open({ Effect: "Deny" })),
            iamDoc(open({ Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })),
            iamDoc(open({ Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:alerts" } } })),
            iamDoc(open({ Condition: { StringEquals: { "AWS:SourceOwner": "111122223333" } } })),
            iamDoc(open({ Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } } })),
            iamDoc(open({ Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } } })),
        ]) {
            assertFindings(await runResource(control, repoPolicy(policy)), []);
        }
    });

    it("flags conditions that restrict nobody: wildcards, IfExists, negations and the whole internet", async () => {
        for (const Condition of [
            { StringLike: { "aws:SourceAccount": "*" } },
            { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
            { StringNotEquals: { "aws:SourceAccount": "111122223333" } },
            { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } },
            { StringEquals: { "aws:PrincipalOrgID": "o-*" } },
            { Bool: { "aws:SecureTransport": "true" } },
        ]) {
            assertFindings(await runResource(control, repoPolicy(iamDoc(open({ Condition })))), [{ at: "policy.Statement[0]" }]);
        }
    });

    it("says it could not verify a document, Effect, Principal or Condition unknown at preview", async () => {
        assertFindings(await runResource(control, repoPolicy(unknown)), [{ at: "policy", outcome: "unverified" }]);
        // Inside a document object (a JSON string is unknown as a whole while any part of it is).
        const inDoc = (extra: object) => repoPolicy({ Version: "2012-10-17", Statement: [open(extra)] });
        assertFindings(await runResource(control, inDoc({ Effect: unknown })), [{ at: "policy.Statement[0].Effect", outcome: "unverified" }]);
        assertFindings(await runResource(control, inDoc({ Principal: { AWS: unknown } })), [{ at: "policy.Statement[0]", outcome: "unverified" }]);
        assertFindings(await runResource(control, inDoc({ Condition: unknown })), [{ at: "policy.Statement[0]", outcome: "unverified" }]);
        // A source ARN that is another resource's output cannot be shown to exclude anybody until it is known.
        assertFindings(await runResource(control, inDoc({ Condition: { ArnEquals: { "aws:SourceArn": unknown } } })), [{ at: "policy.Statement[0]", outcome: "unverified" }]);
        assertFindings(await runResource(control, repoPolicy({ Version: "2012-10-17", Statement: [unknown] })), [{ at: "policy", outcome: "unverified" }]);
    });

    it("reports a document that is not valid JSON without quoting it, and a secret document without echoing it", async () => {
        const bad = await runResource(control, repoPolicy("{ AKIAIOSFODNN7EXAMPLE"));
        assertFindings(bad, [{ at: "policy" }]);
        assert.match(bad.violations[0], /not valid JSON/);
        const hidden = await runResource(control, repoPolicy(secret(iamDoc(open({ Sid: "s3cr3tSid" })))));
        assertFindings(hidden, [{ at: "policy.Statement[0]" }]);
        assert.doesNotMatch([...bad.violations, ...hidden.violations].join("\n"), /AKIA|s3cr3t/);
    });

    it("passes a queue, topic, secret, domain or vault without an inline policy (or an empty one)", async () => {
        for (const type of ["aws:sqs/queue:Queue", "aws:sns/topic:Topic", "aws:secretsmanager/secret:Secret", "aws:opensearch/domain:Domain", "aws:glacier/vault:Vault", "aws-native:efs:FileSystem"]) {
            assertFindings(await runResource(control, { type, props: {} }), []);
            assertFindings(await runResource(control, { type, props: { [RESOURCE_POLICY_PROPS[type]]: "" } }), []);
        }
    });

    it("passes a resource its Pulumi name puts in allowedPublicResources", async () => {
        const r = await runResource(control, { type: "aws:sns/topic:Topic", name: "partner-notifications", props: { policy: iamDoc(open()) } }, { config: { allowedPublicResources: ["partner-notifications"] } });
        assertFindings(r, []);
    });

    it("leaves the public case of bucket, key and role-trust policies to the control that owns each, which judges that type", () => {
        const byId = new Map(controls.map((c) => [c.id, c]));
        for (const [type, owner] of Object.entries(PUBLIC_CASE_OWNERS)) {
            assert.ok(!control.types.has(type), `${type} is ${owner}'s`);
            assert.ok(judgedTypes(byId.get(owner)!).has(type), `${owner} judges ${type}`);
        }
        for (const type of Object.keys(RESOURCE_POLICY_PROPS)) assert.ok(control.types.has(type) || type in PUBLIC_CASE_OWNERS, type);
        assert.ok(!control.types.has("aws:lambda/permission:Permission"), "a Lambda permission for * is aws-lambda-url-auth's");
    });

    it("is the only control that reports a public queue policy: aws-exfil-external-access judges named accounts, not *", async () => {
        const queue = { type: "aws:sqs/queuePolicy:QueuePolicy", name: "jobs-policy", props: { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/jobs", policy: iamDoc(open()) } };
        assertFindings(await runStack(awsExfilExternalAccess, [queue], { settings: { trustedAwsAccountIds: ["111122223333"] } }), []);
    });
});
