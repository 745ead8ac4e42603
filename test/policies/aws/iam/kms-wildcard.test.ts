import { strict as assert } from "assert";
import { awsIamKmsWildcard as control } from "../../../../policies/aws/iam/kms-wildcard";
import { assertLeftTo, runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const OWNER = "aws-iam-no-admin-statements";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const policy = (d: unknown, type = "aws:iam/policy:Policy") => ({ type, props: { policy: typeof d === "string" ? d : JSON.stringify(d) } });

describe("aws-iam-kms-wildcard", () => {
    for (const action of ["kms:Decrypt", "KMS:decrypt", "kms:ReEncrypt*", "kms:ReEncryptFrom", "kms:*", "kms:De*"]) {
        it(`flags ${action} on Resource "*"`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: [action], Resource: "*" })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /allowed on every KMS key at policy\.Statement\[0\]:/);
        });
    }

    for (const resource of ["arn:aws:kms:*:*:key/*", "arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws-us-gov:kms:*", "arn:*:kms:*:*:*"]) {
        it(`flags kms:Decrypt on ${resource}`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: resource })));
            assertFindings(r, [{ at: "policy.Statement[0]" }]);
        });
    }

    // A statement that grants every action on every resource is one problem, reported by aws-iam-no-admin-statements.
    it('leaves Action "*" on Resource "*", and Allow with NotAction and NotResource, to aws-iam-no-admin-statements', async () => {
        await assertLeftTo(control, OWNER, policy(doc({ Effect: "Allow", Action: "*", Resource: "*" })), "policy.Statement[0]");
        await assertLeftTo(control, OWNER, policy(doc({ Effect: "Allow", NotAction: "s3:*", NotResource: "arn:aws:kms:us-east-1:111122223333:key/1234" })), "policy.Statement[0]");
    });

    for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
        it(`flags the document of ${type.split(":")[2]}`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }), type));
            assertFindings(r, [{ at: "policy.Statement[0]" }]);
        });
    }

    it("flags a Role inline policy with its path", async () => {
        const r = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "k", policy: { Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] } }] } });
        assert.match(r.violations[0], /at inlinePolicies\[0\]\.policy\.Statement\[0\]/);
    });

    it("passes decryption with a named key, key-free KMS actions on * and constrained grants", async () => {
        const r = await runResource(
            control,
            policy(
                doc(
                    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
                    { Effect: "Allow", Action: ["kms:ListKeys", "kms:ListAliases"], Resource: "*" },
                    { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } },
                    { Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/data": "app" } } },
                    { Effect: "Deny", Action: "kms:*", Resource: "*" },
                ),
            ),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a key ARN unknown at preview (the output of a key in the program)", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: [unknown] }] } } });
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it('flags Resource "*" listed next to a key ARN unknown at preview', async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: [unknown, "*"] }] } } });
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("leaves an unknown Action list on Resource \"*\" and an unknown document to aws-iam-no-admin-statements, which says it could not verify them", async () => {
        await assertLeftTo(control, OWNER, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: unknown, Resource: "*" }] } } }, "policy.Statement[0]", "unverified");
        await assertLeftTo(control, OWNER, { type: "aws:iam/rolePolicy:RolePolicy", props: { policy: unknown } }, "policy", "unverified");
    });

    it("flags a secret document without echoing it", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: secret(JSON.stringify(doc({ Sid: "s3cr3t", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }))) } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
