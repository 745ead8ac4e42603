import { strict as assert } from "assert";
import { awsIamTrustPolicy as control } from "../../../../policies/aws/iam/trust-policy";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const trust = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const role = (doc: unknown) => ({ type: "aws:iam/role:Role", props: { assumeRolePolicy: typeof doc === "string" ? doc : JSON.stringify(doc) } });
const oidc = (Condition?: unknown) => trust({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });

describe("aws-iam-trust-policy", () => {
    for (const [label, principal] of [
        ['"*"', "*"],
        ['{"AWS": "*"}', { AWS: "*" }],
        ['{"AWS": ["arn…", "*"]}', { AWS: ["arn:aws:iam::111122223333:root", "*"] }],
        ["a wildcard account ARN", { AWS: "arn:aws:iam::*:root" }],
    ] as [string, unknown][]) {
        it(`flags Principal ${label} without a condition`, async () => {
            const r = await runResource(control, role(trust({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /trusts every AWS principal .* at assumeRolePolicy\.Statement\[0\]\.Principal/);
        });
    }

    it("flags Principal * in an object document whose condition restricts nothing", async () => {
        const r = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: { Statement: { Effect: "allow", Principal: "*", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "*" } } } } } });
        assertFindings(r, [{ at: "assumeRolePolicy.Statement.Principal" }]);
    });

    it("passes Principal * restricted by aws:PrincipalOrgID", async () => {
        const r = await runResource(control, role(trust({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } })));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags Allow with NotPrincipal", async () => {
        const r = await runResource(control, role(trust({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" })));
        assert.match(r.violations[0], /NotPrincipal/);
    });

    it("passes service and account principals", async () => {
        const r = await runResource(
            control,
            role(trust({ Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/deploy" }, Action: "sts:AssumeRole" })),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags an OIDC trust with no condition", async () => {
        const r = await runResource(control, role(oidc()));
        assert.match(r.violations[0], /does not constrain the token's :aud and :sub claims at assumeRolePolicy\.Statement\[0\]\.Condition/);
    });

    it("flags an OIDC trust that pins only the audience", async () => {
        const r = await runResource(control, role(oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } })));
        assert.match(r.violations[0], /:sub claim at/);
    });

    it("flags an OIDC trust whose sub is a bare *", async () => {
        const r = await runResource(
            control,
            role(oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/app:*", "*"] } })),
        );
        assertFindings(r, [{ at: "assumeRolePolicy.Statement[0].Condition" }]);
    });

    it("flags an OIDC trust that constrains sub only with IfExists", async () => {
        const r = await runResource(
            control,
            role(oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLikeIfExists: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" } })),
        );
        assertFindings(r, [{ at: "assumeRolePolicy.Statement[0].Condition" }]);
    });

    it("passes an OIDC trust pinning aud and sub", async () => {
        const r = await runResource(
            control,
            role(oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main" } })),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("checks EKS OIDC providers found by Action alone", async () => {
        const doc = trust({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" }, Action: ["sts:AssumeRoleWithWebIdentity"] });
        assert.equal((await runResource(control, role(doc))).violations.length, 1);
    });

    it("judges a provider ARN unknown at preview by the web-identity Action", async () => {
        const doc = (Condition: unknown) => ({ Statement: [{ Effect: "Allow", Principal: { Federated: unknown }, Action: "sts:AssumeRoleWithWebIdentity", Condition }] });
        const bad = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: doc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }) } });
        assertFindings(bad, [{ at: "assumeRolePolicy.Statement[0].Condition" }]);
        const good = await runResource(control, {
            type: "aws:iam/role:Role",
            props: { assumeRolePolicy: doc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/app:environment:prod" } }) },
        });
        assert.deepEqual(good, { violations: [], unverified: [], urns: [] });
    });

    it("says it could not verify an unknown Federated principal whose Action is unknown too", async () => {
        const r = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { Federated: unknown }, Action: unknown }] } } });
        assert.match(r.unverified[0], /Principal\.Federated/);
    });

    it("accepts aud and amr for Cognito identity pools", async () => {
        const r = await runResource(
            control,
            role(
                trust({
                    Effect: "Allow",
                    Principal: { Federated: "cognito-identity.amazonaws.com" },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:pool" }, "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
                }),
            ),
        );
        assertFindings(r, []);
    });

    it("passes SAML federation and Deny statements", async () => {
        const r = await runResource(
            control,
            role(trust({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/idp" }, Action: "sts:AssumeRoleWithSAML" }, { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" })),
        );
        assertFindings(r, []);
    });

    it("says it could not verify unknown trust policies, principals and conditions", async () => {
        assert.equal((await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: unknown } })).unverified.length, 1);
        const p = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: unknown, Action: "sts:AssumeRole" }] } } });
        assert.match(p.unverified[0], /Principal/);
        const arn = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { AWS: unknown }, Action: "sts:AssumeRole" }] } } });
        assert.deepEqual(arn, { violations: [], unverified: [], urns: [] });
        const c = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: { Statement: [{ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: unknown } }] } } });
        assert.deepEqual(c.violations, []);
        assert.match(c.unverified[0], /Condition/);
    });

    it("reports an invalid trust policy without quoting it", async () => {
        const r = await runResource(control, role("{s3cr3t"));
        assert.match(r.violations[0], /not valid JSON/);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });

    it("flags a secret trust policy without echoing it", async () => {
        const r = await runResource(control, { type: "aws:iam/role:Role", props: { assumeRolePolicy: secret(JSON.stringify(trust({ Sid: "s3cr3t", Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }))) } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
