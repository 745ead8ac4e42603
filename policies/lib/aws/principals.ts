import type { ResourceInput } from "../../control";
import { parseDocument, Statement } from "../iam-document";
import type { StackIndex, StackResource } from "../stack-index";
import { asList, isObject, isUnknown, Plain, Unknown, UNKNOWN } from "../values";
import { managedPolicy } from "./managed-policies";
import { canonicalType } from "../type-tokens";
import { CUSTOMER_POLICIES, CUSTOMER_POLICY_DOCUMENTS, GROUP_MEMBERSHIPS, IAM_GROUPS, IAM_PRINCIPALS, IAM_ROLES, IAM_USERS, PERMISSION_SETS, POLICY_ARN_CARRIERS, PRINCIPAL_NAME_PROPS, PrincipalKind, RIGHTS_CARRIERS, RightsCarrier } from "./rights";

/**
 * Everything an IAM principal in a stack is allowed, gathered from wherever the rights table
 * (lib/aws/rights) says rights live: its own inline documents, standalone inline policies,
 * attachments of customer-managed policies (joined to the iam.Policy through propertyDependencies
 * of the ARN property) and of AWS managed policies (read with their statements from
 * lib/aws/managed-policies, as if inline), Identity Center permission sets with their inline,
 * managed and customer-managed attachments, and, for users, the groups they belong to. Each
 * resource is visited once, so collection is linear in the size of the stack.
 */

export { IAM_GROUPS, IAM_PRINCIPALS, IAM_ROLES, IAM_USERS, PERMISSION_SETS };

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
    /** The stack resource whose own property holds an inline document (for the resources the document was built from). */
    carrier?: StackResource;
    /** The AWS managed policy name, when the rights come from one. */
    managed?: string;
    /** Set when the rights are written in the principal's own properties (a role's inline and AWS managed policies). */
    own?: true;
}

export interface PrincipalRights {
    principal: StackResource;
    sources: RightSource[];
}

/** The AWS names a resource's properties give it (`name`, or aws-native's `roleName`, `userName`, `groupName`). */
function ownNames(props: Record<string, Plain>): string[] {
    return PRINCIPAL_NAME_PROPS.map((p) => props[p]).filter((v): v is string => typeof v === "string" && v !== "");
}

/** Whether a resource is a configured exception, by its Pulumi resource name or its AWS name. */
export function isNamed(r: { name: string; props: StackResource["props"] }, names: readonly string[]): boolean {
    const own = ownNames(r.props);
    return names.some((n) => n === r.name || own.includes(n));
}

/** A short label for messages: `Policy "deployer"`. */
export const label = (r: { type: string; name: string }): string => `${r.type.slice(r.type.lastIndexOf(":") + 1)} "${r.name}"`;

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
    const policies = stack.ofType(CUSTOMER_POLICIES);
    const byArn = indexBy(policies, "arn", "policyArn");
    const byName = indexBy(policies, "name", "managedPolicyName");
    const memberships: { user: StackResource; group: StackResource; via: string }[] = [];

    for (const r of stack.resources) {
        const membership = GROUP_MEMBERSHIPS[r.type];
        if (membership) {
            for (const user of membership.users === undefined ? [r] : principalsOf(stack, r, membership.users, out)) {
                for (const group of principalsOf(stack, r, membership.groups, out)) memberships.push({ user, group, via: label(r) });
            }
        }
        const carrier = RIGHTS_CARRIERS[r.type];
        if (!carrier) continue;
        if (carrier.holders.length === 0) {
            const own = out.get(r.urn);
            if (own) own.sources.push(...carrierSources(stack, r, carrier, byArn, byName, true));
            continue;
        }
        const targets = carrier.holders.flatMap((h) => principalsOf(stack, r, h.prop, out));
        if (targets.length === 0) continue;
        const sources = carrierSources(stack, r, carrier, byArn, byName, false);
        for (const t of targets) out.get(t.urn)!.sources.push(...sources);
    }

    for (const m of memberships) {
        if (!IAM_USERS.has(m.user.type) || !IAM_GROUPS.has(m.group.type)) continue;
        const inherited = out.get(m.group.urn)!.sources.map((s) => ({ ...s, via: `${label(m.group)} (${m.via}) -> ${s.via}` }));
        out.get(m.user.urn)!.sources.push(...inherited);
    }
    return out;
}

