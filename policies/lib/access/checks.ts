import type { CheckContext } from "../../control";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { StackIndex } from "../stack-index";
import { accessGraph, AccessGraph, AccessNode, AccessPath, chain, PACK_MAX_EDGES, steps } from "./index";

/**
 * The judgements the access controls make on the graph, one per question, for either cloud. The
 * direct-grant controls (segregation of duties, external access, role and key policies) judge
 * each grant on its own; these report what only a chain shows, so that one problem is reported once.
 */

type Cloud = "aws" | "azure";

/**
 * The stack's graph within the pack's bound, or undefined when the stack exceeds it: then the
 * control says once that it could not judge the paths, never passes them silently.
 */
export function graphOf(stack: StackIndex, ctx: CheckContext<unknown>): AccessGraph | undefined {
    const graph = accessGraph(stack, { isPhi: (r) => ctx.isPhi(r), settings: ctx.settings, maxEdges: PACK_MAX_EDGES });
    if (!graph.incomplete) return graph;
    ctx.cannotTell(
        "access paths",
        `because the stack's access graph has more than ${PACK_MAX_EDGES.toLocaleString("en-US")} steps and grants (many principals with grants on every store), more than the pack draws during a preview: run \`phi-guard access\` on the stack to list its paths, and narrow the wildcard grants`,
    );
    return undefined;
}

/** Principals a person signs in as: accounts, federations and "anyone" are counted through the principals they lead to. */
const COUNTED: ReadonlySet<AccessNode["kind"]> = new Set(["user", "group", "permission-set", "role", "principal"]);

/** A principal named in config: its Pulumi name, or its id (an Azure object id, an account). */
function listed(node: AccessNode, names: readonly string[]): boolean {
    const wanted = names.map((n) => n.trim().toLowerCase());
    const own = [node.name, node.id.replace(/^[a-z-]+:(id:)?/, "")].map((n) => n.toLowerCase());
    return own.some((n) => wanted.includes(n) || wanted.some((w) => n.endsWith(` ${w}`)));
}

/** The first few chains of a list of paths for a message, and how many more. */
function chains(paths: readonly AccessPath[], shown = 3): string {
    const list = paths.slice(0, shown).map((p) => `${chain(p)}${p.unverified ? " (unverified)" : ""}`);
    return paths.length > shown ? `${list.join("; ")}; and ${paths.length - shown} more` : list.join("; ");
}

export interface HumanReadersConfig {
    defaultLimit: number;
    storeLimits: Record<string, number>;
}

export const HUMAN_READERS_CONFIG: Record<keyof HumanReadersConfig, PolicyConfigJSONSchema> = {
    defaultLimit: {
        type: "integer",
        minimum: 0,
        default: 3,
        description: "How many people (users, groups, permission sets, roles people assume) may read one PHI store, through any chain of steps.",
    },
    storeLimits: {
        type: "object",
        additionalProperties: { type: "integer", minimum: 0 },
        default: {},
        description: "Limits for particular stores, by the store's Pulumi resource name, instead of defaultLimit.",
    },
};

/** More people can read a store than its limit allows: every path counts, proven paths decide. */
export function checkHumanReaders(cloud: Cloud, stack: StackIndex, ctx: CheckContext<HumanReadersConfig>): void {
    const graph = graphOf(stack, ctx);
    if (!graph) return;
    for (const store of graph.stores()) {
        if (store.cloud !== cloud) continue;
        const limit = ctx.config.storeLimits[store.name] ?? ctx.config.defaultLimit;
        const readers = graph.pathsTo(store.id, "read").filter((p) => p.principal.human && COUNTED.has(p.principal.kind));
        const proven = readers.filter((p) => !p.unverified);
        if (proven.length > limit) {
            ctx.fail({
                problem: `${proven.length} people can read this PHI store, more than the limit of ${limit}: ${chains(proven)}`,
                at: "access paths",
                fix: "remove the grants, trusts or memberships that lead people to the store (keep the workload roles that need it), or raise the store's limit in storeLimits with the reason recorded",
                urn: store.urn,
            });
        } else if (readers.length > limit) ctx.unverified(`access paths (${chains(readers.filter((p) => p.unverified))})`, store.urn);
    }
}

export interface PrincipalsConfig {
    allowedPrincipals: string[];
}

export const ALLOWED_PRINCIPALS: Record<keyof PrincipalsConfig, PolicyConfigJSONSchema> = {
    allowedPrincipals: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Principals accepted to hold these paths (Pulumi resource name, IAM name, account id or Azure object id), each with a documented compensating control.",
    },
};

/** The paths of two or more steps from each principal `wanted` accepts, grouped by principal. */
function chainsFrom(graph: AccessGraph, cloud: Cloud, wanted: (n: AccessNode) => boolean): Map<AccessNode, AccessPath[]> {
    const out = new Map<AccessNode, AccessPath[]>();
    for (const store of graph.stores()) {
        if (store.cloud !== cloud) continue;
        for (const p of graph.pathsTo(store.id, "read")) {
            if (steps(p) < 2 || !wanted(p.principal)) continue;
            const list = out.get(p.principal);
            if (list) list.push(p);
            else out.set(p.principal, [p]);
        }
    }
    return out;
}

/** The resource a finding about a principal's paths belongs to: the principal, else the resource that writes its first step. */
const anchor = (principal: AccessNode, paths: readonly AccessPath[]): string | undefined => principal.urn ?? paths[0].edges[0].urn;

function report(ctx: CheckContext<unknown>, principal: AccessNode, paths: AccessPath[], problem: (shown: string) => string, fix: string): void {
    const urn = anchor(principal, paths);
    const proven = paths.filter((p) => !p.unverified);
    if (proven.length > 0) ctx.fail({ problem: problem(chains(proven)), at: "access paths", fix, urn });
    else ctx.unverified(`access paths (${chains(paths)})`, urn);
}

/**
 * A principal that changes code or infrastructure itself and reaches PHI reads through a chain
 * (a role it assumes, a role it passes to a workload, code it deploys to an app): one insider
 * holds both duties though no single grant shows it.
 */
export function checkTransitiveDuties(cloud: Cloud, stack: StackIndex, ctx: CheckContext<PrincipalsConfig>): void {
    const graph = graphOf(stack, ctx);
    if (!graph) return;
    for (const [principal, paths] of chainsFrom(graph, cloud, (n) => n.changes !== undefined && !listed(n, ctx.config.allowedPrincipals))) {
        report(
            ctx,
            principal,
            paths,
            (shown) => `${principal.name} changes code or infrastructure (${principal.changes}) and reads PHI through a chain: ${shown}`,
            "break the chain: take the role assumption, iam:PassRole or deployment right that leads to PHI away from the principal that changes production, or give the changes to a pipeline identity that reaches no PHI",
        );
    }
}

/** A principal outside the organisation's boundary reaches PHI through a chain of steps. */
export function checkExternalReach(cloud: Cloud, stack: StackIndex, ctx: CheckContext<PrincipalsConfig>): void {
    const graph = graphOf(stack, ctx);
    if (!graph) return;
    for (const [principal, paths] of chainsFrom(graph, cloud, (n) => n.external && !listed(n, ctx.config.allowedPrincipals))) {
        report(
            ctx,
            principal,
            paths,
            (shown) => `${principal.name}, outside the organisation's boundary, reads PHI through a chain: ${shown}`,
            "remove the trust or federation that lets the outside principal in, or the PHI read of what it reaches; an accepted third party goes in allowedPrincipals",
        );
    }
}
