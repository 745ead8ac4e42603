import { managedPolicy } from "./aws-capabilities";
import { parseDocument, Statement } from "./iam-document";
import type { ResourceInput } from "../control";
import type { StackIndex, StackResource } from "./stack-index";
import { types } from "./type-tokens";
import { asList, isObject, isUnknown, Plain } from "./values";

/**
 * Everything an IAM principal in a stack is allowed, gathered from wherever the rights are granted:
 * its own inline documents, standalone inline policies, attachments of customer-managed policies
 * (joined to the iam.Policy through propertyDependencies of policyArn) and of AWS managed policies
 * (modelled by name in aws-capabilities), and, for users, the groups they belong to. Each resource
 * is visited once, so collection is linear in the size of the stack.
 */

export const ROLE = "aws:iam/role:Role";
export const USER = "aws:iam/user:User";
export const GROUP = "aws:iam/group:Group";
export const PERMISSION_SET = "aws:ssoadmin/permissionSet:PermissionSet";
const POLICY = "aws:iam/policy:Policy";

export const IAM_PRINCIPALS = types(ROLE, USER, GROUP, PERMISSION_SET);
const POLICIES = types(POLICY);

/** Where rights come from and whether their document can be read. */
export interface RightSource {
    /** How the rights reach the principal, for messages: `RolePolicyAttachment "a" -> Policy "p" policy`. */
    via: string;
    state: "document" | "unknown" | "external" | "unrecognised-managed";
    doc?: Plain;
    /** The frozen object the document was read from, so that it is parsed once per request (see parseDocument). */
    holder?: object;
    /** The customer-managed Policy resource that holds the document, when there is one. */
    policy?: StackResource;
    /** The AWS managed policy name, when the rights come from one. */
    managed?: string;
    /** Set when the rights are written in the principal's own properties (a role's inline and AWS managed policies). */
    own?: true;
}

export interface PrincipalRights {
    principal: StackResource;
    sources: RightSource[];
}

/** Linking resource -> the property naming its principal(s) and the properties carrying rights. */
interface Grant {
    principalProps: string[];
    /** A property holding one IAM document. */
    documentProp?: string;
    /** A property holding one policy ARN or a list of them. */
    arnProp?: string;
}

