import type { CheckContext, StackControl } from "../../control";
import { grantedWith } from "../../lib/aws/actions";
import { AccountJudge, accountOfPrincipal } from "../../lib/aws/boundary";
import { CALLER_KEYS, constrainedKeys, requiredValues, restrictsCaller } from "../../lib/aws/conditions";
import { IAM_ROLES, RESOURCE_POLICY_PROPS } from "../../lib/aws/rights";
import { KEY_POLICY_HOLDERS, KMS_KEYS } from "../../lib/aws-kms-key";
import { LAMBDA_PERMISSIONS } from "../../lib/aws-lambda";
import { inferred } from "../../lib/hipaa";
import { grantsAction, isAllow, isPublicPrincipal, parseDocument, Statement } from "../../lib/iam-document";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { canonicalType, types } from "../../lib/type-tokens";
import { asList, isGivenText, isUnknown } from "../../lib/values";

const KEY_POLICIES = KEY_POLICY_HOLDERS;
const KEYS = KMS_KEYS;
const KMS_GRANTS = types("aws:kms/grant:Grant");
const POLICY_HOLDERS = types(...Object.keys(RESOURCE_POLICY_PROPS));

/** Grant operations that let the grantee read what the key protects (CreateGrant lets it give itself the others). */
const DECRYPTING_OPERATIONS = ["decrypt", "reencryptfrom", "creategrant"];

/** Condition keys that hold a cross-account trust to the organisation or to the one party that knows the external id. */
const EXTERNAL_ID = "sts:externalid";
const ORG_LIMITS = ["aws:principalorgid", "aws:principalorgpaths"];
const TRUST_LIMITS = [EXTERNAL_ID, ...ORG_LIMITS];
const PRINCIPAL_ACCOUNT = "aws:principalaccount";

/** The accounts a statement's `AWS` principals name (bare ids and ARNs); `*` and values unknown at preview name none here. */
function principalAccounts(s: Statement): string[] {
    const aws = s.principal === undefined || isUnknown(s.principal) ? undefined : s.principal.AWS;
    if (aws === undefined || isUnknown(aws)) return [];
    return aws.map(accountOfPrincipal).filter((a): a is string => a !== undefined);
}

/** Caller keys other than the organization and account ones: a limit the boundary cannot judge (a source ARN, VPC, IP). */
const NARROWER_CALLER_KEYS = CALLER_KEYS.filter((k) => !ORG_LIMITS.includes(k) && k !== PRINCIPAL_ACCOUNT);

/**
 * The organizations a statement's conditions admit that are outside the boundary: aws:PrincipalOrgID
 * values and the organization each aws:PrincipalOrgPaths value starts with. A value unknown at
 * preview is another resource's output (the stack's own organization).
 */
function outsideOrganizations(s: Statement, judge: AccountJudge): string[] {
    const values = requiredValues(s, ORG_LIMITS);
    if (isUnknown(values)) return [];
    const orgs = values.filter((v): v is string => typeof v === "string").map((v) => v.split("/")[0]);
    return [...new Set(orgs)].filter((o) => judge.isOutsideOrganization(o));
}

/**
 * Whether a statement naming outside accounts is held inside the boundary by its conditions, and
 * the untrusted organizations a PrincipalOrgID condition admits when it is not. An unknown
 * Condition is judged by the controls that own documents.
 */
function heldInside(s: Statement, reason: Reason, judge: AccountJudge): { held: boolean; orgs: string[] } {
    const constrained = constrainedKeys(s);
    if (isUnknown(constrained) || constrained.some((k) => k === EXTERNAL_ID && reason.limits.includes(k))) return { held: true, orgs: [] };
    if (!constrained.some((k) => ORG_LIMITS.includes(k))) return { held: false, orgs: [] };
    const orgs = outsideOrganizations(s, judge);
    return { held: orgs.length === 0, orgs };
}

/**
 * A `*` principal that the public-exposure controls accept because its conditions admit only some
 * organizations or accounts (aws:PrincipalOrgID, aws:PrincipalAccount): those must be inside the
 * boundary, or the statement opens the resource to an outsider's whole organization.
 */
function checkHeldPublic(r: StackResource, prop: string, s: Statement, what: string, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    if (restrictsCaller(s, NARROWER_CALLER_KEYS) !== false) return;
    const accounts = requiredValues(s, [PRINCIPAL_ACCOUNT]);
    const outside = [
        ...outsideOrganizations(s, judge).map((o) => `organization ${o}`),
        ...(isUnknown(accounts) ? [] : accounts).filter((a): a is string => typeof a === "string" && judge.isOutside(a)).map((a) => `account ${a}`),
    ];
    if (outside.length === 0) return;
    ctx.fail({
        problem: `any principal of ${outside.join(", ")}, outside the organisation's boundary, may ${what}: the condition that limits Principal "*" admits them`,
        at: `${prop}.${s.path}.Condition`,
        fix: "name only organizations in trustedAwsOrganizationIds and accounts in trustedAwsAccountIds (phi-guard-settings) in aws:PrincipalOrgID and aws:PrincipalAccount",
        urn: r.urn,
    });
}

