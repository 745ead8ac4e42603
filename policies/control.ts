import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { Citation } from "./lib/hipaa";
import type { PlainObject } from "./lib/values";
import type { PackSettings } from "./settings";
import type { StackIndex } from "./lib/stack-index";
import type { TypeSet } from "./lib/type-tokens";

export const CATEGORIES = {
    "standing-privilege": "Admin/owner rights held permanently, long-lived keys, no just-in-time access or boundary",
    "broad-permissions": "Wildcard actions or resources, NotAction allows, data reads on every resource",
    "rbac-scope": "Azure role assignments above resource-group scope",
    "segregation-of-duties": "One principal can both change code or infrastructure and read production PHI",
    "service-identity": "Workload identities with broader rights than they need",
    "key-management": "No customer-managed key, no rotation, broad key policies, plaintext secrets",
    "encryption-at-rest": "PHI stores without encryption at rest",
    "encryption-in-transit": "TLS not enforced, old TLS versions, non-SSL endpoints",
    "public-exposure": "Public buckets, blobs, ACLs, policies, databases, inbound from the internet",
    "network-egress": "Egress to the internet from PHI networks, missing private endpoints",
    "audit-logging": "Audit, activity, diagnostic, flow or access logs missing or incomplete",
    "log-retention": "Audit logs mutable or kept less than 6 years",
    "phi-in-logs": "Request or response bodies logged, log stores without a customer-managed key",
    "unauthenticated-access": "APIs, function URLs and web apps reachable without authentication",
    "monitoring": "No behavioural analytics or data classification",
    "data-exfiltration": "PHI copied, shared or shipped to accounts, subscriptions, tenants or networks outside the organisation's boundary",
} as const;

export type Category = keyof typeof CATEGORIES;
export type Severity = "low" | "medium" | "high" | "critical";
export type Cloud = "aws" | "azure";

/** Everything a reader, the docs and Pulumi Cloud learn about a control, declared beside its logic. */
export interface ControlMeta {
    /** Stable forever: it is the Pulumi policy name that users pin in config and exemptions. */
    id: string;
    title: string;
    cloud: Cloud;
    category: Category;
    severity: Severity;
    hipaa: readonly Citation[];
    /** What the control checks and why it matters, two sentences. */
    description: string;
    /** What to change, concretely. */
    remediation: string;
    /** What the control reports when a value it needs is unknown during preview. */
    unknowns: string;
    /**
     * What the control judges across resources, in AnalyzeStack (after every step): the joins,
     * coverage and stack-resolved unknowns of its stack part. Required exactly when it has one.
     */
    acrossResources?: string;
    enforcementLevel?: EnforcementLevel;
    /** True for controls that concern PHI stores: they ask ctx.isPhi() (the pack-wide PHI scope) before judging a store. */
    phiScoped?: boolean;
    /** JSON Schema of each config option; every option has a default. */
    config?: Record<string, PolicyConfigJSONSchema>;
}

/** One resource as a control sees it: plain data, unknown preview values marked as UNKNOWN. */
export interface ResourceInput {
    type: string;
    name: string;
    urn: string;
    props: PlainObject;
}

export interface Violation {
    /** What is wrong, without any property value that could be a secret. */
    problem: string;
    /** The property path at fault, e.g. `policy.Statement[0]`. */
    at: string;
    /** How to fix this case; the control's remediation when omitted. */
    fix?: string;
    /** The resource it concerns, for stack controls. */
    urn?: string;
}

export interface CheckContext<C> {
    config: C;
    /** The pack-wide settings (policies/settings.ts). */
    settings: PackSettings;
    stackTags: ReadonlyMap<string, string>;
    fail(violation: Violation): void;
    /**
     * The decisive value is unknown at preview: say so (advisory) instead of passing silently.
     * `why` replaces "unknown during preview" when the value is known but still does not decide
     * (it names no owner, say): it starts with the circumstance ("because ...").
     */
    unverified(at: string, urn?: string, why?: string): void;
    /** Whether a store is in the pack-wide PHI scope. */
    isPhi(resource: { props: PlainObject }): boolean;
}

/**
 * A control that judges each resource of its types by the resource's own properties. Its
 * checkResource runs in Analyze, per resource, in preview and again during the update with the
 * inputs known, so a mandatory finding stops that resource's step before anything is created.
 *
 * It may also need other resources for part of its judgement: a join (a bucket and its standalone
 * encryption configuration), coverage ("a flow log targets this network"), or a value unknown at
 * preview that another resource of the stack resolves (a scope taken from a resource group's id).
 * That part is checkStack, which runs in AnalyzeStack, once, after every step. checkResource
 * leaves those cases open without reporting, and checkStack judges only what checkResource left
 * open, so no problem is judged twice and none falls between. Where which cases are open depends
 * on the resource's values, checkResource records it (lib/settled.ts): AnalyzeStack sees outputs,
 * which may differ from the inputs Analyze judged.
 */
export interface ResourceControl<C = {}> extends ControlMeta {
    types: TypeSet;
    checkResource(resource: ResourceInput, ctx: CheckContext<C>): void;
    checkStack?(stack: StackIndex, ctx: CheckContext<C>): void;
    /**
     * With a stack part: every type the control judges, `types` and those the stack part reports
     * on or looks for (an app without authentication settings, a store no trail covers).
     */
    judges?: TypeSet;
}

/**
 * A control whose every judgement needs other resources (coverage across the stack, or one
 * resource judged through another). It runs only in AnalyzeStack, after every step: during
 * `pulumi up` its findings arrive after the resources exist, so it blocks a deployment only
 * through the preview that `pulumi up` runs first (not under `--skip-preview`).
 */
export interface StackControl<C = {}> extends ControlMeta {
    /** The types of the resources the control judges: those it reports on, and those whose presence makes it look. */
    judges: TypeSet;
    checkStack(stack: StackIndex, ctx: CheckContext<C>): void;
}

export type Control = ResourceControl<any> | StackControl<any>;

/** A control with no per-resource part: only a stack policy. */
export function isStackControl(c: Control): c is StackControl<any> {
    return !("checkResource" in c);
}

/** Whether a control judges anything in AnalyzeStack (a stack control, or a resource control with a stack part). */
export function readsStack(c: Control): boolean {
    return typeof c.checkStack === "function";
}

/** Whether every judgement of a control reads only the resource it judges (a resource control without a stack part). */
export function readsOneResource(c: Control): c is ResourceControl<any> {
    return !isStackControl(c) && !readsStack(c);
}

/**
 * The resource types a control judges: its declared `judges` (every stack control, and a resource
 * control with a stack part), else a resource control's `types`. A target with no resource of
 * these types gives the control nothing to judge there ("not applicable", never "pass"); a
 * resource whose type no control judges is "not examined".
 */
export function judgedTypes(control: Control): TypeSet {
    return isStackControl(control) ? control.judges : (control.judges ?? control.types);
}

