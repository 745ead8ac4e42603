import { strict as assert } from "assert";
import { awsIamPrivilegeEscalation as control } from "../../../../policies/aws/iam/privilege-escalation";
import { assertLeftTo, runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const OWNER = "aws-iam-no-admin-statements";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const policy = (d: unknown, type = "aws:iam/policy:Policy") => ({ type, props: { policy: typeof d === "string" ? d : JSON.stringify(d) } });

describe("aws-iam-privilege-escalation", () => {
    for (const action of ["iam:PassRole", "iam:passrole", "iam:CreatePolicyVersion", "iam:Attach*", "iam:AttachRolePolicy", "iam:PutUserPolicy", "iam:Put*Policy", "iam:CreateAccessKey", "iam:*", "sts:AssumeRole", "sts:*"]) {
        it(`flags ${action} on Resource "*"`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: action, Resource: "*" })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /allowed on every target without a constraining condition at policy\.Statement\[0\]:/);
        });
    }

    it("flags iam:PassRole on every role of an account", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: ["iam:PassRole"], Resource: ["arn:aws:iam::111122223333:role/*"] })));
        assert.match(r.violations[0], /iam:PassRole is allowed/);
    });

    // A statement that grants every action on every resource is one problem, reported by aws-iam-no-admin-statements.
    it("leaves Allow with NotAction on every resource to aws-iam-no-admin-statements", async () => {
        await assertLeftTo(control, OWNER, policy(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })), "policy.Statement[0]");
    });

    it("flags Allow with NotAction on every role of an account", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "arn:aws:iam::111122223333:role/*" })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("flags PassRole whose only condition is IfExists or a bare wildcard", async () => {
        const r = await runResource(
            control,
            policy(
                doc(
                    { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEqualsIfExists: { "iam:PassedToService": "lambda.amazonaws.com" } } },
                    { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringLike: { "iam:PassedToService": "*" } } },
                ),
            ),
        );
        assertFindings(r, [{ at: "policy.Statement[0]" }, { at: "policy.Statement[1]" }]);
    });

    it("flags sts:AssumeRole constrained by an unrelated condition", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
        it(`flags the document of ${type.split(":")[2]}`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }), type));
            assertFindings(r, [{ at: "policy.Statement[0]" }]);
        });
    }

    it("flags a Role inline policy with its path", async () => {
        const r = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "x", policy: { Statement: [{ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" }] } }] } });
        assert.match(r.violations[0], /iam:AttachRolePolicy is allowed .* at inlinePolicies\[0\]\.policy\.Statement\[0\]/);
    });

    it("passes PassRole to a named role, or on * constrained by iam:PassedToService", async () => {
        const r = await runResource(
            control,
            policy(
                doc(
                    { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app-task" },
                    { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } } },
                ),
            ),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes policy attachment constrained by iam:PolicyARN and AssumeRole on a role path", async () => {
        const r = await runResource(
            control,
            policy(
                doc(
                    { Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::111122223333:policy/app-read"] } } },
                    { Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/deploy" },
                    { Effect: "Deny", Action: "iam:*", Resource: "*" },
                    { Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" },
                ),
            ),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes PassRole of a role ARN unknown at preview, and a condition value unknown at preview", async () => {
        const a = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: unknown }] } } });
        assert.deepEqual(a, { violations: [], unverified: [], urns: [] });
        const b = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { ArnEquals: { "iam:AssociatedResourceArn": [unknown] } } }] } } });
        assert.deepEqual(b, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify an unknown Condition block or Action", async () => {
        const a = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: unknown } }] } } });
        assert.deepEqual(a.violations, []);
        assert.equal(a.unverified.length, 1);
        const b = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: [unknown], Resource: "arn:aws:iam::111122223333:role/*" }] } } });
        assertFindings(b, [{ at: "policy.Statement[0]", outcome: "unverified" }]);
    });

    it("leaves an unknown Action on Resource \"*\" and an unknown Effect to aws-iam-no-admin-statements, which says it could not verify them", async () => {
        await assertLeftTo(control, OWNER, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: [unknown], Resource: "*" }] } } }, "policy.Statement[0]", "unverified");
        await assertLeftTo(control, OWNER, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: unknown, Action: "iam:PassRole", Resource: "*" }] } } }, "policy.Statement[0].Effect", "unverified");
    });

    it("flags a secret document without echoing it", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: secret(JSON.stringify(doc({ Sid: "s3cr3t", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }))) } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
