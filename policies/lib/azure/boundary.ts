import type { CheckContext, Violation } from "../../control";
import type { PackSettings } from "../../settings";
import { StackIndex, type StackResource } from "../stack-index";
import { types } from "../type-tokens";
import { isUnknown, Plain } from "../values";

/**
 * The one place that decides whether an Azure subscription or tenant is inside the organisation's
 * boundary (the pack-wide setting in lib/core/boundary.ts). The configured trusted ids decide;
 * with none configured, the stack's own subscription and tenant do, where the stack shows them:
 * its azure-native providers' `subscriptionId` / `tenantId` (a default provider's inputs are the
 * stack config `azure-native:*`), the subscriptions in its resources' known ids. A resource's own
 * tenant property (a key vault's) is judged, never taken as the boundary. A stack that shows none, or shows several (an explicit provider for a second
 * subscription is how an insider would make a foreign one look like the stack's own), does not
 * tell its boundary: the controls say so once per stack instead of guessing.
 */

/**
 * The client config `phi-guard scan` answers azure-native:authorization:getClientConfig with
 * (engine/invokes.ts PLACEHOLDER; test/policies/lib/azure/boundary.test.ts keeps them equal). A
 * scope built from it is the subscription the program runs in: the stack's own, always.
 */
export const SCAN_PLACEHOLDER = {
    subscriptionId: "00000000-0000-0000-0000-000000000000",
    tenantId: "00000000-0000-0000-0000-0000000000a1",
};

export const AZURE_PROVIDERS = types("pulumi:providers:azure-native");

/** Where a value places a destination: inside or outside the boundary, or why that cannot be said. */
export type Side =
    /** In a trusted (or the stack's own) subscription or tenant. */
    | "inside"
    | "outside"
    /** The value is unknown at preview. */
    | "unknown"
    /** The value is known but names no subscription (a bare account name): its owner cannot be told. */
    | "unowned"
    /** The value names a subscription or tenant, but the stack does not tell its own boundary. */
    | "undetermined";

export interface AzureBoundary {
    /** Lower-case ids inside the boundary (the scan's placeholders always). */
    readonly subscriptions: ReadonlySet<string>;
    readonly tenants: ReadonlySet<string>;
    /** Whether the subscriptions (tenants) beyond the placeholders are known: configured, or the one the stack shows. */
    readonly subscriptionsKnown: boolean;
    readonly tenantsKnown: boolean;
    /** Every subscription the stack's resources can be deployed into, as far as it shows (for resources whose id is unknown). */
    readonly stackSubscriptions: ReadonlySet<string>;
}

const SUBSCRIPTION_ID = /^\/*subscriptions\/+([^/]+)/i;

/** The subscription an Azure resource id or scope names, lower case; undefined when it names none. */
export function subscriptionOfId(id: string): string | undefined {
    return SUBSCRIPTION_ID.exec(id.trim())?.[1]?.toLowerCase();
}

const lower = (v: Plain): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim().toLowerCase() : undefined);

/** The subscriptions and tenants the stack shows as its own: providers' config and known resource ids. */
function shown(stack: StackIndex): { subscriptions: Set<string>; tenants: Set<string> } {
    const subscriptions = new Set<string>();
    const tenants = new Set<string>();
    for (const p of stack.ofType(AZURE_PROVIDERS)) {
        const s = lower(p.props.subscriptionId);
        const t = lower(p.props.tenantId);
        if (s) subscriptions.add(s);
        if (t) tenants.add(t);
    }
    for (const r of stack.resources) {
        // The id alone, read without copying the resource (most are never read whole).
        const id = r.type.startsWith("azure-native:") ? StackIndex.knownString(r, "id") : undefined;
        if (id === undefined) continue;
        const s = subscriptionOfId(id);
        if (s) subscriptions.add(s);
    }
    subscriptions.delete(SCAN_PLACEHOLDER.subscriptionId);
    tenants.delete(SCAN_PLACEHOLDER.tenantId);
    return { subscriptions, tenants };
}

function decide(configured: readonly string[], shownIds: Set<string>, placeholder: string): { ids: Set<string>; known: boolean } {
    const ids = new Set([placeholder]);
    if (configured.length > 0) {
        for (const c of configured) ids.add(c.toLowerCase());
        return { ids, known: true };
    }
    if (shownIds.size === 1) for (const s of shownIds) ids.add(s);
    return { ids, known: shownIds.size === 1 };
}

