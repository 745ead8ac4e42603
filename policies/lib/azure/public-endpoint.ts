import { isOneOf } from "../property-checks";
import { asBool, asList, at, isUnknown, Plain, PlainObject, Unknown, UNKNOWN } from "../values";
import { addressOrRangeReach, toRange, togetherInternet } from "./firewall";
import { AZ_COSMOS_ACCOUNTS, AZ_KEY_VAULTS, AZ_SQL_SERVERS, AZ_STORAGE_ACCOUNTS } from "./stores";

/**
 * How far the public endpoint of a PHI store (AZ_PHI_STORES) reaches, as the control that owns
 * the store's network judges it: az-storage-public (storage accounts), az-keyvault-hardening
 * (vaults), az-sql-hardening (SQL servers), az-datastore-public (Cosmos DB). The owner reports an
 * "open" endpoint and an unknown one at `at`. az-private-link reads the same fact and adds only
 * what the owners accept: an endpoint that is on, behind a firewall that limits it.
 *
 * - "disabled": publicNetworkAccess is Disabled.
 * - "restricted": it is on, but a firewall the owner accepts limits it (storage networkRuleSet or
 *   vault networkAcls defaultAction Deny; Cosmos ipRules that each and together stay narrower than
 *   the internet and not the 0.0.0.0 Azure-services marker, or a virtual network filter).
 * - "open": any network reaches it (a SQL server's only protection is its firewall rules, which
 *   az-datastore-public judges one by one, so its enabled endpoint is open).
 */
export type Exposure = "disabled" | "restricted" | "open";

export interface PublicEndpoint {
    /** The property that decides it: where the owner reports it. */
    at: string;
    exposure: Exposure | Unknown;
}

const decided = (at: string, exposure: Exposure | Unknown): PublicEndpoint => ({ at, exposure });

/** Enabled unless Disabled; then a default-deny firewall (at `denyAt`) restricts it. */
function withDefaultDeny(props: PlainObject, prefix: string, denyAt: string): PublicEndpoint {
    const access = `${prefix}publicNetworkAccess`;
    const disabled = isOneOf(at(props, access), "Disabled");
    if (disabled === true) return decided(access, "disabled");
    const deny = isOneOf(at(props, `${prefix}${denyAt}`), "Deny");
    if (deny === true) return decided(access, "restricted");
    if (isUnknown(disabled)) return decided(access, UNKNOWN);
    if (isUnknown(deny)) return decided(`${prefix}${denyAt}`, UNKNOWN);
    return decided(access, "open");
}

/** A Cosmos DB account's ipRules limit it when every entry is a known range narrower than the internet, and they stay so together. */
function cosmos(props: PlainObject): PublicEndpoint {
    const access = props.publicNetworkAccess;
    if (isUnknown(access)) return decided("publicNetworkAccess", UNKNOWN);
    if (isOneOf(access, "Disabled") === true) return decided("publicNetworkAccess", "disabled");
    const rules = asList(props.ipRules);
    if (isUnknown(rules)) return decided("ipRules", UNKNOWN);
    if (rules.length > 0) {
        const values: Plain[] = rules.map((r) => (isUnknown(r) ? r : at(r, "ipAddressOrRange")));
        const reaches = values.map(addressOrRangeReach);
        const unknown = reaches.findIndex(isUnknown);
        if (unknown >= 0) return decided(`ipRules[${unknown}].ipAddressOrRange`, UNKNOWN);
        const wide = reaches.findIndex((r) => r !== "limited");
        if (wide >= 0) return decided(`ipRules[${wide}].ipAddressOrRange`, "open");
        return decided("ipRules", togetherInternet(values.map((v) => toRange(v as string)!)) ? "open" : "restricted");
    }
    const filter = asBool(props.isVirtualNetworkFilterEnabled);
    if (isUnknown(filter)) return decided("isVirtualNetworkFilterEnabled", UNKNOWN);
    return decided("publicNetworkAccess", filter === true ? "restricted" : "open");
}

/** The public endpoint of a PHI store; undefined for a type that is not one of AZ_PHI_STORES. */
export function publicEndpoint(store: { type: string; props: PlainObject }): PublicEndpoint | undefined {
    const p = store.props;
    if (AZ_STORAGE_ACCOUNTS.has(store.type)) return withDefaultDeny(p, "", "networkRuleSet.defaultAction");
    // Key Vault nests its settings under `properties`.
    if (AZ_KEY_VAULTS.has(store.type)) return withDefaultDeny(p, "properties.", "networkAcls.defaultAction");
    if (AZ_SQL_SERVERS.has(store.type)) {
        const disabled = isOneOf(p.publicNetworkAccess, "Disabled");
        return decided("publicNetworkAccess", isUnknown(disabled) ? UNKNOWN : disabled ? "disabled" : "open");
    }
    if (AZ_COSMOS_ACCOUNTS.has(store.type)) return cosmos(p);
    return undefined;
}
