import type { CheckContext, ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { constrainedKeys, restrictsCaller } from "../../lib/aws/conditions";
import { grantsAction, isAllow, parseDocument, Principal, Statement } from "../../lib/iam-document";
import { trustDocument } from "../../lib/aws/documents";
import { IAM_ROLES } from "../../lib/aws/rights";
import { asList, isObject, isUnknown, Unknown, UNKNOWN } from "../../lib/values";

/** Identity providers whose tokens are web-identity (OIDC) tokens, besides IAM OIDC providers. */
const WEB_IDENTITY_PROVIDERS = ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"];

function isWebIdentity(federated: string): boolean {
    const v = federated.trim().toLowerCase();
    return /:oidc-provider\//.test(v) || WEB_IDENTITY_PROVIDERS.includes(v);
}

/**
 * Any principal value that names every AWS identity: `*`, or an ARN with a wildcard account or name.
 * An unknown value is the ARN of a role, account or provider created in the same update.
 */
function hasEveryonePrincipal(p: Principal | Unknown | undefined): boolean | Unknown {
    if (p === undefined) return false;
    if (isUnknown(p)) return UNKNOWN;
    for (const [kind, values] of Object.entries(p)) {
        if (isUnknown(values)) continue;
        if (kind === "Federated" || kind === "Service") {
            if (values.some((v) => v === "*")) return true;
        } else if (values.some((v) => v.includes("*"))) return true;
    }
    return false;
}

/** The token claims (`sub`, `aud`, ...) that a statement's Condition pins to real values, by key suffix. */
function constrainedClaims(s: Statement): Set<string> | Unknown {
    const keys = constrainedKeys(s);
    if (isUnknown(keys)) return UNKNOWN;
    const claims = new Set(keys.map((k) => k.slice(k.lastIndexOf(":") + 1)));
    // A bare `*` subject trusts every workload of the provider, even when a value list also names one.
    if (isObject(s.condition)) {
        for (const block of Object.values(s.condition)) {
            if (!isObject(block)) continue;
            for (const [key, value] of Object.entries(block)) {
                const values = asList(value);
                if (/:sub$/i.test(key) && !isUnknown(values) && values.some((v) => typeof v === "string" && v.trim() === "*")) claims.delete("sub");
            }
        }
    }
    return claims;
}

function checkStatement(s: Statement, at: string, ctx: CheckContext<unknown>): void {
    if (!isAllow(s)) {
        if (isUnknown(s.effect)) ctx.unverified(`${at}.Effect`);
        return;
    }
    if (s.notPrincipal !== undefined) {
        ctx.fail({ problem: "Allow with NotPrincipal trusts every principal it does not list", at: `${at}.NotPrincipal`, fix: "name the trusted principals in Principal instead" });
        return;
    }
    const everyone = hasEveryonePrincipal(s.principal);
    if (isUnknown(everyone)) {
        ctx.unverified(`${at}.Principal`);
        return;
    }
    if (everyone) {
        const restricted = restrictsCaller(s);
        if (isUnknown(restricted)) ctx.unverified(`${at}.Condition`);
        else if (!restricted) {
            ctx.fail({
                problem: "the role trusts every AWS principal (Principal `*`) without a condition that restricts the caller",
                at: `${at}.Principal`,
                fix: "name the trusted account, role or service, or add an aws:PrincipalOrgID / aws:PrincipalAccount / aws:SourceArn condition",
            });
        }
        return;
    }
    const federated = s.principal && !isUnknown(s.principal) ? s.principal.Federated : undefined;
    if (federated === undefined) return;
    // A provider ARN created in the same update is unknown; the Action still says it is web identity.
    const byAction = grantsAction(s, "sts:AssumeRoleWithWebIdentity");
    const byProvider = isUnknown(federated) ? UNKNOWN : federated.some(isWebIdentity);
    if (byAction !== true && byProvider !== true) {
        if (isUnknown(byAction) || isUnknown(byProvider)) ctx.unverified(`${at}.Principal.Federated`);
        return;
    }
    const claims = constrainedClaims(s);
    if (isUnknown(claims)) {
        ctx.unverified(`${at}.Condition`);
        return;
    }
    const cognito = !isUnknown(federated) && federated.some((f) => f.trim().toLowerCase() === "cognito-identity.amazonaws.com");
    const missing = ["aud", "sub"].filter((c) => !claims.has(c) && !(c === "sub" && cognito && claims.has("amr")));
    if (missing.length > 0) {
        ctx.fail({
            problem: `the OIDC trust does not constrain the token's ${missing.map((m) => `:${m}`).join(" and ")} claim${missing.length > 1 ? "s" : ""}`,
            at: `${at}.Condition`,
            fix: "add StringEquals (or StringLike without a bare `*`) conditions on <provider>:aud (the audience, e.g. sts.amazonaws.com) and <provider>:sub (the exact repository, service account or workload)",
        });
    }
}

export const awsIamTrustPolicy: ResourceControl = {
    id: "aws-iam-trust-policy",
    title: "IAM role trust policies name their principals and constrain OIDC tokens",
    cloud: "aws",
    category: "service-identity",
    severity: "critical",
    hipaa: [inferred("164.312(a)(1)")],
    description:
        "A role that trusts Principal `*` (or NotPrincipal) without a restricting condition can be assumed from any AWS account, and an OIDC trust that does not pin the token's audience and subject can be assumed by any workload of the identity provider, such as any GitHub repository. Either hands the role's access to PHI to outsiders.",
    remediation:
        "Name the trusted accounts, roles or services in Principal (or restrict `*` with aws:PrincipalOrgID / aws:PrincipalAccount / aws:SourceArn), and give OIDC trusts StringEquals conditions on both `<provider>:aud` and `<provider>:sub`.",
    unknowns: "An unknown principal value or condition value is the output of another resource (a role, account or OIDC provider ARN) and counts as specific; an OIDC provider ARN unknown at preview is recognised by the web-identity Action; an unknown trust policy, Principal or Condition block is reported as unverified (advisory); a trust policy that cannot be parsed is a violation.",
    types: IAM_ROLES,
    checkResource(resource, ctx) {
        const { at, doc } = trustDocument(resource);
        const parsed = parseDocument(doc);
        if (parsed.kind === "unknown") ctx.unverified(at);
        else if (parsed.kind === "invalid") {
            ctx.fail({ problem: `${parsed.reason}, so it cannot be checked`, at, fix: "supply a valid trust policy document" });
        } else for (const s of parsed.statements) checkStatement(s, `${at}.${s.path}`, ctx);
    },
};
