/**
 * TLS versions as Azure spells them across services: "1.2" (App Service, SQL), "TLS1_2"
 * (Storage), "Tls12" (some API versions). Returns [major, minor], or undefined when the value
 * names no version ("None", "", garbage).
 */
export function parseTlsVersion(value: string): [number, number] | undefined {
    const m = /^\s*(?:tls)?\s*v?(\d)(?:[._]?(\d))?\s*$/i.exec(value);
    if (!m) return undefined;
    return [Number(m[1]), Number(m[2] ?? 0)];
}

/** True when `value` is a TLS version at least `minimum` ("1.2"). */
export function tlsAtLeast(value: string, minimum: string): boolean {
    const v = parseTlsVersion(value);
    const min = parseTlsVersion(minimum);
    if (!v || !min) return false;
    return v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1]);
}

/**
 * The lowest TLS version a predefined AWS TLS policy accepts, read from its name: load balancer
 * policies (`ELBSecurityPolicy-TLS13-1-2-2021-06`, `ELBSecurityPolicy-FS-1-2-Res-2020-10`) and
 * OpenSearch ones (`Policy-Min-TLS-1-2-2019-07`) name it; the dated ELB policies without it
 * (`ELBSecurityPolicy-2016-08`, the listener default, `-2015-05`, `-FS-2018-06`) accept TLS 1.0.
 * Undefined for a name that is neither.
 */
export function awsTlsPolicyMinimum(name: string): string | undefined {
    const named = /(?:^|-)(?:TLS13|TLS|FS)-(\d)-(\d)(?:-|$)/i.exec(name.trim());
    if (named) return `${named[1]}.${named[2]}`;
    return /^ELBSecurityPolicy-(?:FS-)?20\d\d-\d\d$/i.test(name.trim()) ? "1.0" : undefined;
}
