import { isUnknown, Plain, Unknown, UNKNOWN } from "./values";

/** Case-insensitive comparison with one of the given enum-like values (`Disabled`, `TLS1_2`). */
export function isOneOf(v: Plain, ...values: string[]): boolean | Unknown {
    if (isUnknown(v)) return UNKNOWN;
    return typeof v === "string" && values.some((x) => x.toLowerCase() === v.trim().toLowerCase());
}

/**
 * Presence check for references and dates (a key URI, a workspace id, an expiry): a value unknown
 * at preview is an output of another resource or a computed value, so it will be set.
 */
export function isPresent(v: Plain): boolean {
    return isUnknown(v) || typeof v === "number" || (typeof v === "string" && v.trim() !== "");
}
