import { awsIamTrustPolicy as control } from "../../../../policies/aws/iam/trust-policy";
import { defineExamples, fails, iamDoc, resource } from "../../../examples";

const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const role = (assumeRolePolicy: string) => resource("aws:iam/role:Role", "deploy", { assumeRolePolicy });
const base = role(iamDoc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/ci" }, Action: "sts:AssumeRole" }));
const anyone = role(iamDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }));
const oidc = (Condition?: object) => role(iamDoc({ Effect: "Allow", Principal: { Federated: GITHUB }, Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }));
const scopedOidc = oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:org/infra:ref:refs/heads/main" } });
const anyRepo = oidc({ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } });
const notPrincipal = role(iamDoc({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }));

export default defineExamples({
    control,
    passing: {
        baseline: { says: "trusts one role of the account", resources: [base] },
        "github-one-branch": { says: "GitHub OIDC limited to one repository's main branch", resources: [scopedOidc] },
        "org-restricted": { says: "every principal, restricted to the organisation", resources: [role(iamDoc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }))] },
    },
    failing: {
        "any-principal": { says: "trusts every AWS principal with no condition", resources: [anyone], findings: [fails(anyone, "assumeRolePolicy.Statement[0].Principal")] },
        "not-principal": { says: "Allow with NotPrincipal", resources: [notPrincipal], findings: [fails(notPrincipal, "assumeRolePolicy.Statement[0].NotPrincipal")] },
        "oidc-any-repository": { says: "GitHub OIDC without a sub condition: any repository can assume it", resources: [anyRepo], findings: [fails(anyRepo, "assumeRolePolicy.Statement[0].Condition")], from: "github-one-branch" },
    },
});
