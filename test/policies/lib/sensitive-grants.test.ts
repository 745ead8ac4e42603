import { strict as assert } from "assert";
import { statement } from "../../harness";
import { KMS_DECRYPT_ACTIONS, PRIVILEGE_ESCALATION_ACTIONS } from "../../../policies/lib/aws-actions";
import { constrainedConditionKeys, grantedActions, reachesEveryResourceOf } from "../../../policies/lib/iam-document";
import { unconstrainedGrants } from "../../../policies/lib/sensitive-grants";
import { UNKNOWN } from "../../../policies/lib/values";

describe("lib/sensitive-grants and the iam-document additions", () => {
    it("lists which actions a statement grants", () => {
        assert.deepEqual(grantedActions(statement({ Effect: "Allow", Action: "kms:ReEncrypt*" }), ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"]), ["kms:ReEncryptFrom", "kms:ReEncryptTo"]);
        assert.equal(grantedActions(statement({ Effect: "Allow", Action: UNKNOWN }), ["kms:Decrypt"]), UNKNOWN);
    });

    it("lists condition keys with real values, skipping IfExists and bare wildcards", () => {
        const s = statement({ Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com", "aws:PrincipalTag/team": "*" }, StringLikeIfExists: { "aws:SourceVpc": "vpc-1" }, Bool: { "aws:SecureTransport": true } } });
        assert.deepEqual(constrainedConditionKeys(s), ["iam:passedtoservice", "aws:securetransport"]);
        assert.deepEqual(constrainedConditionKeys(statement({ Condition: { StringEquals: { k: UNKNOWN } } })), ["k"]);
        assert.equal(constrainedConditionKeys(statement({ Condition: { StringEquals: UNKNOWN } })), UNKNOWN);
    });

    it("decides whether a Resource pattern reaches every resource of a kind", () => {
        const key = "arn:{partition}:kms:{region}:{account}:key/x";
        assert.ok(reachesEveryResourceOf("*", key));
        assert.ok(reachesEveryResourceOf("arn:aws:kms:*:111122223333:key/*", key));
        assert.ok(reachesEveryResourceOf("arn:aws-cn:kms:cn-north-1:111122223333:*", key));
        assert.ok(!reachesEveryResourceOf("arn:aws:kms:us-east-1:111122223333:key/1234", key));
        assert.ok(!reachesEveryResourceOf("arn:aws:kms:us-east-1:111122223333:alias/*", key));
        assert.ok(!reachesEveryResourceOf("arn:aws:s3:::*", key));
    });

    it("reports unconstrained grants, honouring each action's constraining keys", () => {
        const pass = statement({ Effect: "Allow", Action: ["iam:PassRole", "sts:AssumeRole"], Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } });
        assert.deepEqual(unconstrainedGrants(pass, PRIVILEGE_ESCALATION_ACTIONS), ["sts:AssumeRole"]);
        assert.deepEqual(unconstrainedGrants(statement({ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:1:key/k" }), KMS_DECRYPT_ACTIONS), []);
        assert.deepEqual(unconstrainedGrants(statement({ Effect: "Allow", Action: "kms:Decrypt", Resource: UNKNOWN }), KMS_DECRYPT_ACTIONS), []);
        assert.deepEqual(unconstrainedGrants(statement({ Effect: "Allow", Action: "kms:Decrypt", Resource: [UNKNOWN, "*"] }), KMS_DECRYPT_ACTIONS), ["kms:Decrypt"]);
        assert.equal(unconstrainedGrants(statement({ Effect: "Allow", Action: UNKNOWN, Resource: "*" }), KMS_DECRYPT_ACTIONS), UNKNOWN);
        assert.deepEqual(unconstrainedGrants(statement({ Effect: "Allow", Action: "s3:GetObject", Resource: UNKNOWN }), KMS_DECRYPT_ACTIONS), []);
    });
});
