import { strict as assert } from "assert";
import { awsKmsKeyPolicy as control } from "../../../../policies/aws/kms/key-policy";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
const ADMIN = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/key-admin" }, Action: ["kms:Create*", "kms:Describe*", "kms:Put*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], Resource: "*" };
const USER = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" };
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const key = (policy: unknown) => ({ type: "aws:kms/key:Key", props: { policy: typeof policy === "string" ? policy : JSON.stringify(policy) } });

describe("aws-kms-key-policy", () => {
    it("passes root kms:*, separate administrators and users (JSON string)", async () => {
        const r = await runResource(control, key(doc(ROOT, ADMIN, USER)));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a Key without a policy (the default policy grants the account root only)", async () => {
        assert.deepEqual(await runResource(control, { type: "aws:kms/key:Key", props: {} }), { violations: [], unverified: [], urns: [] });
    });

    it("passes a bare account id as the root principal", async () => {
        const r = await runResource(control, key(doc({ ...ROOT, Principal: { AWS: "111122223333" } })));
        assert.deepEqual(r.violations, []);
    });

    it('flags Principal "*" without a restricting condition', async () => {
        const r = await runResource(control, key(doc(ROOT, { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /Principal "\*" .* at policy\.Statement\[1\]/);
    });

    it('passes Principal "*" confined by kms:CallerAccount', async () => {
        const r = await runResource(control, key(doc(ROOT, { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.us-east-1.amazonaws.com" } } })));
        assert.deepEqual(r.violations, []);
    });

    it("flags kms:* granted to a role", async () => {
        const r = await runResource(control, key(doc(ROOT, { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:role/ops"] }, Action: ["KMS:*"], Resource: "*" })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /kms:\* is granted .* at policy\.Statement\[1\]/);
    });

    it('flags Action "*" and NotAction to a service principal', async () => {
        const r = await runResource(control, key(doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "*", Resource: "*" }, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/x" }, NotAction: "kms:ScheduleKeyDeletion", Resource: "*" })));
        assertFindings(r, [{ at: "policy.Statement[0]" }, { at: "policy.Statement[1]" }]);
    });

    it("passes kms:* for a configured key administrator", async () => {
        const r = await runResource(control, key(doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/break-glass" }, Action: "kms:*", Resource: "*" })), {
            config: { keyAdministrators: ["arn:aws:iam::*:role/break-glass"] },
        });
        assert.deepEqual(r.violations, []);
    });

    it("flags one principal that both administers and uses the key, in one statement", async () => {
        const r = await runResource(control, key(doc(ROOT, { ...ADMIN, Action: ["kms:PutKeyPolicy", "kms:Decrypt"] })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /both administers the key .* at policy\.Statement\[1\]:/);
    });

    it("flags one principal that administers and uses the key across two statements", async () => {
        const r = await runResource(control, key(doc(ROOT, ADMIN, { ...USER, Principal: ADMIN.Principal })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at policy\.Statement\[1\] and policy\.Statement\[2\]/);
    });

    it("flags a partial wildcard that reaches both (kms:*Key* style patterns count)", async () => {
        const r = await runResource(control, key(doc({ ...ADMIN, Action: ["kms:Put*", "kms:Decrypt*"] })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("flags a KeyPolicy resource and an object document", async () => {
        const r = await runResource(control, { type: "aws:kms/keyPolicy:KeyPolicy", props: { keyId: "k", policy: doc({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }) } });
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("says it could not verify an unknown document or principal, and never passes them", async () => {
        const a = await runResource(control, { type: "aws:kms/key:Key", props: { policy: unknown } });
        assertFindings(a, [{ at: "policy", outcome: "unverified" }]);
        const b = await runResource(control, { type: "aws:kms/key:Key", props: { policy: { Statement: [{ Effect: "Allow", Principal: { AWS: unknown }, Action: "kms:*", Resource: "*" }] } } });
        assert.deepEqual(b.violations, []);
        assert.equal(b.unverified.length, 1);
        assert.match(b.unverified[0], /policy\.Statement\[0\]/);
    });

    it("reports an unparseable or secret policy without echoing it", async () => {
        const bad = await runResource(control, key("{ AKIAIOSFODNN7EXAMPLE"));
        assert.match(bad.violations[0], /not valid JSON/);
        assert.doesNotMatch(bad.violations[0], /AKIA/);
        const hidden = await runResource(control, { type: "aws:kms/key:Key", props: { policy: secret(JSON.stringify(doc({ Sid: "s3cr3t", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }))) } });
        assert.equal(hidden.violations.length, 1);
        assert.doesNotMatch(hidden.violations[0], /s3cr3t/);
    });
});