/** The boundary of one stack under the pack's settings, derived once per request. */
export function azureBoundary(stack: StackIndex, settings: Pick<PackSettings, "trustedAzureSubscriptionIds" | "trustedAzureTenantIds">): AzureBoundary {
    const own = stack.derive(shown);
    const subs = decide(settings.trustedAzureSubscriptionIds ?? [], own.subscriptions, SCAN_PLACEHOLDER.subscriptionId);
    const tenants = decide(settings.trustedAzureTenantIds ?? [], own.tenants, SCAN_PLACEHOLDER.tenantId);
    return {
        subscriptions: subs.ids,
        tenants: tenants.ids,
        subscriptionsKnown: subs.known,
        tenantsKnown: tenants.known,
        stackSubscriptions: own.subscriptions,
    };
}

function sideOf(id: string, inside: ReadonlySet<string>, known: boolean): Side {
    if (inside.has(id)) return "inside";
    return known ? "outside" : "undetermined";
}

/** Where a resource id (any case, leading or doubled slashes) places its subscription. */
export function subscriptionSide(b: AzureBoundary, id: Plain): Side {
    if (isUnknown(id)) return "unknown";
    const s = typeof id === "string" ? subscriptionOfId(id) : undefined;
    return s === undefined ? "unowned" : sideOf(s, b.subscriptions, b.subscriptionsKnown);
}

/** Where a tenant id places a principal. */
export function tenantSide(b: AzureBoundary, tenantId: Plain): Side {
    if (isUnknown(tenantId)) return "unknown";
    const t = lower(tenantId);
    return t === undefined ? "unowned" : sideOf(t, b.tenants, b.tenantsKnown);
}

/**
 * Where a resource of the stack lives: its known id says; else, while every subscription the
 * stack shows is inside the boundary, the resource is in one of them (a stack deploys only where
 * its providers point); else it cannot be told until the id is known.
 */
export function stackResourceSide(b: AzureBoundary, r: StackResource): Side {
    if (typeof r.props.id === "string" && subscriptionOfId(r.props.id) !== undefined) return subscriptionSide(b, r.props.id);
    for (const s of b.stackSubscriptions) if (!b.subscriptions.has(s)) return "unknown";
    return "inside";
}

/**
 * Where a property that names a destination resource places it: through the stack resource it was
 * taken from (linked by URN at preview), else by the id it holds.
 */
export function destinationSide(stack: StackIndex, b: AzureBoundary, r: StackResource, prop: string, value: Plain = r.props[prop]): Side {
    if (isUnknown(value) || value === undefined) {
        const sources = stack.linked(r, prop).filter((s) => s.type.startsWith("azure-native:"));
        if (sources.length === 1) return stackResourceSide(b, sources[0]);
    }
    return subscriptionSide(b, value);
}

/** The words of a could-not-verify for a destination whose side is not known. */
export const UNOWNED =
    "because its owner could not be told: the value names no subscription; give the destination's full resource id (/subscriptions/<id>/...)";

/** The advisory, once per stack, when destinations were met that only the configured boundary could judge. */
export function undeterminedBoundary(count: number): string {
    return (
        `because the stack does not show its own subscription and tenant (no azure-native provider config, or several subscriptions), so ${count} destination${count === 1 ? "" : "s"} outside the stack could not be judged: ` +
        "configure trustedAzureSubscriptionIds / trustedAzureTenantIds under phi-guard-settings"
    );
}

/** The path of the could-not-verify that undeterminedBoundary explains. */
export const BOUNDARY_AT = "the organisation boundary";

/**
 * Reports what the sides of one control's destinations mean: outside fails, unknown and unowned
 * could not be verified on the resource, and destinations only the configured boundary could
 * judge are counted into one stack-level advisory (finish), not one per resource.
 */
export class BoundaryFindings {
    private undetermined = 0;
    constructor(private readonly ctx: CheckContext<unknown>) {}

    judge(side: Side, v: Violation & { urn: string }): void {
        if (side === "outside") this.ctx.fail(v);
        else if (side === "unknown") this.ctx.unverified(v.at, v.urn);
        else if (side === "unowned") this.ctx.cannotTell(v.at, UNOWNED, v.urn);
        else if (side === "undetermined") this.undetermined++;
    }

    finish(): void {
        if (this.undetermined > 0) this.ctx.cannotTell(BOUNDARY_AT, undeterminedBoundary(this.undetermined));
    }
}
