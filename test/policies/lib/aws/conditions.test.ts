import { strict as assert } from "assert";
import { allowsEveryone, constrainedKeys, restrictsCaller } from "../../../../policies/lib/aws/conditions";
import { parseDocument, Statement } from "../../../../policies/lib/iam-document";
import { UNKNOWN } from "../../../../policies/lib/values";

/** Condition blocks on a `Principal: "*"` statement, and whether they really limit the caller. */
const CASES: [string, Record<string, any>, boolean][] = [
    ["an organisation id", { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, true],
    ["an organisation id of wildcards o-*", { StringLike: { "aws:PrincipalOrgID": "o-*" } }, false],
    ["a principal ARN in one account", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/app-*" } }, true],
    ["a principal ARN in any account", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/app" } }, false],
    ["a source account", { StringEquals: { "aws:SourceAccount": "111122223333" } }, true],
    ["a source account under a key in upper case", { StringEquals: { "AWS:SOURCEACCOUNT": "111122223333" } }, true],
    ["a source account wildcard", { StringLike: { "aws:SourceAccount": "*" } }, false],
    ["a source account with a partial wildcard", { StringLike: { "aws:SourceAccount": "1111*" } }, false],
    ["a source ARN in any account", { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:alerts" } }, false],
    ["a source ARN of one bucket", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::phi-logs" } }, true],
    ["a source ARN of every bucket", { ArnLike: { "aws:SourceArn": "arn:aws:s3:::*" } }, false],
    ["an IfExists operator, satisfied when the key is absent", { StringEqualsIfExists: { "aws:SourceAccount": "111122223333" } }, false],
    ["ForAllValues, satisfied when the key is absent", { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, false],
    ["a negated operator, which admits everyone else", { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }, false],
    ["a Null test of presence", { Null: { "aws:SourceArn": "false" } }, false],
    ["a source VPC endpoint", { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c" } }, true],
    ["an open source IP range", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, false],
    ["secure transport only, which limits no caller", { Bool: { "aws:SecureTransport": "true" } }, false],
];

describe("lib/aws/conditions: which condition values really restrict", () => {
    for (const [name, condition, want] of CASES) {
        it(`${want ? "restricts" : "does not restrict"} the caller with ${name}`, () => {
            assert.equal(restrictsCaller({ condition }), want);
        });
    }

    it("cannot decide while a Condition, an operator block or the only caller value is unknown", () => {
        assert.equal(restrictsCaller({ condition: UNKNOWN }), UNKNOWN);
        assert.equal(restrictsCaller({ condition: { ArnEquals: { "aws:SourceArn": UNKNOWN } } }), UNKNOWN);
        assert.equal(restrictsCaller({ condition: { ArnEquals: { "aws:SourceArn": UNKNOWN }, StringEquals: { "aws:SourceAccount": "111122223333" } } }), true);
        assert.equal(restrictsCaller({ condition: { StringEquals: UNKNOWN } }), UNKNOWN);
    });

    it("lists every restricting key in lower case, for the action table's narrowing keys", () => {
        assert.deepEqual(constrainedKeys({ condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com", "aws:PrincipalTag/team": "*" }, Bool: { "aws:SecureTransport": true } } }), [
            "iam:passedtoservice",
            "aws:securetransport",
        ]);
        assert.deepEqual(constrainedKeys({ condition: undefined }), []);
        assert.deepEqual(constrainedKeys({ condition: { StringEquals: { "kms:ViaService": UNKNOWN } } }), ["kms:viaservice"], "another resource's output is a real value");
    });

    describe("allowsEveryone: the one reading of a public resource-policy statement", () => {
        const statement = (s: object): Statement => {
            const parsed = parseDocument({ Statement: [{ Effect: "Allow", Action: "*", ...s }] });
            if (parsed.kind !== "ok") throw new Error(parsed.kind);
            return parsed.statements[0];
        };
        const org = { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } };

        it('is true for Principal "*", {"AWS": "*"} and NotPrincipal without a restricting condition', () => {
            for (const s of [{ Principal: "*" }, { Principal: { AWS: ["111122223333", "*"] } }, { NotPrincipal: { AWS: "111122223333" } }, { Principal: "*", Condition: { StringLike: { "aws:SourceAccount": "*" } } }]) {
                assert.equal(allowsEveryone(statement(s)), true, JSON.stringify(s));
            }
        });

        it("is false for named principals and for * held to the organisation, or to the keys a caller names", () => {
            assert.equal(allowsEveryone(statement({ Principal: { AWS: "arn:aws:iam::111122223333:root" } })), false);
            assert.equal(allowsEveryone(statement({ Principal: "*", Condition: org })), false);
            assert.equal(allowsEveryone(statement({ Principal: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } }), ["kms:calleraccount"]), false);
            assert.equal(allowsEveryone(statement({ Principal: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } })), true);
        });

        it("is UNKNOWN when a principal, NotPrincipal or condition unknown at preview decides", () => {
            assert.equal(allowsEveryone(statement({ Principal: { AWS: UNKNOWN } })), UNKNOWN);
            assert.equal(allowsEveryone(statement({ NotPrincipal: UNKNOWN })), UNKNOWN);
            assert.equal(allowsEveryone(statement({ Principal: "*", Condition: UNKNOWN })), UNKNOWN);
            assert.equal(allowsEveryone(statement({ Principal: { AWS: UNKNOWN }, Condition: org })), false);
        });
    });
});
