import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { addressOrRangeReach, rangeReach, Reach } from "../../lib/azure/firewall";
import {
    AZ_COSMOS_ACCOUNTS,
    AZ_REDIS_CACHES,
    MYSQL_FIREWALL_RULES,
    POSTGRES_FIREWALL_RULES,
    publicAccessDisabled,
    REDIS_FIREWALL_RULES,
    SQL_FIREWALL_RULES,
    SYNAPSE_FIREWALL_RULES,
} from "../../lib/azure/stores";
import { prowler } from "../../lib/hipaa";
import { isPresent } from "../../lib/property-checks";
import { unionOf } from "../../lib/type-tokens";
import { asBool, asList, at, isUnknown, Plain, Unknown } from "../../lib/values";

interface Config {
    allowAzureServices: boolean;
}
type Ctx = CheckContext<Config>;

const FIREWALL_RULES = unionOf(SQL_FIREWALL_RULES, POSTGRES_FIREWALL_RULES, MYSQL_FIREWALL_RULES, SYNAPSE_FIREWALL_RULES, REDIS_FIREWALL_RULES);

const AZURE_SERVICES = "lets every Azure service and every VM or function of any Azure tenant through (the 0.0.0.0 \"allow Azure services\" marker)";

/** Judges how far one rule of resource `urn` reaches; `at` names the property (or the first of the pair) that holds it. */
function judgeReach(reach: Reach | Unknown, at: string, urn: string, ctx: Ctx): void {
    if (isUnknown(reach)) return ctx.unverified(at, urn);
    if (reach === "invalid") return ctx.cannotTell(at, "the rule is not an IPv4 address or range, so how far it opens the store is not known (Azure rejects such a rule when it is deployed)", urn);
    if (reach === "internet") {
        ctx.fail({ problem: "the firewall rule opens the PHI store to the whole internet", at, fix: "allow only the address ranges that need the store, or disable public network access and connect through a private endpoint", urn });
    } else if (reach === "azure-services" && !ctx.config.allowAzureServices) {
        ctx.fail({ problem: `the firewall rule ${AZURE_SERVICES}`, at, fix: "remove the rule and reach the store through a private endpoint or the workload's own addresses (or set allowAzureServices if the organisation accepts this)", urn });
    }
}

/** SQL, PostgreSQL, MySQL and Synapse rules use startIpAddress / endIpAddress; Redis rules startIP / endIP. */
function checkRule(rule: ResourceInput, ctx: Ctx): void {
    const [start, end] = REDIS_FIREWALL_RULES.has(rule.type) ? ["startIP", "endIP"] : ["startIpAddress", "endIpAddress"];
    const from = rule.props[start];
    const to = rule.props[end];
    judgeReach(rangeReach(from, to), isUnknown(from) || !isUnknown(to) ? start : end, rule.urn, ctx);
}

/** A Cosmos DB account with public access is open to every network unless ipRules or a virtual network filter limit it. */
function checkCosmos(account: ResourceInput, ctx: Ctx): void {
    const disabled = publicAccessDisabled(account.props.publicNetworkAccess);
    if (isUnknown(disabled)) return ctx.unverified("publicNetworkAccess", account.urn);
    if (disabled) return;
    const rules = asList(account.props.ipRules);
    if (isUnknown(rules)) return ctx.unverified("ipRules", account.urn);
    rules.forEach((r, i) => judgeReach(addressOrRangeReach(isUnknown(r) ? r : at(r, "ipAddressOrRange")), `ipRules[${i}].ipAddressOrRange`, account.urn, ctx));
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

// No `remediate`: disabling public access or deleting a rule cuts off whoever connects through it
// today, and which ranges a workload needs is a decision only its owners can make.
export const azDatastorePublic: ResourceControl<Config> = {
    id: "az-datastore-public",
    title: "Azure data stores are not open to the whole internet",
    cloud: "azure",
    judges: unionOf(AZ_COSMOS_ACCOUNTS, AZ_REDIS_CACHES, FIREWALL_RULES),
    category: "public-exposure",
    severity: "critical",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "No firewall rule of a SQL, PostgreSQL, MySQL, Synapse or Redis store holding PHI may open it to the whole internet (0.0.0.0-255.255.255.255 or any range as wide as a /7), nor to every Azure tenant through the 0.0.0.0 \"allow Azure services\" marker, and a Cosmos DB account or Redis cache with public access must be limited by firewall rules. Such a rule leaves a leaked password or key as the only barrier between PHI and anyone, including an insider working from a personal Azure subscription.",
    remediation:
        'Disable public network access (publicNetworkAccess "Disabled", or network.publicNetworkAccess on PostgreSQL and MySQL flexible servers) and connect through a private endpoint; otherwise replace wide firewall rules with the address ranges that need the store, and drop the 0.0.0.0 "allow Azure services" rule. On Cosmos DB list those ranges in ipRules (or virtualNetworkRules with isVirtualNetworkFilterEnabled); on Redis add redis.FirewallRule resources or inject the cache into a subnet.',
    unknowns:
        "An unknown address, publicNetworkAccess, ipRules or isVirtualNetworkFilterEnabled is reported as unverified (advisory); a rule whose addresses are not an IPv4 range is reported as not verifiable. A rule whose store is not in the stack is treated as PHI.",
    acrossResources:
        "Whether a Redis cache with public access has a firewall rule in the stack that limits it; under tagged PHI scope, whether a firewall rule belongs to a PHI store.",
    config: {
        allowAzureServices: {
            type: "boolean",
            default: false,
            description:
                'Accept the 0.0.0.0 "allow Azure services" firewall rule (and the Cosmos DB ipRules entry "0.0.0.0"). It admits every Azure datacenter address, including VMs and functions in tenants outside the organisation, so it is refused by default.',
        },
    },
    types: unionOf(AZ_COSMOS_ACCOUNTS, FIREWALL_RULES),
    checkResource(r, ctx) {
        if (AZ_COSMOS_ACCOUNTS.has(r.type)) {
            if (ctx.isPhi(r)) checkCosmos(r, ctx);
        } else if (!ctx.phiFromStack(r)) checkRule(r, ctx);
    },
    checkStack(stack, ctx) {
        // A rule takes its store's PHI scope (see ctx.isPhi).
        for (const rule of stack.ofType(FIREWALL_RULES)) if (ctx.phiFromStack(rule) && ctx.isPhi(rule)) checkRule(rule, ctx);
        const open = stack.ofType(AZ_REDIS_CACHES).filter((c) => ctx.isPhi(c) && openCache(c, ctx));
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