/** Whether a PHI key: a key of the stack outside the PHI scope is not; one the stack does not hold counts as PHI. */
function phiKey(stack: StackIndex, r: StackResource, prop: string, ctx: CheckContext<unknown>): boolean {
    const keys = KEYS.has(r.type) ? [r] : stack.linked(r, prop).filter((k) => KEYS.has(k.type));
    return keys.length === 0 || keys.some((k) => ctx.isPhi(k));
}

interface Reason {
    /** What the statement lets an outside account do, or undefined when it does not concern this control. */
    grants(s: Statement): string | undefined;
    /** Condition keys that keep the statement inside the boundary. */
    limits: readonly string[];
    fix: string;
}

const ASSUME: Reason = {
    grants: (s) => (grantsAction(s, "sts:AssumeRole") === true ? "assume this role (and use its access to PHI)" : undefined),
    limits: TRUST_LIMITS,
    fix: "trust only accounts in trustedAwsAccountIds, or add an sts:ExternalId condition (a third party) or aws:PrincipalOrgID (the organisation) to the statement",
};

/** Resource policies: decrypting a key, or reading PHI from the resource. */
const READ: Reason = {
    grants: (s) => {
        const decrypt = grantedWith(s, "decrypt");
        if (!isUnknown(decrypt) && decrypt.length > 0) return "decrypt with this key";
        const read = grantedWith(s, "read-phi");
        return !isUnknown(read) && read.length > 0 ? "read PHI through this resource policy" : undefined;
    },
    limits: ORG_LIMITS,
    fix: "grant only accounts in trustedAwsAccountIds, or limit the statement with aws:PrincipalOrgID to a trusted organization",
};

/**
 * Topic policies: an account allowed sns:Subscribe points a subscription of its own at the topic and
 * is sent every message published to it. (Identity policies do not count it as a read: see
 * AWS_STORES_READ_OUTSIDE_IAM; a topic policy naming another account is this control's concern.)
 */
const TOPIC_POLICIES = types("aws:sns/topicPolicy:TopicPolicy", "aws:sns/topic:Topic", "aws-native:sns:TopicPolicy", "aws-native:sns:TopicInlinePolicy");
const SUBSCRIBE: Reason = {
    ...READ,
    grants: (s) => READ.grants(s) ?? (grantsAction(s, "sns:Subscribe") === true ? "subscribe to this topic and be sent every message published to it" : undefined),
};

function checkDocument(r: StackResource, prop: string, reason: Reason, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    // An unknown or unreadable document is reported by the control that owns the document (trust, key or bucket policy).
    const parsed = parseDocument(r.props[prop], r.props);
    if (parsed.kind !== "ok") return;
    for (const s of parsed.statements) {
        if (!isAllow(s)) continue;
        const what = reason.grants(s);
        if (what === undefined) continue;
        if (isPublicPrincipal(s.principal) === true) {
            checkHeldPublic(r, prop, s, what, judge, ctx);
            continue;
        }
        const outside = principalAccounts(s).filter((a) => judge.isOutside(a));
        if (outside.length === 0) continue;
        const { held, orgs } = heldInside(s, reason, judge);
        if (held) continue;
        const admitted = orgs.length === 0 ? "" : ` (its aws:PrincipalOrgID condition admits ${orgs.join(", ")}, not a trusted organization)`;
        ctx.fail({
            problem: `account${outside.length > 1 ? "s" : ""} ${outside.join(", ")}, outside the organisation's boundary, may ${what}${admitted}`,
            at: `${prop}.${s.path}.Principal`,
            fix: reason.fix,
            urn: r.urn,
        });
    }
}

function checkGrant(stack: StackIndex, r: StackResource, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    if (!phiKey(stack, r, "keyId", ctx)) return;
    const grantee = r.props.granteePrincipal;
    const account = typeof grantee === "string" ? accountOfPrincipal(grantee) : undefined;
    if (account === undefined || !judge.isOutside(account)) return;
    const operations = asList(r.props.operations);
    if (isUnknown(operations)) return ctx.unverified("operations", r.urn);
    if (!operations.some((o) => isUnknown(o) || (typeof o === "string" && DECRYPTING_OPERATIONS.includes(o.trim().toLowerCase())))) return;
    ctx.fail({
        problem: `a grant lets account ${account}, outside the organisation's boundary, decrypt with a PHI key`,
        at: "granteePrincipal",
        fix: "grant PHI keys only to principals of trusted accounts (trustedAwsAccountIds under phi-guard-settings)",
        urn: r.urn,
    });
}

