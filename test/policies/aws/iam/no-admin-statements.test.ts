import { strict as assert } from "assert";
import { awsIamNoAdminStatements as control } from "../../../../policies/aws/iam/no-admin-statements";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const policy = (d: unknown) => ({ type: "aws:iam/policy:Policy", props: { policy: typeof d === "string" ? d : JSON.stringify(d) } });

describe("aws-iam-no-admin-statements", () => {
    it('flags Allow of Action "*" on Resource "*" in a JSON string document', async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "*", Resource: "*" })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at policy\.Statement\[0\]/);
    });

    it("flags an object document with Statement as a single object", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: { Effect: "Allow", Action: ["*"], Resource: ["*"] } } } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at policy\.Statement:/);
    });

    it('flags "*" anywhere in Action and Resource arrays', async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: ["arn:aws:s3:::b/*", "*"] })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("flags Allow with NotAction on every resource", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" })));
        assert.match(r.violations[0], /NotAction/);
    });

    it("flags Allow of everything with NotResource", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::logs" })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("flags case variants of Effect and a whitespace-padded document", async () => {
        const r = await runResource(control, policy(`\n  ${JSON.stringify(doc({ Effect: "allow", Action: " * ", Resource: "*" }))}  \n`));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
        it(`flags the inline document of ${type.split(":")[2]}`, async () => {
            const r = await runResource(control, { type, props: { policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })) } });
            assertFindings(r, [{ at: "policy.Statement[0]" }]);
        });
    }

    it("flags a Role inlinePolicies entry with its index in the path", async () => {
        const r = await runResource(control, {
            type: "aws:iam/role:Role",
            props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "ok", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })) }, { name: "admin", policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })) }] },
        });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /inlinePolicies\[1\]\.policy\.Statement\[0\]/);
    });

    it("flags an admin document held as a secret without echoing it", async () => {
        const text = JSON.stringify(doc({ Sid: "s3cr3t-sid-value", Effect: "Allow", Action: "*", Resource: "*" }));
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: secret(text) } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("passes scoped statements and Deny of everything", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/*" }, { Effect: "Deny", Action: "*", Resource: "*" })));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it('passes Action "*" limited to one resource', async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" })));
        assertFindings(r, []);
    });

    it("reports a document that is not valid JSON, without quoting it", async () => {
        const r = await runResource(control, policy("{not json AKIAIOSFODNN7EXAMPLE"));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not valid JSON/);
        assert.doesNotMatch(r.violations[0], /AKIA/);
    });

    it("says it could not verify a document unknown at preview", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: unknown } });
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /could not verify policy/);
    });

    it("says it could not verify a statement whose Resource is unknown", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "*", Resource: unknown }] } } });
        assertFindings(r, [{ at: "policy.Statement[0]", outcome: "unverified" }]);
    });

    it("ignores other resource types", async () => {
        const r = await runResource(control, { type: "aws:s3/bucket:Bucket", props: { policy: JSON.stringify(doc({ Effect: "Allow", Action: "*", Resource: "*" })) } });
        assertFindings(r, []);
    });
});
