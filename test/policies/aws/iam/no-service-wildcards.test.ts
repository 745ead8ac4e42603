import { strict as assert } from "assert";
import { awsIamNoServiceWildcards as control } from "../../../../policies/aws/iam/no-service-wildcards";
import { assertLeftTo, runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const OWNER = "aws-iam-no-admin-statements";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const policy = (d: unknown, type = "aws:iam/policy:Policy") => ({ type, props: { policy: typeof d === "string" ? d : JSON.stringify(d) } });

describe("aws-iam-no-service-wildcards", () => {
    it('flags "s3:*" even on a single bucket', async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::records/*" })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /Allow of "s3:\*" grants every action of the service at policy\.Statement\[0\]\.Action/);
    });

    it("flags a service wildcard in any case inside an Action list of an object document", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: { Effect: "Allow", Action: ["logs:PutLogEvents", "DynamoDB:*"], Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/t" } } } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /"DynamoDB:\*"/);
    });

    it("accepts a configured service wildcard", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "logs:*", Resource: "arn:aws:logs:us-east-1:111122223333:log-group:app:*" })), { config: { allowedServiceWildcards: ["LOGS:*"] } });
        assertFindings(r, []);
    });

    for (const action of ["s3:GetObject", "s3:Get*", "s3:*Object", "healthlake:ReadResource", "rds-data:ExecuteStatement", "dynamodb:Scan", "dynamodb:query", "dynamodb:GetItem", "secretsmanager:GetSecretValue", "ssm:GetParameter*", "ssm:GetParametersByPath", "kms:Decrypt"]) {
        it(`flags ${action} on Resource "*"`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: [action], Resource: "*" })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /data-read actions \(.+\) are allowed on every resource at policy\.Statement\[0\]:/);
        });
    }

    // The action table (lib/aws/actions) gives rds:Describe* the List level and no PHI read: it returns
    // instance metadata, never rows. The catalog row still names it; the model decides for every control.
    it("passes rds:Describe* on Resource \"*\", which reads metadata, not PHI", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: ["rds:Describe*"], Resource: "*" })));
        assert.deepEqual(r.violations, []);
    });

    it("flags a data read on every bucket written as an S3 ARN wildcard", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::*/*"] })));
        assert.match(r.violations[0], /s3:GetObject/);
    });

    it("flags table reads on every table of an account", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "dynamodb:Query", Resource: "arn:aws:dynamodb:*:111122223333:table/*" })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("flags a service wildcard and its data reads on Resource * as two findings", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" })));
        assertFindings(r, [{ at: "policy.Statement[0].Action" }, { at: "policy.Statement[0]" }]);
    });

    // A statement that grants every action on every resource is one problem, reported by aws-iam-no-admin-statements.
    it("leaves Allow with NotAction on every resource to aws-iam-no-admin-statements", async () => {
        await assertLeftTo(control, OWNER, policy(doc({ Effect: "Allow", NotAction: ["iam:*", "s3:GetObject"], Resource: "*" })), "policy.Statement[0]");
    });

    it("flags Allow with NotAction that leaves data reads on every bucket", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", NotAction: ["iam:*", "s3:GetObject"], Resource: "arn:aws:s3:::*" })));
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
        assert.doesNotMatch(r.violations[0], /s3:GetObject[,)]/);
    });

    for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]) {
        it(`flags the document of ${type.split(":")[2]}`, async () => {
            const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }), type));
            assertFindings(r, [{ at: "policy.Statement[0]" }]);
        });
    }

    it("flags a Role inline policy with its path", async () => {
        const r = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: "{}", inlinePolicies: [{ name: "read", policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })) }] } });
        assert.match(r.violations[0], /at inlinePolicies\[0\]\.policy\.Statement\[0\]/);
    });

    it("passes data reads scoped to named stores, metadata reads on * and Deny statements", async () => {
        const r = await runResource(
            control,
            policy(
                doc(
                    { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::records/*" },
                    { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: ["arn:aws:dynamodb:us-east-1:111122223333:table/visits"] },
                    { Effect: "Allow", Action: ["s3:ListAllMyBuckets", "ec2:DescribeInstances"], Resource: "*" },
                    { Effect: "Deny", Action: "s3:*", Resource: "*" },
                ),
            ),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes kms:Decrypt on * constrained by kms:ViaService", async () => {
        const r = await runResource(control, policy(doc({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } })));
        assertFindings(r, []);
    });

    it("passes a data read on a resource ARN unknown at preview (the output of a bucket in the program)", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: unknown }] } } });
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it('flags a data read whose Resource lists "*" beside an unknown ARN', async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: [unknown, "*"] }] } } });
        assertFindings(r, [{ at: "policy.Statement[0]" }]);
    });

    it("passes an unknown Resource for actions that read no data", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: unknown }] } } });
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("leaves an unknown document, an unknown Action on Resource \"*\" and invalid JSON to aws-iam-no-admin-statements", async () => {
        await assertLeftTo(control, OWNER, { type: "aws:iam/policy:Policy", props: { policy: unknown } }, "policy", "unverified");
        await assertLeftTo(control, OWNER, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: unknown, Resource: "*" }] } } }, "policy.Statement[0]", "unverified");
        await assertLeftTo(control, OWNER, policy("{AKIAIOSFODNN7EXAMPLE"), "policy");
    });

    it("says it could not verify an unknown Action on a named resource", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", Action: unknown, Resource: "arn:aws:s3:::phi" }] } } });
        assertFindings(r, [{ at: "policy.Statement[0].Action", outcome: "unverified" }]);
    });

    it("flags a secret document without echoing it", async () => {
        const r = await runResource(control, { type: "aws:iam/policy:Policy", props: { policy: secret(JSON.stringify(doc({ Sid: "s3cr3t", Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }))) } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
