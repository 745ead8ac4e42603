import * as ipaddr from "ipaddr.js";
import { INTERNET_PREFIX_BITS, isInternetPrefix } from "../nsg-rule";
import { isUnknown, Plain, Unknown, UNKNOWN } from "../values";

/**
 * How far an Azure data-store firewall rule reaches. Azure's own marker 0.0.0.0 (a rule from
 * 0.0.0.0 to 0.0.0.0, or the Cosmos DB ipRules entry "0.0.0.0") means "allow Azure services":
 * every Azure datacenter address, so every VM or function of every Azure tenant.
 */
export type Reach = "internet" | "azure-services" | "limited" | "invalid";

/** As many addresses as the widest CIDR prefix that is not yet "the internet" (a /8) allows, plus one. */
const INTERNET_SIZE = 2 ** (32 - INTERNET_PREFIX_BITS.v4 + 1);

const v4 = (s: string): number | undefined => {
    if (!ipaddr.IPv4.isValidFourPartDecimal(s)) return undefined;
    return ipaddr.IPv4.parse(s).toByteArray().reduce((n, b) => n * 256 + b, 0);
};

/** A start-end rule (SQL, PostgreSQL, MySQL, Synapse, Redis firewall rules); IPv4 only, as Azure accepts. */
export function rangeReach(start: Plain, end: Plain): Reach | Unknown {
    if (isUnknown(start) || isUnknown(end)) return UNKNOWN;
    const from = typeof start === "string" ? v4(start.trim()) : undefined;
    const to = typeof end === "string" ? v4(end.trim()) : undefined;
    if (from === undefined || to === undefined || to < from) return "invalid";
    if (from === 0 && to === 0) return "azure-services";
    return to - from + 1 >= INTERNET_SIZE ? "internet" : "limited";
}

/** A Cosmos DB ipRules entry: one address or a CIDR range. */
export function addressOrRangeReach(value: Plain): Reach | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value !== "string") return "invalid";
    const s = value.trim();
    if (s === "0.0.0.0") return "azure-services";
    if (ipaddr.IPv4.isValidCIDR(s)) return isInternetPrefix(s) ? "internet" : "limited";
    return v4(s) === undefined ? "invalid" : "limited";
}
