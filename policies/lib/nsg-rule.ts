import * as ipaddr from "ipaddr.js";
import { asList, isObject, isUnknown, Plain, PlainObject, Unknown, UNKNOWN } from "./values";

/** One NSG rule as written inline in `securityRules` or as a standalone SecurityRule. */
export interface NsgRule {
    at: string;
    props: PlainObject;
}

/** Rules of a NetworkSecurityGroup (inline) or the standalone SecurityRule itself. */
export function nsgRules(type: string, props: PlainObject): NsgRule[] | Unknown {
    if (!/:NetworkSecurityGroup$/.test(type)) return [{ at: "", props }];
    const list = asList(props.securityRules);
    if (isUnknown(list)) return UNKNOWN;
    const out: NsgRule[] = [];
    for (let i = 0; i < list.length; i++) {
        const rule = list[i];
        if (isUnknown(rule)) return UNKNOWN;
        // Some API versions nest the fields under `properties`.
        if (isObject(rule)) out.push({ at: `securityRules[${i}].`, props: isObject(rule.properties) ? { ...rule, ...rule.properties } : rule });
    }
    return out;
}

export function ruleField(rule: NsgRule, field: string): string {
    return `${rule.at}${field}`;
}

/** Case-insensitive equality for enum-like fields (`Outbound`, `Allow`). */
export function isValue(v: Plain, expected: string): boolean | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    return typeof v === "string" && v.trim().toLowerCase() === expected.toLowerCase();
}

/** The address prefixes of one side of a rule, single and plural forms together. */
export function addressPrefixes(rule: NsgRule, side: "source" | "destination"): string[] | Unknown {
    const single = rule.props[`${side}AddressPrefix`];
    const plural = asList(rule.props[`${side}AddressPrefixes`]);
    if (isUnknown(single) || isUnknown(plural) || plural.some(isUnknown)) return UNKNOWN;
    return [single, ...plural].filter((p): p is string => typeof p === "string" && p.trim() !== "").map((p) => p.trim());
}

/** A CIDR prefix shorter than this many bits is the internet in pieces (`0.0.0.0/1` + `128.0.0.0/1`); a /7 is already 2% of it. */
export const INTERNET_PREFIX_BITS = { v4: 8, v6: 16 } as const;

/**
 * True for prefixes that mean "anywhere on the internet": `*`, `Any`, the `Internet` service tag,
 * and CIDR ranges so wide that they are the internet in pieces (`0.0.0.0/1` + `128.0.0.0/1`).
 */
export function isInternetPrefix(prefix: string): boolean {
    let answer = internetPrefixes.get(prefix);
    if (answer === undefined) {
        answer = judgeInternetPrefix(prefix);
        if (internetPrefixes.size >= MAX_REMEMBERED) internetPrefixes.clear();
        internetPrefixes.set(prefix, answer);
    }
    return answer;
}

// A stack's rules repeat few prefixes, and parsing a CIDR was a visible part of judging each rule.
const internetPrefixes = new Map<string, boolean>();
const MAX_REMEMBERED = 10_000;

function judgeInternetPrefix(prefix: string): boolean {
    const p = prefix.trim().toLowerCase();
    if (p === "*" || p === "any" || p === "internet" || p === "0.0.0.0" || p === "::") return true;
    // Pick the family first: ipaddr's family-agnostic parse tries IPv6 and fails by exception.
    const v6 = p.includes(":");
    const family = v6 ? ipaddr.IPv6 : ipaddr.IPv4;
    if (!family.isValidCIDR(p)) return false;
    const [, bits] = family.parseCIDR(p);
    return bits < (v6 ? INTERNET_PREFIX_BITS.v6 : INTERNET_PREFIX_BITS.v4);
}

/** Port ranges of a rule (single and plural forms); `*` stands for every port. */
export function portRanges(rule: NsgRule, side: "source" | "destination"): [number, number][] | Unknown {
    const single = rule.props[`${side}PortRange`];
    const plural = asList(rule.props[`${side}PortRanges`]);
    if (isUnknown(single) || isUnknown(plural) || plural.some(isUnknown)) return UNKNOWN;
    const out: [number, number][] = [];
    for (const raw of [single, ...plural]) {
        if (typeof raw === "number") out.push([raw, raw]);
        if (typeof raw !== "string" || raw.trim() === "") continue;
        const s = raw.trim();
        if (s === "*") out.push([0, 65535]);
        const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(s);
        if (m) out.push([Number(m[1]), Number(m[2] ?? m[1])]);
    }
    return out;
}

/** True when one of the ranges includes the port. */
export function coversPort(ranges: readonly [number, number][], port: number): boolean {
    return ranges.some(([lo, hi]) => lo <= port && port <= hi);
}

/** True when the ranges open every port (`*`, `0-65535`, `1-65535`). */
export function coversAllPorts(ranges: readonly [number, number][]): boolean {
    return ranges.some(([lo, hi]) => lo <= 1 && hi >= 65535);
}