function principalsOf(stack: StackIndex, r: StackResource, prop: string, known: Map<string, PrincipalRights>): StackResource[] {
    return stack.linked(r, prop).filter((p) => known.has(p.urn));
}

/** Resources by the value of any of `props` (each provider names the same output differently). */
function indexBy(resources: StackResource[], ...props: string[]): Map<string, StackResource> {
    const m = new Map<string, StackResource>();
    for (const r of resources) {
        for (const prop of props) {
            const v = r.props[prop];
            if (typeof v === "string" && v !== "") m.set(v, r);
        }
    }
    return m;
}

/**
 * The rights a role's own properties grant, read without the stack: its inline policies and the
 * AWS managed policies named in managedPolicyArns. Customer-managed policies need the stack.
 */
export function ownRoleRights(role: ResourceInput): ReadRights {
    const carrier = RIGHTS_CARRIERS[canonicalType(role.type)];
    if (!IAM_ROLES.has(role.type) || !carrier) return readRights([]);
    const sources = inlineListSources(role, carrier.inlineList!);
    const list = asList(role.props[carrier.arns!.prop]);
    if (!isUnknown(list)) for (const item of list) if (typeof item === "string") sources.push(...managedSource(item, carrier.arns!.prop, true));
    return readRights(sources);
}

function inlineListSources(r: ResourceInput, { prop, document }: { prop: string; document: string }): RightSource[] {
    const inline = asList(r.props[prop]);
    if (isUnknown(inline)) return [{ via: prop, state: "unknown", own: true }];
    return inline.map((p, i) => {
        const doc = isObject(p) ? p[document] : p;
        return { via: `${prop}[${i}].${document}`, state: isUnknown(doc) ? "unknown" : "document", doc, holder: r.props, own: true };
    });
}

/** An AWS managed policy named by an ARN, read with its statements; none for any other ARN. */
function managedSource(arn: string, via: string, own: boolean): RightSource[] {
    const ref = managedPolicy(arn);
    const mark = own ? { own: true as const } : {};
    if (ref.kind === "managed") return [{ via: `${via} -> AWS managed policy ${ref.name}`, state: "document", doc: ref.document, managed: ref.name, ...mark }];
    if (ref.kind === "unrecognised-managed") return [{ via: `${via} -> AWS managed policy ${ref.name}`, state: "unrecognised-managed", managed: ref.name, ...mark }];
    return [];
}

function carrierSources(stack: StackIndex, r: StackResource, carrier: RightsCarrier, byArn: Map<string, StackResource>, byName: Map<string, StackResource>, own: boolean): RightSource[] {
    const out: RightSource[] = [];
    if (carrier.inlineList) out.push(...inlineListSources(r, carrier.inlineList).map((s) => ({ ...s, carrier: r })));
    if (carrier.document) {
        const doc = r.props[carrier.document];
        out.push({ via: `${label(r)} ${carrier.document}`, state: isUnknown(doc) ? "unknown" : "document", doc, holder: r.props, carrier: r });
    }
    if (carrier.arns) out.push(...arnSources(stack, r, carrier.arns.prop, own ? carrier.arns.prop : `${label(r)} ${carrier.arns.prop}`, byArn, own));
    if (carrier.customerReference) out.push(...referenceSources(stack, r, carrier.customerReference, byName));
    return out;
}

/** A permission set's customer-managed policy, referenced by name and path. */
function referenceSources(stack: StackIndex, r: StackResource, prop: string, byName: Map<string, StackResource>): RightSource[] {
    const ref = r.props[prop];
    const name = isObject(ref) ? ref.name : ref;
    const via = `${label(r)} ${prop}`;
    if (isUnknown(name)) {
        const linked = stack.linked(r, prop).filter((p) => CUSTOMER_POLICIES.has(p.type));
        if (linked.length > 0) return linked.map((p) => policySource(p, via));
        return [{ via, state: "unknown" }];
    }
    const policy = typeof name === "string" ? byName.get(name) : undefined;
    return policy ? [policySource(policy, via)] : [{ via: `${via} (a policy outside this stack)`, state: "external" }];
}

