import { strict as assert } from "assert";
import {
    coversAllResources,
    grantsAction,
    grantsAllActions,
    isPublicPrincipal,
    parseDocument,
    reachesEveryResourceOf,
    Statement,
} from "../../../policies/lib/iam-document";
import { isUnknown, snapshot, UNKNOWN } from "../../../policies/lib/values";

function statements(doc: unknown): Statement[] {
    const parsed = parseDocument(doc as any);
    assert.equal(parsed.kind, "ok");
    return (parsed as { statements: Statement[] }).statements;
}
const one = (s: Record<string, unknown>) => statements({ Statement: [s] })[0];

describe("iam-document reader", () => {
    it("reads a JSON string and an object alike, Statement as object or list", () => {
        const s = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
        assert.deepEqual(statements(JSON.stringify({ Statement: s }))[0].actions, ["s3:GetObject"]);
        assert.deepEqual(statements({ Statement: [s] })[0].path, "Statement[0]");
        assert.deepEqual(statements({ Statement: s })[0].path, "Statement");
    });

    it("parses a document once for the frozen object it was read from, and never shares across holders", () => {
        const text = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
        const holder = Object.freeze({ policy: text });
        assert.equal(parseDocument(text, holder), parseDocument(text, holder));
        assert.notEqual(parseDocument(text, holder), parseDocument(text, Object.freeze({ policy: text })));
        assert.notEqual(parseDocument(text, { policy: text }), parseDocument(text, { policy: text }), "an unfrozen holder may change");
        const doc = snapshot({ Statement: [{ Effect: "Deny", Action: "*" }] });
        assert.equal(parseDocument(doc), parseDocument(doc));
        assert.deepEqual(parseDocument(text, holder), parseDocument(text));
    });

    it("reports invalid JSON, a non-object and a missing Statement as invalid", () => {
        assert.equal(parseDocument("{").kind, "invalid");
        assert.equal(parseDocument("[1]").kind, "invalid");
        assert.equal(parseDocument({ Version: "2012-10-17" }).kind, "invalid");
        assert.equal(parseDocument({ Statement: ["x"] }).kind, "invalid");
    });

    it("reports an unknown document or Statement as unknown", () => {
        assert.equal(parseDocument(UNKNOWN).kind, "unknown");
        assert.equal(parseDocument({ Statement: UNKNOWN }).kind, "unknown");
    });

    it("normalises Effect case and keeps unknown fields as UNKNOWN", () => {
        const s = one({ Effect: "ALLOW", Action: UNKNOWN, Resource: ["a", UNKNOWN] });
        assert.equal(s.effect, "Allow");
        assert.ok(isUnknown(s.actions));
        assert.ok(isUnknown(s.resources));
    });

    it("matches actions case-insensitively with partial wildcards on either side", () => {
        assert.equal(grantsAction(one({ Effect: "Allow", Action: "S3:GETOBJECT" }), "s3:GetObject"), true);
        assert.equal(grantsAction(one({ Effect: "Allow", Action: "s3:Get*" }), "s3:GetObject"), true);
        assert.equal(grantsAction(one({ Effect: "Allow", Action: "*Object" }), "s3:GetObject"), true);
        assert.equal(grantsAction(one({ Effect: "Allow", Action: "s3:*" }), "s3:GetObject"), true);
        assert.equal(grantsAction(one({ Effect: "Allow", Action: "s3:Get*" }), "s3:GetObject*"), true);
        assert.equal(grantsAction(one({ Effect: "Allow", Action: "s3:Put*" }), "s3:GetObject"), false);
    });

    it("counts NotAction as granting everything it does not fully exclude", () => {
        assert.equal(grantsAction(one({ Effect: "Allow", NotAction: "iam:*" }), "s3:GetObject"), true);
        assert.equal(grantsAction(one({ Effect: "Allow", NotAction: ["s3:*"] }), "s3:GetObject"), false);
        assert.equal(grantsAllActions(one({ Effect: "Allow", NotAction: "iam:*" })), true);
    });

    it("recognises every-resource forms: *, arn:aws:*:*, NotResource", () => {
        assert.equal(coversAllResources(one({ Resource: "*" })), true);
        assert.equal(coversAllResources(one({ Resource: ["arn:aws:s3:::b", "arn:aws:*:*:*:*"] })), true);
        assert.equal(coversAllResources(one({ NotResource: "arn:aws:s3:::b" })), true);
        assert.equal(coversAllResources(one({ Resource: "arn:aws:s3:::*" })), false);
    });

    it("recognises public principals in every form", () => {
        assert.equal(isPublicPrincipal(one({ Principal: "*" }).principal), true);
        assert.equal(isPublicPrincipal(one({ Principal: { AWS: "*" } }).principal), true);
        assert.equal(isPublicPrincipal(one({ Principal: { AWS: ["arn:aws:iam::1:root", "*"] } }).principal), true);
        assert.equal(isPublicPrincipal(one({ Principal: { Service: "lambda.amazonaws.com" } }).principal), false);
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

});
