import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { addressOrRangeReach, rangeReach, Range, Reach, toRange, togetherInternet } from "../../lib/azure/firewall";
import {
    AZ_COSMOS_ACCOUNTS,
    AZ_REDIS_CACHES,
    AZ_REDIS_ENTERPRISE,
    MARIADB_FIREWALL_RULES,
    MONGO_CLUSTER_FIREWALL_RULES,
    MYSQL_FIREWALL_RULES,
    POSTGRES_CLUSTER_FIREWALL_RULES,
    POSTGRES_FIREWALL_RULES,
    publicAccessDisabled,
    REDIS_FIREWALL_RULES,
    SQL_FIREWALL_RULES,
    SQL_IPV6_FIREWALL_RULES,
    SYNAPSE_FIREWALL_RULES,
} from "../../lib/azure/stores";
import { companionStoreProp } from "../../lib/phi-scope";
import { Settled } from "../../lib/settled";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { prowler } from "../../lib/hipaa";
import { isPresent } from "../../lib/property-checks";
import { TypeSet, unionOf } from "../../lib/type-tokens";
import { asBool, asList, at, isObject, isUnknown, Plain, Unknown } from "../../lib/values";

interface Config {
    allowAzureServices: boolean;
}
type Ctx = CheckContext<Config>;

const FIREWALL_RULES = unionOf(
    SQL_FIREWALL_RULES,
    SQL_IPV6_FIREWALL_RULES,
    POSTGRES_FIREWALL_RULES,
    POSTGRES_CLUSTER_FIREWALL_RULES,
    MYSQL_FIREWALL_RULES,
    MARIADB_FIREWALL_RULES,
    MONGO_CLUSTER_FIREWALL_RULES,
    SYNAPSE_FIREWALL_RULES,
    REDIS_FIREWALL_RULES,
);

/** The address properties of rules that do not use startIpAddress / endIpAddress. */
const OTHER_FIELDS: [TypeSet, string, string][] = [
    [REDIS_FIREWALL_RULES, "startIP", "endIP"],
    [SQL_IPV6_FIREWALL_RULES, "startIPv6Address", "endIPv6Address"],
];

/** Where a rule keeps its first and last address; the `mongocluster` form nests them under `properties`. */
function ruleFields(rule: ResourceInput): [string, string] {
    const [, start, end] = OTHER_FIELDS.find(([kinds]) => kinds.has(rule.type)) ?? [undefined, "startIpAddress", "endIpAddress"];
    const prefix = isObject(rule.props.properties) ? "properties." : "";
    return [prefix + start, prefix + end];
}

const NARROW_FIX = "allow only the address ranges that need the store, or disable public network access and connect through a private endpoint";
const AZURE_SERVICES = "lets every Azure service and every VM or function of any Azure tenant through (the 0.0.0.0 \"allow Azure services\" marker)";

/** Judges how far one rule of resource `urn` reaches; `at` names the property (or the first of the pair) that holds it. */
function judgeReach(reach: Reach | Unknown, at: string, urn: string, ctx: Ctx): void {
    if (isUnknown(reach)) return ctx.unverified(at, urn);
    if (reach === "invalid") return ctx.cannotTell(at, "the rule is not an address or range of one IP family, so how far it opens the store is not known (Azure rejects such a rule when it is deployed)", urn);
    if (reach === "internet") {
        ctx.fail({ problem: "the firewall rule opens the PHI store to the whole internet", at, fix: NARROW_FIX, urn });
    } else if (reach === "azure-services" && !ctx.config.allowAzureServices) {
        ctx.fail({ problem: `the firewall rule ${AZURE_SERVICES}`, at, fix: "remove the rule and reach the store through a private endpoint or the workload's own addresses (or set allowAzureServices if the organisation accepts this)", urn });
    }
}

/**
 * A rule is judged on its own, whatever its server's publicNetworkAccess says: a disabled endpoint
 * makes a wide rule dormant, not harmless (turning access back on revives it), and reading the
 * server would move the finding to AnalyzeStack, after the rule's step under `pulumi up`.
 */
function checkRule(rule: ResourceInput, ctx: Ctx): void {
    const [start, end] = ruleFields(rule);
    const from = at(rule.props, start);
    const to = at(rule.props, end);
    judgeReach(rangeReach(from, to), isUnknown(from) || !isUnknown(to) ? start : end, rule.urn, ctx);
}

/** A rule's range when it is known and, alone, narrower than the internet; undefined otherwise. */
function limitedRange(rule: ResourceInput): Range | undefined {
    const [from, to] = ruleFields(rule).map((f) => at(rule.props, f));
    if (typeof from !== "string" || typeof to !== "string" || rangeReach(from, to) !== "limited") return undefined;
    return toRange(from, to);
}

const together = (what: string) => `the store's ${what} are each narrower than the internet, but together they open it to as much of the internet as a /7 (or more)`;

