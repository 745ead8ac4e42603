import type { PolicyResource } from "@pulumi/policy";
import type { ResourceInput } from "../control";
import { isUnknown, KNOWS_RUNTIME_SENTINELS, knownString, knownStringIn, Plain, PlainObject, sharedSnapshot, snapshotStruct } from "./values";
import { canonicalType, TypeSet } from "./type-tokens";

/** A resource in a stack check: its outputs plus the URN links the engine sends with them. */
export interface StackResource extends ResourceInput {
    parent?: string;
    dependencies: readonly string[];
    propertyDependencies: Readonly<Record<string, readonly string[]>>;
    /** The provider the engine says manages it, with the provider's inputs (absent in saved states and hand-written inputs). */
    provider?: { type: string; props: PlainObject };
}

const requests = new WeakMap<object, StackIndex>();

/** Outputs that name a resource, which another resource may hold as a plain reference (aws-native names them per type). */
const IDENTITY_PROPERTIES = ["id", "arn", "name", "bucket", "bucketName", "roleName", "userName", "groupName", "policyArn", "keyId"];

/**
 * The resources of one stack, indexed for joins. Companion resources (an S3 bucket's standalone
 * encryption configuration, a VPC's flow log) point at their target through propertyDependencies,
 * which hold URNs and are known at preview even when ids and names are not. Saved states and
 * hand-written inputs may lack them, so a reference by a known id, ARN or name also counts.
 * Every index is built once, on first use, in one pass: joins stay linear in the stack size.
 */
export class StackIndex {
    private readonly byUrn = new Map<string, StackResource>();
    private readonly byType = new Map<string, StackResource[]>();
    private identities?: Map<string, StackResource>;
    private readonly derived = new Map<(stack: StackIndex) => unknown, unknown>();

    constructor(readonly resources: readonly StackResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            const type = canonicalType(r.type);
            const list = this.byType.get(type);
            if (list) list.push(r);
            else this.byType.set(type, [r]);
        }
    }

    static fromPolicyResources(resources: readonly PolicyResource[]): StackIndex {
        return new StackIndex(resources.map((r) => new RuntimeStackResource(r)));
    }

    /**
     * The index of one AnalyzeStack request, built once for all stack controls. Each stack policy
     * gets its own list over the same resource objects, which belong to that request alone
     * (patches/ makes the runtime build them once per request), so the first one identifies it.
     */
    static forRequest(resources: readonly PolicyResource[]): StackIndex {
        const key = resources[0];
        if (!key) return StackIndex.fromPolicyResources(resources);
        let index = requests.get(key);
        if (!index) {
            index = StackIndex.fromPolicyResources(resources);
            requests.set(key, index);
        }
        return index;
    }

    /**
     * What `build` derives from the whole stack (a join, a grouping, an index by some key), built
     * once per request on first use and shared by every control that asks, so no control scans
     * the stack per resource. `build` must depend on the stack alone, and its result is not to be
     * changed by the callers.
     */
    derive<T>(build: (stack: StackIndex) => T): T {
        if (!this.derived.has(build)) this.derived.set(build, build(this));
        return this.derived.get(build) as T;
    }

    get(urn: string): StackResource | undefined {
        return this.byUrn.get(urn);
    }

    /** Whether the stack holds a resource of any of these types. */
    holdsAny(types: TypeSet): boolean {
        return types.canonical.some((t) => this.byType.has(t));
    }

    /** The resources of any of these types, in stack order. */
    ofType(types: TypeSet): StackResource[] {
        const lists = types.canonical.map((t) => this.byType.get(t)).filter((l): l is StackResource[] => l !== undefined);
        if (lists.length <= 1) return lists[0]?.slice() ?? [];
        const wanted = new Set(lists.flat());
        return this.resources.filter((r) => wanted.has(r));
    }

    /** The resources that `from` references through property `prop` (by URN, else by identity). */
    linked(from: StackResource, prop: string): StackResource[] {
        const urns = from.propertyDependencies[prop];
        if (urns && urns.length > 0) {
            return urns.map((u) => this.byUrn.get(u)).filter((r): r is StackResource => r !== undefined);
        }
        return referencedValues(from.props[prop])
            .map((v) => this.identityIndex().get(v))
            .filter((r): r is StackResource => r !== undefined && r !== from);
    }

    /**
     * Groups `companions` by the resource each references through `prop`: a join of, say, every
     * BucketVersioning to its bucket, in one pass.
     */
    companionsByTarget(companions: readonly StackResource[], prop: string): Map<string, StackResource[]> {
        const out = new Map<string, StackResource[]>();
        for (const c of companions) {
            for (const target of this.linked(c, prop)) {
                const list = out.get(target.urn);
                if (list) list.push(c);
                else out.set(target.urn, [c]);
            }
        }
        return out;
    }

    /**
     * A top-level property's known string value. For a resource of the request it is read without
     * copying the resource, so a join that asks it of every resource does not copy the whole stack.
     */
    static knownString(r: StackResource, key: string): string | undefined {
        const v = r instanceof RuntimeStackResource ? r.knownString(key) : r.props[key];
        return typeof v === "string" ? v : undefined;
    }

    private identityIndex(): Map<string, StackResource> {
        if (!this.identities) {
            this.identities = new Map();
            for (const r of this.resources) {
                for (const key of IDENTITY_PROPERTIES) {
                    const v = StackIndex.knownString(r, key);
                    if (v !== undefined && v !== "" && !this.identities.has(v)) this.identities.set(v, r);
                }
            }
        }
        return this.identities;
    }
}

