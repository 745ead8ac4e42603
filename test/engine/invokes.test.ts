import { strict as assert } from "assert";
import { crc32 } from "zlib";
import { answerInvoke, AVAILABILITY_ZONES, AZURE_CLIENT_CONFIG, CALLER_IDENTITY, InvokeAnswer, InvokeContext, PARTITION, POLICY_DOCUMENT, PolicyDocumentError, REGION, renderPolicyDocument, SSM_PARAMETER } from "../../engine/invokes";
import { UNKNOWN_WIRE_VALUE } from "../../engine/resource";

const NONE: InvokeContext = { config: {}, given: {} };

/** The result of an answer that must not be a failure. */
function resultOf(a: InvokeAnswer): Record<string, unknown> {
    assert.notEqual(a.kind, "failed");
    return (a as { result: Record<string, unknown> }).result;
}
const doc = (args: Parameters<typeof renderPolicyDocument>[0]) => JSON.parse(renderPolicyDocument(args).json);

describe("invokes: aws.iam.getPolicyDocument rendered as the provider renders it", () => {
    it("writes one statement with Version, Effect Allow by default, and a single action as a string", () => {
        assert.deepEqual(doc({ statements: [{ actions: ["*"], resources: ["*"] }] }), {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        });
    });

    it("de-duplicates set-valued lists and sorts several values in reverse, as the provider's schema.Set does", () => {
        const s = doc({ statements: [{ sid: "Read", actions: ["s3:GetObject", "s3:ListBucket", "s3:GetObject"], resources: ["arn:aws:s3:::a", "arn:aws:s3:::a/*"] }] }).Statement[0];
        assert.deepEqual(s, { Sid: "Read", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::a"] });
    });

    it("writes the not* forms, principals by type and conditions keyed by test and variable", () => {
        const s = doc({
            statements: [
                {
                    effect: "Deny",
                    notActions: ["iam:PassRole"],
                    notResources: ["arn:aws:iam::*:role/&{aws:username}"],
                    principals: [
                        { type: "AWS", identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
                        { type: "Service", identifiers: ["lambda.amazonaws.com"] },
                    ],
                    notPrincipals: [{ type: "AWS", identifiers: ["arn:aws:iam::111122223333:role/break-glass"] }],
                    conditions: [
                        { test: "StringEquals", variable: "aws:PrincipalOrgID", values: ["o-abc"] },
                        { test: "Bool", variable: "aws:SecureTransport", values: ["false"] },
                        { test: "StringLike", variable: "s3:prefix", values: ["home/", "home/&{aws:username}/"] },
                    ],
                },
            ],
        }).Statement[0];
        assert.deepEqual(s, {
            Effect: "Deny",
            NotAction: "iam:PassRole",
            NotResource: "arn:aws:iam::*:role/${aws:username}",
            Principal: { AWS: ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:root"], Service: "lambda.amazonaws.com" },
            NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/break-glass" },
            Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalOrgID": "o-abc" }, StringLike: { "s3:prefix": ["home/", "home/${aws:username}/"] } },
        });
    });

    it('writes a principal of type "*" with identifier "*" as "*", and keeps {"AWS": "*"}', () => {
        assert.equal(doc({ statements: [{ actions: ["s3:GetObject"], principals: [{ type: "*", identifiers: ["*"] }] }] }).Statement[0].Principal, "*");
        assert.deepEqual(doc({ statements: [{ actions: ["s3:GetObject"], principals: [{ type: "AWS", identifiers: ["*"] }] }] }).Statement[0].Principal, { AWS: "*" });
    });

    it("merges source documents first and override documents last, replacing statements with the same Sid in place", () => {
        const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Keep", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "Replace", Effect: "Allow", Action: "s3:*", Resource: "*" }] });
        const override = JSON.stringify({ Statement: [{ Sid: "Replace", Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" }] });
        const d = doc({ sourcePolicyDocuments: [source], statements: [{ actions: ["kms:Decrypt"], resources: ["*"] }], overridePolicyDocuments: [override], policyId: "records" });
        assert.equal(d.Id, "records");
        assert.deepEqual(
            d.Statement.map((s: any) => [s.Sid, s.Effect, s.Action]),
            [
                ["Keep", "Allow", "s3:GetObject"],
                ["Replace", "Deny", "s3:DeleteObject"],
                [undefined, "Allow", "kms:Decrypt"],
            ],
        );
    });

    it("reads a source document's principals and conditions through the provider's model: lists sorted, one value a string, numbers dropped", () => {
        const source = JSON.stringify({
            Statement: [{ Effect: "Allow", Action: ["b", "a"], Principal: { AWS: ["arn:a", "arn:b"] }, Condition: { StringEquals: { k: ["v"] }, Bool: { m: true }, NumericLessThan: { n: 3600 } } }],
        });
        const s = doc({ sourcePolicyDocuments: [source] }).Statement[0];
        assert.deepEqual(s, { Effect: "Allow", Action: ["b", "a"], Principal: { AWS: ["arn:b", "arn:a"] }, Condition: { Bool: { m: "true" }, StringEquals: { k: "v" } } });
    });

    it("gives the indented JSON, the minified JSON and an id that is the CRC-32 of the indented JSON", () => {
        const r = renderPolicyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/*"], conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["<a>&b"] }] }] });
        assert.ok(r.json.startsWith('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",'));
        assert.ok(r.json.includes('"\\u003ca\\u003e\\u0026b"'), "escapes <, > and & as Go does");
        assert.equal(r.minifiedJson, JSON.stringify(JSON.parse(r.json)).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
        assert.equal(r.id, String(crc32(r.json)));
    });

    it("writes no Statement key for a document without statements", () => {
        assert.deepEqual(doc({}), { Version: "2012-10-17" });
    });

    it("fails the invoke, as the provider does, on duplicate Sids and on a source document that is not JSON", () => {
        const dup = answerInvoke(POLICY_DOCUMENT, { statements: [{ sid: "A", actions: ["s3:*"] }, { sid: "A", actions: ["kms:*"] }] }, NONE);
        assert.equal(dup.kind, "failed");
        assert.match((dup as { reason: string }).reason, /duplicate Sid \(A\)/);
        const bad = answerInvoke(POLICY_DOCUMENT, { sourcePolicyDocuments: ["{not json"] }, NONE);
        assert.equal(bad.kind, "failed");
        assert.match((bad as { reason: string }).reason, /merging source document 0/);
    });

    it("answers with the rendered document and the arguments it was given", () => {
        const a = answerInvoke(POLICY_DOCUMENT, { statements: [{ actions: ["*"], resources: ["*"] }] }, NONE);
        assert.equal(a.kind, "rendered");
        assert.equal(JSON.parse(resultOf(a).json as string).Statement[0].Action, "*");
    });
});

describe("invokes: lookups answered with placeholders, config, or the user's answer", () => {
    it("answers caller identity with a placeholder account that is clearly not real", () => {
        const a = answerInvoke(CALLER_IDENTITY, {}, NONE);
        assert.equal(a.kind, "placeholder");
        assert.equal(resultOf(a).accountId, "000000000000");
    });

    it("answers region, partition and availability zones from aws:region when the stack sets it", () => {
        const ctx = { config: { "aws:region": "eu-west-2" }, given: {} };
        const region = answerInvoke(REGION, {}, ctx);
        assert.equal(region.kind, "rendered");
        assert.equal(resultOf(region).region, "eu-west-2");
        const zones = answerInvoke(AVAILABILITY_ZONES, { state: "available" }, ctx);
        assert.deepEqual(resultOf(zones).names, ["eu-west-2a", "eu-west-2b", "eu-west-2c"]);
        const partition = answerInvoke(PARTITION, {}, { config: { "aws:region": "cn-north-1" }, given: {} });
        assert.deepEqual([resultOf(partition).partition, resultOf(partition).dnsSuffix], ["aws-cn", "amazonaws.com.cn"]);
    });

    it("answers the Azure client config with placeholders, or the subscription the stack configures", () => {
        const a = answerInvoke(AZURE_CLIENT_CONFIG, {}, { config: { "azure-native:subscriptionId": "11111111-2222-3333-4444-555555555555" }, given: {} });
        assert.equal(a.kind, "placeholder");
        assert.equal(resultOf(a).subscriptionId, "11111111-2222-3333-4444-555555555555");
    });

    it("merges the user's answer (--invoke) over its own", () => {
        const a = answerInvoke(CALLER_IDENTITY, {}, { config: {}, given: { [CALLER_IDENTITY]: { accountId: "123456789012" } } });
        assert.equal(a.kind, "given");
        assert.equal(resultOf(a).accountId, "123456789012");
    });

    it("answers any other invoke with unknowns in the shape of its result, lists as one unknown element", () => {
        const a = answerInvoke("aws:ec2/getSubnets:getSubnets", {}, NONE, [
            { name: "ids", container: "array" },
            { name: "id", container: "one" },
        ]);
        assert.equal(a.kind, "unknown");
        assert.deepEqual(resultOf(a), { ids: [UNKNOWN_WIRE_VALUE], id: UNKNOWN_WIRE_VALUE });
        const shapeless = answerInvoke("aws:ec2/getSubnets:getSubnets", {}, NONE);
        assert.ok(Object.values(resultOf(shapeless)).includes(UNKNOWN_WIRE_VALUE));
    });
});

describe("invokes: the default VPC", () => {
    it("answers the default VPC lookup with a placeholder id and AWS's default-VPC CIDR, and any other VPC lookup with unknowns", () => {
        const a = answerInvoke("aws:ec2/getVpc:getVpc", { default: true }, NONE, [{ name: "mainRouteTableId", container: "one" }]);
        assert.equal(a.kind, "placeholder");
        const r = (a as { result: Record<string, unknown> }).result;
        assert.deepEqual([r.id, r.cidrBlock, r.mainRouteTableId], ["vpc-00000000000000000", "172.31.0.0/16", UNKNOWN_WIRE_VALUE]);
        assert.equal(answerInvoke("aws:ec2/getVpc:getVpc", { tags: { Name: "records" } }, NONE).kind, "unknown");
    });
});

describe("invokes: AMI ids AWS publishes as public SSM parameters", () => {
    it("answers the ECS-optimized AMI's recommended document as JSON with a placeholder image_id, an image_id parameter with the placeholder AMI, the account's own parameters with unknowns", () => {
        const recommended = resultOf(answerInvoke(SSM_PARAMETER, { name: "/aws/service/ecs/optimized-ami/amazon-linux/recommended" }, NONE));
        assert.equal(JSON.parse(recommended.value as string).image_id, "ami-00000000000000000");
        const imageId = answerInvoke(SSM_PARAMETER, { name: "/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/image_id" }, NONE);
        assert.deepEqual([imageId.kind, resultOf(imageId).value], ["placeholder", "ami-00000000000000000"]);
        assert.equal(resultOf(answerInvoke(SSM_PARAMETER, { name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64" }, NONE)).value, "ami-00000000000000000");
        const own = answerInvoke(SSM_PARAMETER, { name: "/records/db-password" }, NONE, [{ name: "value", container: "one" }]);
        assert.deepEqual([own.kind, resultOf(own).value], ["unknown", UNKNOWN_WIRE_VALUE]);
    });
});

describe("invokes: getPolicyDocument arguments of the wrong shape", () => {
    it("fails the invoke, never the scan, on arguments a YAML program could write", () => {
        const hostile: unknown[] = [
            "statements",
            { statements: "s3:*" },
            { statements: [null] },
            { statements: [{ actions: "s3:*" }] },
            { statements: [{ principals: [null] }] },
            { statements: [{ principals: [{ type: "AWS", identifiers: "*" }] }] },
            { statements: [{ conditions: [{ test: "StringEquals", variable: "aws:SourceAccount", values: "1" }] }] },
            { sourcePolicyDocuments: "{}" },
        ];
        for (const args of hostile) assert.throws(() => renderPolicyDocument(args as never), PolicyDocumentError, JSON.stringify(args));
    });
});