/**
 * Rules that split the internet into pieces each narrower than it (two /8s, or 256 of them):
 * reported once per store, on its first rule. A store is its linked resource, or the
 * literal name a rule gives when the store is not in the stack.
 */
function checkTogether(stack: StackIndex, rules: StackResource[], ctx: Ctx): void {
    const byStore = new Map<string, StackResource[]>();
    for (const rule of rules) {
        const prop = companionStoreProp(rule.type)!;
        const store = stack.linked(rule, prop)[0]?.urn ?? rule.props[prop];
        if (typeof store !== "string") continue;
        const key = `${prop}\u0000${store.toLowerCase()}`;
        byStore.set(key, [...(byStore.get(key) ?? []), rule]);
    }
    for (const group of byStore.values()) {
        const ranges = group.map(limitedRange);
        // A rule that is not narrower on its own is reported (or said unverifiable) by itself.
        if (group.length < 2 || ranges.some((r) => r === undefined)) continue;
        if (togetherInternet(ranges as Range[])) ctx.fail({ problem: together("firewall rules"), at: ruleFields(group[0])[0], fix: NARROW_FIX, urn: group[0].urn });
    }
}

/** A Cosmos DB account with public access is open to every network unless ipRules or a virtual network filter limit it. */
function checkCosmos(account: ResourceInput, ctx: Ctx): void {
    const disabled = publicAccessDisabled(account.props.publicNetworkAccess);
    if (isUnknown(disabled)) return ctx.unverified("publicNetworkAccess", account.urn);
    if (disabled) return;
    const rules = asList(account.props.ipRules);
    if (isUnknown(rules)) return ctx.unverified("ipRules", account.urn);
    const values = rules.map((r) => (isUnknown(r) ? r : at(r, "ipAddressOrRange")));
    values.forEach((v, i) => judgeReach(addressOrRangeReach(v), `ipRules[${i}].ipAddressOrRange`, account.urn, ctx));
    if (values.every((v) => addressOrRangeReach(v) === "limited") && togetherInternet(values.map((v) => toRange(v as string)!))) {
        ctx.fail({ problem: together("ipRules entries"), at: "ipRules", fix: NARROW_FIX, urn: account.urn });
    }
    if (rules.length > 0) return;
    const vnetFilter = asBool(account.props.isVirtualNetworkFilterEnabled);
    if (isUnknown(vnetFilter)) return ctx.unverified("isVirtualNetworkFilterEnabled", account.urn);
    if (vnetFilter !== true) {
        ctx.fail({
            problem: "the account accepts connections from every network (publicNetworkAccess is not Disabled, and neither ipRules nor a virtual network filter limit it)",
            at: "publicNetworkAccess",
            fix: 'set publicNetworkAccess: "Disabled" and connect through a private endpoint, or list the networks that need it in ipRules / virtualNetworkRules with isVirtualNetworkFilterEnabled: true',
            urn: account.urn,
        });
    }
}

/** The caches Analyze settled (public access off, in a subnet, or unknown and said so); an open one waits for the stack's rules. */
const settled = new Settled();

/** A Redis cache with public access and no VNet injection is open to every network unless a firewall rule limits it. */
function openCache(cache: ResourceInput, ctx: Ctx): boolean {
    const disabled = publicAccessDisabled(cache.props.publicNetworkAccess);
    if (isUnknown(disabled)) {
        ctx.unverified("publicNetworkAccess", cache.urn);
        return false;
    }
    // A cache injected into a virtual network (subnetId) is reachable only from it.
    return !disabled && !isPresent(cache.props.subnetId as Plain);
}

/**
 * A Redis Enterprise (or Azure Managed Redis) cluster has no firewall rules and no subnet: with
 * public access on, any network reaches it. Clusters of older API versions have no
 * publicNetworkAccess, and whether their public endpoint is on depends on their private endpoints,
 * which this control does not read.
 */
function checkRedisEnterprise(cluster: ResourceInput, ctx: Ctx): void {
    const access = cluster.props.publicNetworkAccess;
    if (access === undefined || access === null) {
        return ctx.cannotTell("publicNetworkAccess", "because the cluster does not set publicNetworkAccess (older API versions have none), so whether its public endpoint is open to every network is not known", cluster.urn);
    }
    const disabled = publicAccessDisabled(access);
    if (isUnknown(disabled)) return ctx.unverified("publicNetworkAccess", cluster.urn);
    if (disabled) return;
    ctx.fail({
        problem: "the cluster accepts connections from every network (publicNetworkAccess is not Disabled, and Redis Enterprise has no firewall rules to limit it)",
        at: "publicNetworkAccess",
        fix: 'set publicNetworkAccess: "Disabled" and connect through a private endpoint',
        urn: cluster.urn,
    });
}

