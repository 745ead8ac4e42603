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
