import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { managedPolicyGrants, namedPrincipals, principalListed, principalName, principalRefs } from "../../lib/aws/principals";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { Settled } from "../../lib/settled";
import { canonicalType, types, unionOf } from "../../lib/type-tokens";
import { asList, isUnknown, Unknown } from "../../lib/values";

interface Config {
    exemptUsers: string[];
}

/** What each user-bound resource means and the property that names its user. */
const USER_GRANTS: Record<string, { what: string; at: string; userProp: string }> = {
    "aws:iam/accessKey:AccessKey": { what: "a long-lived access key", at: "user", userProp: "user" },
    "aws:iam/userLoginProfile:UserLoginProfile": { what: "a console password (login profile)", at: "user", userProp: "user" },
    "aws:iam/userPolicy:UserPolicy": { what: "an inline policy attached directly to the user", at: "policy", userProp: "user" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { what: "a managed policy attached directly to the user", at: "policyArn", userProp: "user" },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { what: "managed policies attached directly to the user", at: "policyArns", userProp: "userName" },
    "aws:iam/policyAttachment:PolicyAttachment": { what: "a managed policy attached directly to users", at: "users", userProp: "users" },
    "aws-native:iam:UserPolicy": { what: "an inline policy attached directly to the user", at: "policyDocument", userProp: "userName" },
};

/**
 * An aws-native User holds, in its own properties, what @pulumi/aws spreads over companion
 * resources: a console password, inline policies and managed policy attachments.
 */
const NATIVE_USERS = types("aws-native:iam:User");
const NATIVE_USER_GRANTS: { prop: string; what: string }[] = [
    { prop: "loginProfile", what: "a console password (login profile)" },
    { prop: "policies", what: "an inline policy attached directly to the user" },
    { prop: "managedPolicyArns", what: "a managed policy attached directly to the user" },
];

/** Judges an aws-native user's own properties: the user is the resource itself, so its names are known. */
function judgeNativeUser(r: ResourceInput, ctx: CheckContext<Config>): void {
    if (principalListed({ resource: r, name: principalName(r) }, ctx.config.exemptUsers)) return;
    for (const { prop, what } of NATIVE_USER_GRANTS) {
        const v = r.props[prop];
        if (v === undefined || v === null) continue;
        if (isUnknown(v)) ctx.unverified(prop, r.urn);
        else if (!Array.isArray(v) || v.length > 0) ctx.fail({ problem: `an IAM user is given ${what}`, at: prop, urn: r.urn });
    }
}

const USER_GRANT_TYPES = types(...Object.keys(USER_GRANTS));

const settled = new Settled();

/** The users or policies a multi-user or exclusive attachment holds: UNKNOWN at preview, or a list (empty holds nothing). */
function held(r: ResourceInput): unknown[] | Unknown | undefined {
    if (r.type === "aws:iam/policyAttachment:PolicyAttachment") return asList(r.props.users);
    return r.type === "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive" ? managedPolicyGrants(r) : undefined;
}

/**
 * Judges a user-bound resource by its own properties; false, reporting nothing, when the stack must
 * say whose it is: a user list unknown at preview, or names to compare with exemptUsers, which may
 * list the users' Pulumi resource names.
 */
function settle(r: ResourceInput, ctx: CheckContext<Config>): boolean {
    if (NATIVE_USERS.has(r.type)) {
        judgeNativeUser(r, ctx);
        return true;
    }
    const grant = USER_GRANTS[canonicalType(r.type)];
    const list = held(r);
    if (isUnknown(list)) return false;
    if (list?.length === 0) return true;
    const exempt = ctx.config.exemptUsers;
    if (exempt.length > 0) {
        const users = namedPrincipals(r, grant.userProp);
        return users.length > 0 && users.every((u) => principalListed(u, exempt));
    }
    ctx.fail({ problem: `an IAM user is given ${grant.what}`, at: grant.at, urn: r.urn });
    return true;
}

function judgeWithStack(stack: StackIndex, r: StackResource, ctx: CheckContext<Config>): void {
    const grant = USER_GRANTS[canonicalType(r.type)];
    const list = held(r);
    // A user list unknown at preview still links the users it names.
    if (isUnknown(list) && stack.linked(r, grant.userProp).length === 0) return ctx.unverified(grant.at, r.urn);
    if (!isUnknown(list) && list?.length === 0) return;
    const users = principalRefs(stack, r, grant.userProp);
    if (users.length > 0 && users.every((u) => principalListed(u, ctx.config.exemptUsers))) return;
    ctx.fail({ problem: `an IAM user is given ${grant.what}`, at: grant.at, urn: r.urn });
}

export const awsIamNoUserCredentials: ResourceControl<Config> = {
    id: "aws-iam-no-user-credentials",
    title: "IAM users hold no long-lived credentials and no direct permissions",
    cloud: "aws",
    judges: unionOf(USER_GRANT_TYPES, NATIVE_USERS),
    category: "standing-privilege",
    severity: "high",
    hipaa: [prowler("164.308(a)(3)(ii)(C)"), prowler("164.308(a)(5)(ii)(D)")],
    description:
        "Access keys and console passwords of IAM users are long-lived secrets that outlive the people and jobs they were made for, and policies attached to users grant standing rights outside any role or just-in-time process. People should sign in through IAM Identity Center and workloads should assume roles with temporary credentials.",
    remediation:
        "Remove the access key, login profile or user policy; give people access through IAM Identity Center permission sets and workloads through IAM roles (instance profiles, IRSA, OIDC federation).",
    unknowns: "A user name unknown at preview cannot be compared with exemptUsers, so the credential is flagged unless the user is a resource of the stack; an unknown user policy list is reported as unverified (advisory).",
    config: {
        exemptUsers: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "User names (IAM name or Pulumi resource name) allowed long-lived credentials and direct policies, e.g. a documented legacy integration.",
        },
    },
    acrossResources: "Only a user list unknown at preview (its links name the users), and, when exemptUsers is set, users named other than in the list: the user resources of the stack give their Pulumi names.",
    types: unionOf(USER_GRANT_TYPES, NATIVE_USERS),
    checkResource(r, ctx) {
        settled.record(r.urn, settle(r, ctx));
    },
    checkStack(stack, ctx) {
        for (const r of stack.ofType(USER_GRANT_TYPES)) if (!settled.has(r.urn)) judgeWithStack(stack, r, ctx);
    },
};