/** Items grouped by a key (items without one are left out), each group in the items' order. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const item of items) {
        const key = keyOf(item);
        if (key === undefined) continue;
        const group = out.get(key);
        if (group) group.push(item);
        else out.set(key, [item]);
    }
    return out;
}

function referencedValues(v: Plain): string[] {
    if (typeof v === "string") return [v];
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
    return [];
}

/** The patched runtime (patches/) reads one top-level property out of the request without converting the resource. */
const REQUEST_PROPERTY = Symbol.for("@pulumi/policy/requestProperty");
const READ_PROPERTIES_WITH = Symbol.for("@pulumi/policy/readPropertiesWith");
const PROPERTY_DEPENDENCY_URNS = Symbol.for("@pulumi/policy/propertyDependencyUrns");

const providerOf = new WeakMap<object, { type: string; props: PlainObject }>();

const plainObject = (p: Plain): PlainObject => (p && typeof p === "object" && !Array.isArray(p) && !isUnknown(p) ? (p as PlainObject) : {});

/**
 * A runtime resource as controls see it. Most checks touch few types and few links, so each part
 * is read out of the runtime's object only when a control asks for it.
 */
class RuntimeStackResource implements StackResource {
    private plainProps?: PlainObject;
    private depUrns?: readonly string[];
    private propDepUrns?: Readonly<Record<string, readonly string[]>>;
    private providerInfo?: { type: string; props: PlainObject } | null;

    constructor(private readonly r: PolicyResource) {}

    get type(): string {
        return this.r.type;
    }
    get name(): string {
        return this.r.name;
    }
    get urn(): string {
        return this.r.urn;
    }
    get parent(): string | undefined {
        return this.r.parent?.urn;
    }
    get props(): PlainObject {
        if (!this.plainProps) {
            const r = this.r as { [READ_PROPERTIES_WITH]?: (convert: typeof snapshotStruct) => PlainObject | undefined; props: unknown };
            // Straight from the request when the runtime offers it (patches/), which then keeps the copy as the resource's props.
            const direct = r[READ_PROPERTIES_WITH]?.(snapshotStruct);
            this.plainProps = direct ?? plainObject(sharedSnapshot(r.props));
            // Controls read only the copy: hand it to the runtime's resource (its props can be set), so
            // the runtime's own deserialized object is not kept alive beside it until the request ends.
            if (!direct) r.props = this.plainProps;
        }
        return this.plainProps;
    }
    /**
     * A top-level property's known string value, read without copying the resource: building the
     * identity index asks this of every resource of the stack, most of which no control reads.
     */
    knownString(key: string): string | undefined {
        if (this.plainProps) return typeof this.plainProps[key] === "string" ? (this.plainProps[key] as string) : undefined;
        const r = this.r as { [REQUEST_PROPERTY]?: (key: string) => unknown };
        // Called on the resource: the runtime keeps what it reads on the resource, not in a closure.
        return r[REQUEST_PROPERTY] && KNOWS_RUNTIME_SENTINELS ? knownString(r[REQUEST_PROPERTY](key)) : knownStringIn(this.r.props, key);
    }

    /** Providers are shared by many resources: their inputs are read once per provider object. */
    get provider(): { type: string; props: PlainObject } | undefined {
        if (this.providerInfo === undefined) {
            const p = this.r.provider;
            this.providerInfo = p ? (providerOf.get(p) ?? providerOf.set(p, { type: p.type, props: plainObject(sharedSnapshot(p.props)) }).get(p)!) : null;
        }
        return this.providerInfo ?? undefined;
    }

    get dependencies(): readonly string[] {
        return (this.depUrns ??= this.r.dependencies.map((d) => d.urn));
    }
    get propertyDependencies(): Readonly<Record<string, readonly string[]>> {
        if (!this.propDepUrns) {
            const r = this.r as { [PROPERTY_DEPENDENCY_URNS]?: () => Record<string, string[]> };
            // As URNs straight from the request when the runtime offers it (patches/): the runtime's
            // own field links resource objects, which would only be mapped back to their URNs.
            let urns = r[PROPERTY_DEPENDENCY_URNS]?.();
            if (!urns) {
                urns = {};
                for (const [key, deps] of Object.entries(this.r.propertyDependencies)) urns[key] = deps.map((d) => d.urn);
            }
            this.propDepUrns = urns;
        }
        return this.propDepUrns;
    }
}