function checkLambdaPermission(r: StackResource, judge: AccountJudge, ctx: CheckContext<unknown>): void {
    // A principal unknown at preview is the output of a resource this update creates: the stack's own.
    const principal = r.props.principal;
    const org = r.props.principalOrgId;
    const orgOutside = typeof org === "string" && org.trim() !== "" && judge.isOutsideOrganization(org);
    if (principal === "*") {
        // aws-lambda-url-auth accepts `*` held to an organization; the organization must be the organisation's own.
        if (!orgOutside || isGivenText(r.props.sourceArn) || isGivenText(r.props.sourceAccount)) return;
        return ctx.fail({
            problem: "any principal of an organization that is not a trusted one may invoke this function and receive what it returns",
            at: "principalOrgId",
            fix: "set principalOrgId to an organization in trustedAwsOrganizationIds (phi-guard-settings)",
            urn: r.urn,
        });
    }
    const account = typeof principal === "string" ? accountOfPrincipal(principal) : undefined;
    if (account === undefined || !judge.isOutside(account)) return;
    if (isUnknown(org) || (typeof org === "string" && org.trim() !== "" && !orgOutside)) return;
    ctx.fail({
        problem: `account ${account}, outside the organisation's boundary, may invoke this function and receive what it returns`,
        at: "principal",
        fix: "allow only accounts in trustedAwsAccountIds, or set principalOrgId to a trusted organization",
        urn: r.urn,
    });
}

export const awsExfilExternalAccess: StackControl = {
    id: "aws-exfil-external-access",
    title: "No grant, trust or resource policy opens PHI to an account outside the organisation",
    cloud: "aws",
    category: "data-exfiltration",
    severity: "critical",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)")],
    description:
        "A role trust, key policy, KMS grant, resource policy or function permission that names another account lets that account's principals in with no further approval: an insider can open PHI to an account of their own in one line. Cross-account access goes only to accounts inside the organisation's boundary, and a role trusted by any other account requires sts:ExternalId or aws:PrincipalOrgID.",
    remediation:
        "Name only accounts listed in trustedAwsAccountIds (phi-guard-settings) or the stack's own; for a third party that must assume a role, add a StringEquals sts:ExternalId condition; for the organisation's accounts, add aws:PrincipalOrgID. Do not grant Decrypt, ReEncryptFrom or CreateGrant on PHI keys to other accounts.",
    unknowns:
        "A principal value unknown at preview is another resource's ARN, created by this stack, and counts as inside. So is a grant's grantee or a function permission's principal; a grant to an outside account whose operations are unknown at preview is reported as unverified (advisory). Documents that are unknown or cannot be parsed, and `*` principals, are judged by aws-iam-trust-policy, aws-kms-key-policy, aws-s3-public-access and aws-resource-policy-public (every other resource policy); this control judges the organizations and accounts that the condition of a `*` principal is held to. An organization id unknown at preview is the stack's own; with no trustedAwsOrganizationIds configured, organization limits are not judged and the control says so once for the stack. With no trusted account configured and none shown by the stack, named accounts are not judged and the control says so once for the stack.",
    acrossResources: "The stack's own accounts as the default boundary, and the key a grant or key policy belongs to (its PHI classification).",
    judges: types(...POLICY_HOLDERS.canonical, ...KMS_GRANTS.canonical, ...LAMBDA_PERMISSIONS.canonical),
    checkStack(stack, ctx) {
        const judge = new AccountJudge(stack, ctx.settings);
        for (const r of stack.ofType(POLICY_HOLDERS)) {
            const type = canonicalType(r.type);
            if (KEY_POLICIES.has(type) && !phiKey(stack, r, "keyId", ctx)) continue;
            checkDocument(r, RESOURCE_POLICY_PROPS[type], IAM_ROLES.has(type) ? ASSUME : TOPIC_POLICIES.has(type) ? SUBSCRIBE : READ, judge, ctx);
        }
        for (const g of stack.ofType(KMS_GRANTS)) checkGrant(stack, g, judge, ctx);
        for (const p of stack.ofType(LAMBDA_PERMISSIONS)) checkLambdaPermission(p, judge, ctx);
        judge.finish(ctx, "grants, trusts and resource policies");
    },
};
