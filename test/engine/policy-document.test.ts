import { strict as assert } from "assert";
import { PolicyDocumentError, renderPolicyDocument } from "../../engine/invokes";

const doc = (args: Record<string, unknown>) => JSON.parse(renderPolicyDocument(args).minifiedJson);

describe("aws.iam.getPolicyDocument, rendered as the provider renders it", () => {
    it("writes statements with one value as a string, several as a list, Allow by default", () => {
        assert.deepEqual(doc({ statements: [{ actions: ["*"], resources: ["*"] }, { sid: "Read", effect: "Deny", actions: ["s3:GetObject", "s3:ListBucket"], notResources: ["arn:aws:s3:::a"] }] }), {
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Sid: "Read", Effect: "Deny", Action: ["s3:GetObject", "s3:ListBucket"], NotResource: "arn:aws:s3:::a" },
            ],
        });
    });

    it("groups principals by type, writes the anonymous principal as *, and conditions by test and variable", () => {
        const [s] = doc({
            statements: [
                {
                    actions: ["sts:AssumeRole"],
                    principals: [
                        { type: "Service", identifiers: ["lambda.amazonaws.com"] },
                        { type: "AWS", identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
                    ],
                    conditions: [{ test: "StringEquals", variable: "aws:PrincipalOrgID", values: ["o-1"] }],
                },
            ],
        }).Statement;
        assert.deepEqual(s.Principal, { Service: "lambda.amazonaws.com", AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] });
        assert.deepEqual(s.Condition, { StringEquals: { "aws:PrincipalOrgID": "o-1" } });
        assert.equal(doc({ statements: [{ actions: ["s3:*"], principals: [{ type: "*", identifiers: ["*"] }] }] }).Statement[0].Principal, "*");
    });

    it("merges source documents first and override documents last, a statement with the same Sid replacing the earlier one", () => {
        const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "B", Effect: "Allow", Action: "*", Resource: "*" }] });
        const override = JSON.stringify({ Statement: { Sid: "B", Effect: "Deny", Action: "*", Resource: "*" } });
        assert.deepEqual(
            doc({ sourcePolicyDocuments: [source], statements: [{ sid: "A", actions: ["s3:PutObject"], resources: ["*"] }], overridePolicyDocuments: [override] }).Statement.map((s: any) => `${s.Sid} ${s.Effect} ${s.Action}`),
            ["A Allow s3:PutObject", "B Deny *"],
        );
    });

    it("writes &{...} as an IAM policy variable", () => {
        assert.equal(doc({ statements: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::home/&{aws:username}/*"] }] }).Statement[0].Resource, "arn:aws:s3:::home/${aws:username}/*");
    });

    it("refuses what the provider refuses", () => {
        for (const args of [{ statements: [{ effect: "Maybe" }] }, { version: "2020-01-01" }, { statements: [{ sid: "x" }, { sid: "x" }] }, { sourcePolicyDocuments: ["{"] }, { sourceJson: "{}" }]) {
            assert.throws(() => renderPolicyDocument(args), PolicyDocumentError, JSON.stringify(args));
        }
    });

    it("gives the indented json, the minified json and an id", () => {
        const out = renderPolicyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["*"] }] });
        assert.equal(out.json, JSON.stringify(JSON.parse(out.minifiedJson), null, 2));
        assert.match(out.id, /^\d+$/);
    });
});