function policySource(policy: StackResource, via: string): RightSource {
    const prop = CUSTOMER_POLICY_DOCUMENTS[canonicalType(policy.type)];
    const doc = policy.props[prop];
    return { via: `${via} -> ${label(policy)} ${prop}`, state: isUnknown(doc) ? "unknown" : "document", doc, holder: policy.props, policy };
}

/**
 * The sources named by a property holding policy ARNs. Customer policies created in the stack are
 * found through propertyDependencies (their ARNs are unknown at preview) or by a known ARN; AWS
 * managed policies by name; any other ARN is a policy outside the stack whose rights are not known.
 */
function arnSources(stack: StackIndex, r: StackResource, prop: string, via: string, byArn: Map<string, StackResource>, own: boolean): RightSource[] {
    const linked = stack.linked(r, prop).filter((p) => CUSTOMER_POLICIES.has(p.type));
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
    /** `RolePolicy "x" policy.Statement[0]`, or the managed policy it comes from. */
    at: string;
    source: RightSource;
}

export interface ReadRights {
    statements: GrantedStatement[];
    /** Sources whose rights cannot be read now: unknown at preview, outside the stack or newer than the dataset. */
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
    if (s.state === "unrecognised-managed") return `${s.via} (an AWS managed policy newer than phi-guard's dataset)`;
    return s.via;
}

/** A managed-policy grant: where the policy ARN sits and which properties name its holders. */
export interface ManagedPolicyGrant {
    at: string;
    /** The property holding the ARN (for joins when the ARN is unknown). */
    arnProp: string;
    arn: Plain;
    /** Holder properties by kind; empty for Role.managedPolicyArns, whose holder is the role itself. */
    holders: readonly { kind: PrincipalKind; prop: string }[];
}

/** Every resource type that attaches policy ARNs to principals (Role.managedPolicyArns and permission-set attachments included). */
export const MANAGED_POLICY_HOLDERS = POLICY_ARN_CARRIERS;

/** The policy-ARN grants a resource makes, one per ARN (list properties give one per item), as the rights table describes it. */
export function managedPolicyGrants(r: { type: string; props: Record<string, Plain> }): ManagedPolicyGrant[] {
    const carrier = RIGHTS_CARRIERS[r.type];
    if (!carrier?.arns) return [];
    const { prop, many } = carrier.arns;
    const value = r.props[prop];
    if (!many) return [{ at: prop, arnProp: prop, arn: value, holders: carrier.holders }];
    const list = asList(value);
    if (isUnknown(list)) return [{ at: prop, arnProp: prop, arn: UNKNOWN, holders: carrier.holders }];
    return list.map((arn, i) => ({ at: `${prop}[${i}]`, arnProp: prop, arn, holders: carrier.holders }));
}

/**
 * The ARN of a grant as far as it can be known: a string, "customer-managed" when it is unknown but
 * comes from IAM Policy resources of the stack (their ARNs are outputs), or UNKNOWN.
 */
export function grantArn(stack: StackIndex, from: StackResource, grant: ManagedPolicyGrant): string | "customer-managed" | Unknown | undefined {
    if (typeof grant.arn === "string") return grant.arn;
    if (!isUnknown(grant.arn)) return undefined;
    const sources = stack.linked(from, grant.arnProp);
    if (sources.length > 0 && sources.every((s) => CUSTOMER_POLICIES.has(s.type))) return "customer-managed";
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
    return ownNames(r.props)[0] ?? r.name;
}

/** Whether a principal is one of `names`: its IAM name or its Pulumi resource name, case-insensitively (IAM names are). */
export function principalListed(ref: { resource?: { name: string; props: Record<string, Plain> }; name: string | Unknown }, names: readonly string[]): boolean {
    const wanted = names.map((n) => n.trim().toLowerCase());
    const candidates: string[] = [];
    if (typeof ref.name === "string") candidates.push(ref.name);
    if (ref.resource) {
        candidates.push(ref.resource.name, ...ownNames(ref.resource.props));
    }
    return candidates.some((c) => wanted.includes(c.trim().toLowerCase()));
}

function lastSegment(nameOrArn: string): string {
    const v = nameOrArn.trim();
    return v.startsWith("arn:") ? v.slice(v.lastIndexOf("/") + 1) : v;
}
