import { strict as assert } from "assert";
import { statement } from "../../harness";
import fc from "fast-check";
import { CHANGE_ACTIONS, firstGranted, firstGrantedInOrder, PHI_READ_ACTIONS } from "../../../policies/lib/aws-capabilities";
import { UNKNOWN } from "../../../policies/lib/values";

describe("lib/aws-capabilities firstGranted", () => {
    it("names the first listed action a statement grants", () => {
        assert.equal(firstGranted(statement({ Effect: "Allow", Action: ["s3:GetObject", "lambda:UpdateFunctionCode"] }), CHANGE_ACTIONS), "lambda:UpdateFunctionCode");
        assert.equal(firstGranted(statement({ Effect: "Allow", Action: ["S3:GET*", "kms:*"] }), PHI_READ_ACTIONS), "s3:GetObject");
        assert.equal(firstGranted(statement({ Effect: "Allow", Action: "*" }), PHI_READ_ACTIONS), "s3:GetObject");
        assert.equal(firstGranted(statement({ Effect: "Allow", Action: "codecommit:Merge*" }), CHANGE_ACTIONS), "codecommit:MergeBranchesBy*");
        assert.equal(firstGranted(statement({ Effect: "Allow", Action: "sqs:SendMessage" }), CHANGE_ACTIONS), undefined);
        assert.equal(firstGranted(statement({ Effect: "Allow", NotAction: "s3:*" }), PHI_READ_ACTIONS), "s3-object-lambda:GetObject");
        assert.equal(firstGranted(statement({ Effect: "Allow", Action: UNKNOWN }), PHI_READ_ACTIONS), UNKNOWN);
    });

    it("finds what asking each action in turn finds, on any Action or NotAction list and any action list", () => {
        const part = fc.constantFrom("s3", "S3", "kms", "iam", "ſ3", "*", "s*", "?3", "", "lambda");
        const name = fc.constantFrom("GetObject", "Get*", "*", "get?bject", "Decrypt", "PassRole", "", "Put*");
        const action = fc.oneof(fc.tuple(part, name).map(([p, n]) => `${p}:${n}`), part, fc.constant("*"));
        const list = fc.array(action, { maxLength: 6 });
        fc.assert(
            fc.property(list, list, fc.boolean(), (patterns, actions, not) => {
                const s = statement({ Effect: "Allow", [not ? "NotAction" : "Action"]: patterns });
                assert.equal(firstGranted(s, actions), firstGrantedInOrder(s, actions));
            }),
            { numRuns: 3000, seed: 20261129 },
        );
    });
});
