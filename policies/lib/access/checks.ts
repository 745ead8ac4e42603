import type { CheckContext } from "../../control";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import type { StackIndex } from "../stack-index";
import { accessGraph, AccessGraph, AccessNode, chain, Cloud, PACK_WORK_PER_RESOURCE, packWorkBound, PathList, PathTest, steps } from "./index";

/**
 * The judgements the access controls make on the graph, one per question, for either cloud. The
 * direct-grant controls (segregation of duties, external access, role and key policies) judge
 * each grant on its own; these report what only a chain shows, so that one problem is reported once.
 */

const CLOUD_NAMES: Readonly<Record<Cloud, string>> = { aws: "AWS", azure: "Azure" };

/**
 * The stack's graph with one cloud's read paths searched within the pack's bound, or undefined
 * when that cloud's part exceeds it: then the control says once that it could not judge the paths,
 * never passes them silently. The other cloud's controls are not affected.
 */
export function graphOf(cloud: Cloud, stack: StackIndex, ctx: CheckContext<unknown>): AccessGraph | undefined {
    const bound = packWorkBound(stack);
    const graph = accessGraph(stack, { isPhi: (r) => ctx.isPhi(r), settings: ctx.settings, maxWork: bound });
    if (graph.complete(cloud, "read")) return graph;
    ctx.cannotTell(
        "access paths",
        `because drawing and searching the stack's ${CLOUD_NAMES[cloud]} access graph takes more than ${bound.toLocaleString("en-US")} steps (${PACK_WORK_PER_RESOURCE} per resource), more than the pack spends during a preview: grants of many different wildcard patterns, or roles that many principals may assume between the stores and their readers, make the paths grow faster than the stack. Run \`phi-guard access\` on the stack to list its paths, and narrow the wildcard grants`,
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

/** The first few chains of a list of paths that pass a test, for a message, and how many more. */
function chains(paths: PathList, test: PathTest, shown = 3): string {
    const total = paths.count(test);
    const list = paths.first(shown, test).map((p) => `${chain(p)}${p.unverified ? " (unverified)" : ""}`);
    return total > shown ? `${list.join("; ")}; and ${total - shown} more` : list.join("; ");
}

const PROVEN: PathTest = (p) => !p.unverified;
const UNVERIFIED: PathTest = (p) => p.unverified;
const ANY: PathTest = () => true;
/** A person reads the store through this path: counted as one of its human readers. */
const HUMAN: PathTest = (p) => p.principal.human && COUNTED.has(p.principal.kind);
const HUMAN_PROVEN: PathTest = (p) => HUMAN(p) && PROVEN(p);
const HUMAN_UNVERIFIED: PathTest = (p) => HUMAN(p) && UNVERIFIED(p);

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
    const graph = graphOf(cloud, stack, ctx);
    if (!graph) return;
    for (const store of graph.stores()) {
        if (store.cloud !== cloud) continue;
        const limit = ctx.config.storeLimits[store.name] ?? ctx.config.defaultLimit;
        const readers = graph.readers(store.id, "read");
        const proven = readers.count(HUMAN_PROVEN);
        if (proven > limit) {
            ctx.fail({
                problem: `${proven} ${proven === 1 ? "person" : "people"} can read this PHI store, more than the limit of ${limit}: ${chains(readers, HUMAN_PROVEN)}`,
                at: "access paths",
                fix: "remove the grants, trusts or memberships that lead people to the store (keep the workload roles that need it), or raise the store's limit in storeLimits with the reason recorded",
                urn: store.urn,
            });
        } else if (readers.count(HUMAN) > limit) ctx.unverified(`access paths (${chains(readers, HUMAN_UNVERIFIED)})`, store.urn);
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

/** The read paths of two or more steps from each principal `wanted` accepts, grouped by principal. */
function chainsFrom(graph: AccessGraph, cloud: Cloud, wanted: (n: AccessNode) => boolean): Map<AccessNode, PathList> {
    const stores = graph.stores().filter((s) => s.cloud === cloud);
    return graph.pathsByPrincipal(stores, "read", (p) => steps(p) >= 2 && wanted(p.principal));
}

/** The resource a finding about a principal's paths belongs to: the principal, else the resource that writes its first step. */
const anchor = (principal: AccessNode, paths: PathList): string | undefined => principal.urn ?? paths.first(1)[0].edges[0].urn;

function report(ctx: CheckContext<unknown>, principal: AccessNode, paths: PathList, problem: (shown: string) => string, fix: string): void {
    const urn = anchor(principal, paths);
    if (paths.count(PROVEN) > 0) ctx.fail({ problem: problem(chains(paths, PROVEN)), at: "access paths", fix, urn });
    else ctx.unverified(`access paths (${chains(paths, ANY)})`, urn);
}

/**
 * A principal that changes code or infrastructure itself and reaches PHI reads through a chain
 * (a role it assumes, a role it passes to a workload, code it deploys to an app): one insider
 * holds both duties though no single grant shows it.
 */
export function checkTransitiveDuties(cloud: Cloud, stack: StackIndex, ctx: CheckContext<PrincipalsConfig>): void {
    const graph = graphOf(cloud, stack, ctx);
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
    const graph = graphOf(cloud, stack, ctx);
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