const GRANTS: Record<string, Grant> = {
    "aws:iam/rolePolicy:RolePolicy": { principalProps: ["role"], documentProp: "policy" },
    "aws:iam/userPolicy:UserPolicy": { principalProps: ["user"], documentProp: "policy" },
    "aws:iam/groupPolicy:GroupPolicy": { principalProps: ["group"], documentProp: "policy" },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { principalProps: ["role"], arnProp: "policyArn" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { principalProps: ["user"], arnProp: "policyArn" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { principalProps: ["group"], arnProp: "policyArn" },
    "aws:iam/policyAttachment:PolicyAttachment": { principalProps: ["roles", "users", "groups"], arnProp: "policyArn" },
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": { principalProps: ["roleName"], arnProp: "policyArns" },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { principalProps: ["userName"], arnProp: "policyArns" },
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": { principalProps: ["groupName"], arnProp: "policyArns" },
    "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": { principalProps: ["permissionSetArn"], arnProp: "managedPolicyArn" },
    "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive": { principalProps: ["permissionSetArn"], arnProp: "managedPolicyArns" },
    "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy": { principalProps: ["permissionSetArn"], documentProp: "inlinePolicy" },
    "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment": { principalProps: ["permissionSetArn"] },
};

const GROUP_MEMBERSHIP = "aws:iam/groupMembership:GroupMembership";
const USER_GROUP_MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";

/** Whether a resource is a configured exception, by its Pulumi resource name or its AWS name. */
export function isNamed(r: { name: string; props: StackResource["props"] }, names: readonly string[]): boolean {
    const own = r.props.name;
    return names.some((n) => n === r.name || (typeof own === "string" && n === own));
}

/** A short label for messages: `Policy "deployer"`. */
export const label = (r: { type: string; name: string }): string => `${r.type.split(":").pop()} "${r.name}"`;

/**
 * Every principal of the stack by URN, with where its rights come from: built once per request and
 * shared by the controls that ask (the result is not to be changed).
 */
export function collectPrincipalRights(stack: StackIndex): ReadonlyMap<string, PrincipalRights> {
    return stack.derive(principalRights);
}

function principalRights(stack: StackIndex): Map<string, PrincipalRights> {
    const out = new Map<string, PrincipalRights>();
    for (const p of stack.ofType(IAM_PRINCIPALS)) out.set(p.urn, { principal: p, sources: [] });
    const policies = stack.ofType(POLICIES);
    const byArn = indexBy(policies, "arn");
    const byName = indexBy(policies, "name");
    const memberships: { user: StackResource; group: StackResource; via: string }[] = [];

    for (const r of stack.resources) {
        if (r.type === ROLE) {
            const own = out.get(r.urn)!;
            own.sources.push(...roleInlineSources(r));
            own.sources.push(...arnSources(stack, r, "managedPolicyArns", "managedPolicyArns", byArn, true));
            continue;
        }
        if (r.type === GROUP_MEMBERSHIP || r.type === USER_GROUP_MEMBERSHIP) {
            const [userProp, groupProp] = r.type === GROUP_MEMBERSHIP ? ["users", "group"] : ["user", "groups"];
            for (const user of principalsOf(stack, r, userProp, out)) {
                for (const group of principalsOf(stack, r, groupProp, out)) memberships.push({ user, group, via: label(r) });
            }
            continue;
        }
        const grant = GRANTS[r.type];
        if (!grant) continue;
        const targets = grant.principalProps.flatMap((prop) => principalsOf(stack, r, prop, out));
        if (targets.length === 0) continue;
        const sources = grantSources(stack, r, grant, byArn, byName);
        for (const t of targets) out.get(t.urn)!.sources.push(...sources);
    }

    for (const m of memberships) {
        if (m.user.type !== USER || m.group.type !== GROUP) continue;
        const inherited = out.get(m.group.urn)!.sources.map((s) => ({ ...s, via: `${label(m.group)} (${m.via}) -> ${s.via}` }));
        out.get(m.user.urn)!.sources.push(...inherited);
    }
    return out;
}

function principalsOf(stack: StackIndex, r: StackResource, prop: string, known: Map<string, PrincipalRights>): StackResource[] {
    return stack.linked(r, prop).filter((p) => known.has(p.urn));
}

function indexBy(resources: StackResource[], prop: string): Map<string, StackResource> {
    const m = new Map<string, StackResource>();
    for (const r of resources) {
        const v = r.props[prop];
        if (typeof v === "string" && v !== "") m.set(v, r);
    }
    return m;
}

/**
 * The rights a role's own properties grant, read without the stack: its inline policies and the
 * AWS managed policies named in managedPolicyArns. Customer-managed policies need the stack.
 */
export function ownRoleRights(role: ResourceInput): ReadRights {
    const sources = roleInlineSources(role);
    const list = asList(role.props.managedPolicyArns);
    if (!isUnknown(list)) for (const item of list) if (typeof item === "string") sources.push(...managedSource(item, "managedPolicyArns", true));
    return readRights(sources);
}

function roleInlineSources(role: ResourceInput): RightSource[] {
    const inline = asList(role.props.inlinePolicies);
    if (isUnknown(inline)) return [{ via: "inlinePolicies", state: "unknown", own: true }];
    return inline.map((p, i) => {
        const doc = isObject(p) ? p.policy : p;
        return { via: `inlinePolicies[${i}].policy`, state: isUnknown(doc) ? "unknown" : "document", doc, holder: role.props, own: true };
    });
}

/** An AWS managed policy named by an ARN, modelled by name in aws-capabilities; none for any other ARN. */
function managedSource(arn: string, via: string, own: boolean): RightSource[] {
    const ref = managedPolicy(arn);
    const mark = own ? { own: true as const } : {};
    if (ref.kind === "managed") return [{ via: `${via} -> AWS managed policy ${ref.name}`, state: "document", doc: ref.document, managed: ref.name, ...mark }];
    if (ref.kind === "unrecognised-managed") return [{ via: `${via} -> AWS managed policy ${ref.name}`, state: "unrecognised-managed", managed: ref.name, ...mark }];
    return [];
}

function grantSources(stack: StackIndex, r: StackResource, grant: Grant, byArn: Map<string, StackResource>, byName: Map<string, StackResource>): RightSource[] {
    if (grant.documentProp) {
        const doc = r.props[grant.documentProp];
        return [{ via: `${label(r)} ${grant.documentProp}`, state: isUnknown(doc) ? "unknown" : "document", doc, holder: r.props }];
    }
    if (grant.arnProp) return arnSources(stack, r, grant.arnProp, `${label(r)} ${grant.arnProp}`, byArn);
    // A permission set's customer-managed policy is referenced by name and path.
    const ref = r.props.customerManagedPolicyReference;
    const name = isObject(ref) ? ref.name : ref;
    if (isUnknown(name)) {
        const linked = stack.linked(r, "customerManagedPolicyReference").filter((p) => p.type === POLICY);
        if (linked.length > 0) return linked.map((p) => policySource(p, `${label(r)} customerManagedPolicyReference`));
        return [{ via: `${label(r)} customerManagedPolicyReference`, state: "unknown" }];
    }
    const policy = typeof name === "string" ? byName.get(name) : undefined;
    return policy
        ? [policySource(policy, `${label(r)} customerManagedPolicyReference`)]
        : [{ via: `${label(r)} customerManagedPolicyReference (a policy outside this stack)`, state: "external" }];
}

function policySource(policy: StackResource, via: string): RightSource {
    const doc = policy.props.policy;
    return { via: `${via} -> ${label(policy)} policy`, state: isUnknown(doc) ? "unknown" : "document", doc, holder: policy.props, policy };
}

/**
 * The sources named by a property holding policy ARNs. Customer policies created in the stack are
 * found through propertyDependencies (their ARNs are unknown at preview) or by a known ARN; AWS
 * managed policies by name; any other ARN is a policy outside the stack whose rights are not known.
 */
function arnSources(stack: StackIndex, r: StackResource, prop: string, via: string, byArn: Map<string, StackResource>, own = false): RightSource[] {
    const linked = stack.linked(r, prop).filter((p) => p.type === POLICY);
    const out = linked.map((p) => policySource(p, via));
    const list = asList(r.props[prop]);
    if (isUnknown(list)) return linked.length > 0 ? out : [{ via, state: "unknown" }];
    let unknownItems = false;
    for (const item of list) {
        if (isUnknown(item)) {
            unknownItems = true;
            continue;
        }
        if (typeof item !== "string") continue;
        const managed = managedSource(item, via, own);
        if (managed.length > 0) out.push(...managed);
        else {
            const policy = byArn.get(item.trim());
            if (policy && !linked.includes(policy)) out.push(policySource(policy, via));
            else if (!policy) out.push({ via: `${via} (a policy outside this stack)`, state: "external" });
        }
    }
    if (unknownItems && linked.length === 0) out.push({ via, state: "unknown" });
    return out;
}

/** One statement of a principal's rights, with where it comes from. */
export interface GrantedStatement {
    statement: Statement;
    /** `RolePolicy "x" policy.Statement[0]`, or the managed policy it models. */
    at: string;
    source: RightSource;
}

export interface ReadRights {
    statements: GrantedStatement[];
    /** Sources whose rights cannot be read now: unknown at preview, outside the stack or not modelled. */
    unreadable: RightSource[];
    /** Sources whose document is not a valid IAM policy. */
    invalid: { source: RightSource; reason: string }[];
}

// The sources of one principal are read by several controls in one request; read them once.
const readOnce = new WeakMap<readonly RightSource[], ReadRights>();

/** Parses every source of a principal once (the result is shared and not to be changed). */
export function readRights(sources: readonly RightSource[]): ReadRights {
    let read = readOnce.get(sources);
    if (!read) readOnce.set(sources, (read = readSources(sources)));
    return read;
}

function readSources(sources: readonly RightSource[]): ReadRights {
    const out: ReadRights = { statements: [], unreadable: [], invalid: [] };
    for (const source of sources) {
        if (source.state !== "document") {
            out.unreadable.push(source);
            continue;
        }
        if (source.doc === undefined || source.doc === null) continue;
        const parsed = parseDocument(source.doc, source.holder);
        if (parsed.kind === "unknown") out.unreadable.push({ ...source, state: "unknown" });
        else if (parsed.kind === "invalid") out.invalid.push({ source, reason: parsed.reason });
        else {
            for (const statement of parsed.statements) {
                out.statements.push({ statement, at: source.managed ? source.via : `${source.via}.${statement.path}`, source });
            }
        }
    }
    return out;
}

/** Describes an unreadable source for a could-not-verify report. */
export function unreadableAt(s: RightSource): string {
    if (s.state === "unrecognised-managed") return `${s.via} (an AWS managed policy phi-guard does not model)`;
    return s.via;
}
