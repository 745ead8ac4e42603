import * as ipaddr from "ipaddr.js";
import { INTERNET_PREFIX_BITS } from "../nsg-rule";
import { isUnknown, Plain, Unknown, UNKNOWN } from "../values";

/**
 * How far an Azure data-store firewall rule reaches. Azure's own marker 0.0.0.0 (a rule from
 * 0.0.0.0 to 0.0.0.0, or the Cosmos DB ipRules entry "0.0.0.0") means "allow Azure services":
 * every Azure datacenter address, so every VM or function of every Azure tenant.
 */
export type Reach = "internet" | "azure-services" | "limited" | "invalid";

/** An inclusive address range of one family, as numbers. */
export interface Range {
    v6: boolean;
    from: bigint;
    to: bigint;
}

/** As many addresses as the widest CIDR prefix that already counts as "the internet" (isInternetPrefix) covers. */
const internetSize = (v6: boolean): bigint => 1n << BigInt((v6 ? 128 : 32) - (v6 ? INTERNET_PREFIX_BITS.v6 : INTERNET_PREFIX_BITS.v4) + 1);

function address(s: string): { v6: boolean; n: bigint } | undefined {
    const v6 = s.includes(":");
    if (v6 ? !ipaddr.IPv6.isValid(s) : !ipaddr.IPv4.isValidFourPartDecimal(s)) return undefined;
    const bytes = (v6 ? ipaddr.IPv6 : ipaddr.IPv4).parse(s).toByteArray();
    return { v6, n: bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n) };
}

/** The range of a start-end rule, or of one address or CIDR block; undefined when it is not one. */
export function toRange(start: string, end?: string): Range | undefined {
    const s = start.trim();
    if (end === undefined && s.includes("/")) {
        const v6 = s.includes(":");
        const family = v6 ? ipaddr.IPv6 : ipaddr.IPv4;
        if (!family.isValidCIDR(s)) return undefined;
        const [ip, bits] = family.parseCIDR(s);
        const size = 1n << BigInt((v6 ? 128 : 32) - bits);
        const from = address(ip.toString())!.n & ~(size - 1n);
        return { v6, from, to: from + size - 1n };
    }
    const a = address(s);
    const b = end === undefined ? a : address(end.trim());
    if (!a || !b || a.v6 !== b.v6 || b.n < a.n) return undefined;
    return { v6: a.v6, from: a.n, to: b.n };
}

/** How far one range reaches: the whole internet when it is as wide as a /7 (a /15 in IPv6). */
export function reachOf(range: Range | undefined): Reach {
    if (!range) return "invalid";
    if (!range.v6 && range.from === 0n && range.to === 0n) return "azure-services";
    return range.to - range.from + 1n >= internetSize(range.v6) ? "internet" : "limited";
}

/** A start-end rule (SQL, PostgreSQL, MySQL, Synapse, Redis, Mongo cluster firewall rules; SQL's IPv6 rules). */
export function rangeReach(start: Plain, end: Plain): Reach | Unknown {
    if (isUnknown(start) || isUnknown(end)) return UNKNOWN;
    return typeof start === "string" && typeof end === "string" ? reachOf(toRange(start, end)) : "invalid";
}

/** A Cosmos DB ipRules entry: one address or a CIDR range. */
export function addressOrRangeReach(value: Plain): Reach | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    return typeof value === "string" ? reachOf(toRange(value)) : "invalid";
}

/** Whether ranges that are each narrower than the internet together cover as much of it as one rule may not. */
export function togetherInternet(ranges: readonly Range[]): boolean {
    for (const v6 of [false, true]) {
        const sorted = ranges.filter((r) => r.v6 === v6).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        let covered = 0n;
        let end = -1n;
        for (const r of sorted) {
            // Count only what this range adds beyond those before it (rules may overlap).
            const from = r.from > end ? r.from : end + 1n;
            if (r.to >= from) covered += r.to - from + 1n;
            if (r.to > end) end = r.to;
        }
        if (covered >= internetSize(v6)) return true;
    }
    return false;
}