// No `remediate`: disabling public access or deleting a rule cuts off whoever connects through it
// today, and which ranges a workload needs is a decision only its owners can make.
export const azDatastorePublic: ResourceControl<Config> = {
    id: "az-datastore-public",
    title: "Azure data stores are not open to the whole internet",
    cloud: "azure",
    category: "public-exposure",
    severity: "critical",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "No firewall rule of a SQL, PostgreSQL (server or Cosmos DB for PostgreSQL cluster), MySQL, MariaDB, Synapse, Mongo cluster or Redis store holding PHI may open it to the whole internet (0.0.0.0-255.255.255.255, or any range as wide as a /7, alone or together with the store's other rules; a /15 in IPv6), nor to every Azure tenant through the 0.0.0.0 \"allow Azure services\" marker, a Cosmos DB account or Redis cache with public access must be limited by firewall rules, and a Redis Enterprise cluster, which has none, must turn public access off. Such a rule leaves a leaked password or key as the only barrier between PHI and anyone, including an insider working from a personal Azure subscription.",
    remediation:
        'Replace wide firewall rules with the address ranges that need the store, and drop the 0.0.0.0 "allow Azure services" rule: a rule is judged even on a server whose public access is disabled (publicNetworkAccess, or network.publicNetworkAccess on PostgreSQL and MySQL flexible servers), because it opens the store again the moment public access is turned back on, and it is judged before its own deployment step, which the server\'s setting could not be. Better, disable public network access and connect through a private endpoint. On Cosmos DB list those ranges in ipRules (or virtualNetworkRules with isVirtualNetworkFilterEnabled); on Redis add redis.FirewallRule resources or inject the cache into a subnet; on Redis Enterprise set publicNetworkAccess "Disabled" (with an API version that has it, as the SDK default does).',
    unknowns:
        "An unknown address, publicNetworkAccess, ipRules or isVirtualNetworkFilterEnabled is reported as unverified (advisory); a rule whose addresses are not a range of one IP family, and a Redis Enterprise cluster of an API version without publicNetworkAccess, are reported as not verifiable. A rule whose store is not in the stack is treated as PHI.",
    acrossResources:
        "Whether a store's firewall rules, each narrower than the internet, together open it to the internet; whether a Redis cache with public access has a firewall rule in the stack that limits it; under tagged PHI scope, whether a firewall rule belongs to a PHI store.",
    config: {
        allowAzureServices: {
            type: "boolean",
            default: false,
            description:
                'Accept the 0.0.0.0 "allow Azure services" firewall rule (and the Cosmos DB ipRules entry "0.0.0.0"). It admits every Azure datacenter address, including VMs and functions in tenants outside the organisation, so it is refused by default.',
        },
    },
    types: unionOf(AZ_COSMOS_ACCOUNTS, AZ_REDIS_CACHES, AZ_REDIS_ENTERPRISE, FIREWALL_RULES),
    // The stack part reports rules (their store's scope, and rules open together) and caches no rule limits: no other types.
    judges: unionOf(AZ_COSMOS_ACCOUNTS, AZ_REDIS_CACHES, AZ_REDIS_ENTERPRISE, FIREWALL_RULES),
    checkResource(r, ctx) {
        if (AZ_COSMOS_ACCOUNTS.has(r.type)) {
            if (ctx.isPhi(r)) checkCosmos(r, ctx);
        } else if (AZ_REDIS_ENTERPRISE.has(r.type)) {
            if (ctx.isPhi(r)) checkRedisEnterprise(r, ctx);
        } else if (AZ_REDIS_CACHES.has(r.type)) {
            settled.record(r.urn, !ctx.isPhi(r) || !openCache(r, ctx));
        } else if (!ctx.phiFromStack(r)) checkRule(r, ctx);
    },
    checkStack(stack, ctx) {
        // A rule takes its store's PHI scope (see ctx.isPhi).
        const rules = stack.ofType(FIREWALL_RULES).filter((rule) => ctx.isPhi(rule));
        for (const rule of rules) if (ctx.phiFromStack(rule)) checkRule(rule, ctx);
        checkTogether(stack, rules, ctx);
        const open = stack.ofType(AZ_REDIS_CACHES).filter((c) => !settled.has(c.urn) && ctx.isPhi(c) && openCache(c, ctx));
        if (open.length === 0) return;
        const limited = companionsOf(stack, stack.ofType(REDIS_FIREWALL_RULES), "cacheName", open);
        for (const cache of open) {
            if (limited.has(cache.urn)) continue;
            ctx.fail({
                problem: "the cache accepts connections from every network (publicNetworkAccess is not Disabled, it is not in a subnet, and no firewall rule in the stack limits it)",
                at: "publicNetworkAccess",
                fix: 'set publicNetworkAccess: "Disabled" and connect through a private endpoint, or add redis.FirewallRule resources for the addresses that need it',
                urn: cache.urn,
            });
        }
    },
};
