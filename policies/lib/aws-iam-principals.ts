import { coversAllResources, grantsAllActions, isAllow, parseDocument } from "./iam-document";
import type { StackIndex, StackResource } from "./stack-index";
import { types } from "./type-tokens";
import { asList, isUnknown, Plain, Unknown, UNKNOWN } from "./values";

/**
 * Who holds which AWS-managed policies: the readers behind the controls that ask whether a role,
 * user or group is privileged (admin attachments, session duration, user credentials).
 */

export const IAM_ROLES = types("aws:iam/role:Role");
export const IAM_USERS = types("aws:iam/user:User");
export const IAM_CUSTOMER_POLICIES = types("aws:iam/policy:Policy");

export type PrincipalKind = "role" | "user" | "group";

/** A managed-policy grant: where the policy ARN sits and which properties name its holders. */
export interface ManagedPolicyGrant {
    at: string;
    /** The property holding the ARN (for joins when the ARN is unknown). */
    arnProp: string;
    arn: Plain;
    /** Holder properties by kind; empty for Role.managedPolicyArns, whose holder is the role itself. */
    holders: { kind: PrincipalKind; prop: string }[];
}

interface AttachmentShape {
    arnProp: string;
    many: boolean;
    holders: { kind: PrincipalKind; prop: string }[];
}

const ATTACHMENT_SHAPES: Record<string, AttachmentShape> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { arnProp: "policyArn", many: false, holders: [{ kind: "role", prop: "role" }] },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { arnProp: "policyArn", many: false, holders: [{ kind: "user", prop: "user" }] },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { arnProp: "policyArn", many: false, holders: [{ kind: "group", prop: "group" }] },
    "aws:iam/policyAttachment:PolicyAttachment": {
        arnProp: "policyArn",
        many: false,
        holders: [
            { kind: "role", prop: "roles" },
            { kind: "user", prop: "users" },
            { kind: "group", prop: "groups" },
        ],
    },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { arnProp: "policyArns", many: true, holders: [{ kind: "role", prop: "roleName" }] },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { arnProp: "policyArns", many: true, holders: [{ kind: "user", prop: "userName" }] },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { arnProp: "policyArns", many: true, holders: [{ kind: "group", prop: "groupName" }] },
};

/** Every resource type that attaches managed policies to principals, Role (managedPolicyArns) included. */
export const MANAGED_POLICY_HOLDERS = types(...Object.keys(ATTACHMENT_SHAPES), "aws:iam/role:Role");

/** The managed-policy grants a resource makes, one per ARN (list properties give one per item). */
export function managedPolicyGrants(r: { type: string; props: Record<string, Plain> }): ManagedPolicyGrant[] {
    const shape: AttachmentShape | undefined =
        r.type === "aws:iam/role:Role" ? { arnProp: "managedPolicyArns", many: true, holders: [] } : ATTACHMENT_SHAPES[r.type];
    if (!shape) return [];
    const value = r.props[shape.arnProp];
    if (!shape.many) return [{ at: shape.arnProp, arnProp: shape.arnProp, arn: value, holders: shape.holders }];
    const list = asList(value);
    if (isUnknown(list)) return [{ at: shape.arnProp, arnProp: shape.arnProp, arn: UNKNOWN, holders: shape.holders }];
    return list.map((arn, i) => ({ at: `${shape.arnProp}[${i}]`, arnProp: shape.arnProp, arn, holders: shape.holders }));
}

/**
 * The ARN of a grant as far as it can be known: a string, "customer-managed" when it is unknown but
 * comes from IAM Policy resources of the stack (their ARNs are outputs), or UNKNOWN.
 */
export function grantArn(stack: StackIndex, from: StackResource, grant: ManagedPolicyGrant): string | "customer-managed" | Unknown | undefined {
    if (typeof grant.arn === "string") return grant.arn;
    if (!isUnknown(grant.arn)) return undefined;
    const sources = stack.linked(from, grant.arnProp);
    if (sources.length > 0 && sources.every((s) => IAM_CUSTOMER_POLICIES.has(s.type))) return "customer-managed";
    return UNKNOWN;
}

/** A principal named by a property: the stack resource when the reference resolves, else its literal name. */
export interface PrincipalRef {
    resource?: StackResource;
    name: string | Unknown;
}

/** The principals a property names (a role/user/group name or ARN, or a list of them). */
export function principalRefs(stack: StackIndex, from: StackResource, prop: string): PrincipalRef[] {
    const linked = stack.linked(from, prop);
    if (linked.length > 0) return linked.map((resource) => ({ resource, name: principalName(resource) }));
    return namedPrincipals(from, prop);
}

/** The principals a property names, as its own value says: names, or UNKNOWN at preview. */
export function namedPrincipals(from: { props: Record<string, Plain> }, prop: string): PrincipalRef[] {
    const list = asList(from.props[prop]);
    if (isUnknown(list)) return [{ name: UNKNOWN }];
    return list.flatMap((v): PrincipalRef[] => (isUnknown(v) ? [{ name: UNKNOWN }] : typeof v === "string" && v.trim() !== "" ? [{ name: lastSegment(v) }] : []));
}

/** The IAM name of a principal resource when known, else its Pulumi resource name. */
export function principalName(r: { name: string; props: Record<string, Plain> }): string {
    const name = r.props.name;
    return typeof name === "string" && name !== "" ? name : r.name;
}

/** Whether a principal is one of `names`: its IAM name or its Pulumi resource name, case-insensitively (IAM names are). */
export function principalListed(ref: { resource?: { name: string; props: Record<string, Plain> }; name: string | Unknown }, names: readonly string[]): boolean {
    const wanted = names.map((n) => n.trim().toLowerCase());
    const candidates: string[] = [];
    if (typeof ref.name === "string") candidates.push(ref.name);
    if (ref.resource) {
        candidates.push(ref.resource.name);
        const iamName = ref.resource.props.name;
        if (typeof iamName === "string") candidates.push(iamName);
    }
    return candidates.some((c) => wanted.includes(c.trim().toLowerCase()));
}

function lastSegment(nameOrArn: string): string {
    const v = nameOrArn.trim();
    return v.startsWith("arn:") ? v.slice(v.lastIndexOf("/") + 1) : v;
}

/** Whether an identity-policy document allows every action on every resource; `holder` as in parseDocument. */
export function isAdminDocument(doc: Plain, holder?: object): boolean | Unknown | "invalid" {
    const parsed = parseDocument(doc, holder);
    if (parsed.kind === "unknown") return UNKNOWN;
    if (parsed.kind === "invalid") return "invalid";
    let unknown = false;
    for (const s of parsed.statements) {
        if (isUnknown(s.effect)) {
            unknown = true;
            continue;
        }
        if (!isAllow(s)) continue;
        const actions = grantsAllActions(s);
        const resources = coversAllResources(s);
        if (actions === true && resources === true) return true;
        if ((isUnknown(actions) && resources !== false) || (isUnknown(resources) && actions !== false)) unknown = true;
    }
    return unknown ? UNKNOWN : false;
}
