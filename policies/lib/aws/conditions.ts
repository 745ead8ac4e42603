import { isPublicPrincipal, Statement } from "../iam-document";
import { asList, isObject, isUnknown, Plain, Unknown, UNKNOWN } from "../values";

/**
 * The one reader of IAM Condition blocks: which keys carry a real limit. A condition restricts only
 * when the statement cannot apply without it and its values exclude somebody:
 * - `...IfExists` operators and `ForAllValues:` hold when the key is absent, `Null` tests presence,
 *   and negated operators (`StringNotEquals`, `ArnNotLike`...) admit everyone but the values listed;
 * - a value made of wildcards matches anybody, and so do an organisation id `o-*`, an ARN whose
 *   account is a wildcard (`arn:aws:iam::*:role/x`, `arn:aws:sns:*:*:topic`) and an account id
 *   with a wildcard. Under `StringEquals` such a value matches only itself, so the statement would
 *   grant nothing; it is still read as no limit, since it shows an intent nobody can rely on.
 * An unknown value is another resource's output (an ARN, an id), which is a real limit.
 */

/** Condition keys that limit who or where a request comes from: what makes a `Principal: "*"` safe. */
export const CALLER_KEYS: readonly string[] = [
    "aws:sourcearn",
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
];

const ACCOUNT_KEYS = new Set(["aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "aws:resourceaccount"]);
const ORG_ID_KEYS = new Set(["aws:principalorgid", "aws:sourceorgid", "aws:resourceorgid"]);
const ORG_PATH_KEYS = new Set(["aws:principalorgpaths", "aws:sourceorgpaths", "aws:resourceorgpaths"]);
const WILD = /[*?]/;

/** Whether one value of `key` excludes some callers or resources. */
export function valueRestricts(key: string, value: string): boolean {
    const v = value.trim();
    if (/^[\s*?]*$/.test(v)) return false;
    const k = key.toLowerCase();
    if (ACCOUNT_KEYS.has(k)) return !WILD.test(v);
    if (ORG_ID_KEYS.has(k)) return /^o-[a-z0-9]+$/i.test(v);
    if (ORG_PATH_KEYS.has(k)) return /^o-[a-z0-9]+\//i.test(v);
    if (k === "aws:sourceip") return !/^(0\.0\.0\.0\/0|::\/0)$/.test(v);
    if (/^arn:/i.test(v)) return arnRestricts(v);
    return true;
}

/**
 * An ARN pattern restricts when it fixes an account (`arn:aws:iam::111122223333:role/*`) or, for
 * services whose ARNs have none (S3), a literal start of the resource name (`arn:aws:s3:::logs-*`).
 */
function arnRestricts(arn: string): boolean {
    const parts = arn.split(":");
    if (parts.length < 6) return !WILD.test(arn);
    const account = parts[4];
    if (account !== "") return !WILD.test(account);
    const resource = parts.slice(5).join(":");
    return resource !== "" && !WILD.test(resource[0]);
}

/** Operators that hold when the key is absent, test only its presence, or admit all but the values listed. */
function operatorIgnored(operator: string): boolean {
    const op = operator.trim().toLowerCase();
    return op.endsWith("ifexists") || op.startsWith("forallvalues:") || op === "null" || op.includes("not");
}

/** Whether a key's values restrict: "unknown" when only values unknown at preview could. */
function valuesRestrict(key: string, value: Plain): boolean | "unknown" {
    const values = asList(value);
    if (isUnknown(values)) return "unknown";
    if (values.some((v) => typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && valueRestricts(key, v)))) return true;
    return values.some(isUnknown) ? "unknown" : false;
}

/** Each key of the operators that can restrict, with whether its values do; UNKNOWN when a block is unknown. */
function keyReadings(s: Pick<Statement, "condition">): [string, boolean | "unknown"][] | Unknown {
    if (s.condition === undefined) return [];
    if (isUnknown(s.condition)) return UNKNOWN;
    const out: [string, boolean | "unknown"][] = [];
    for (const [operator, block] of Object.entries(s.condition)) {
        if (operatorIgnored(operator)) continue;
        if (isUnknown(block)) return UNKNOWN;
        if (!isObject(block)) continue;
        for (const [key, value] of Object.entries(block)) out.push([key.toLowerCase(), valuesRestrict(key, value)]);
    }
    return out;
}

/**
 * The condition keys (lower case) of a statement whose values really restrict what a grant reaches;
 * a value unknown at preview is another resource's ARN or id, so it counts. UNKNOWN when the
 * Condition or an operator block is unknown at preview.
 */
export function constrainedKeys(s: Pick<Statement, "condition">): string[] | Unknown {
    const readings = keyReadings(s);
    return isUnknown(readings) ? UNKNOWN : readings.filter(([, r]) => r !== false).map(([k]) => k);
}

/**
 * Whether a statement's conditions really restrict the caller through one of `keys` (CALLER_KEYS
 * by default). Opening a resource to `Principal: "*"` is judged strictly: a caller key whose only
 * values are unknown at preview cannot be shown to restrict, so the answer is UNKNOWN.
 */
export function restrictsCaller(s: Pick<Statement, "condition">, keys: readonly string[] = CALLER_KEYS): boolean | Unknown {
    const readings = keyReadings(s);
    if (isUnknown(readings)) return UNKNOWN;
    const caller = readings.filter(([k]) => keys.includes(k));
    if (caller.some(([, r]) => r === true)) return true;
    return caller.some(([, r]) => r === "unknown") ? UNKNOWN : false;
}

/**
 * The values a statement's conditions require for `keys` (lower case), from the operators that can
 * restrict, each a value that really restricts or one unknown at preview; UNKNOWN when the
 * Condition or an operator block is unknown. Under a positive operator the request must match one
 * of them, so these are everything the statement admits through that key.
 */
export function requiredValues(s: Pick<Statement, "condition">, keys: readonly string[]): (string | Unknown)[] | Unknown {
    if (s.condition === undefined) return [];
    if (isUnknown(s.condition)) return UNKNOWN;
    const out: (string | Unknown)[] = [];
    for (const [operator, block] of Object.entries(s.condition)) {
        if (operatorIgnored(operator)) continue;
        if (isUnknown(block)) return UNKNOWN;
        if (!isObject(block)) continue;
        for (const [key, value] of Object.entries(block)) {
            if (!keys.includes(key.toLowerCase())) continue;
            const values = asList(value);
            if (isUnknown(values)) return UNKNOWN;
            for (const v of values) if (isUnknown(v) || (typeof v === "string" && valueRestricts(key, v))) out.push(isUnknown(v) ? v : v.trim());
        }
    }
    return out;
}

/**
 * Whether an Allow statement lets everyone in: Principal `*` (any kind listing `*`) or NotPrincipal
 * (which reaches everyone it does not name), with no condition that restricts the caller through
 * `keys`. UNKNOWN when a principal or condition unknown at preview decides. Every control that
 * judges a resource policy for public access asks this, so they agree on what "public" means.
 */
export function allowsEveryone(s: Statement, keys: readonly string[] = CALLER_KEYS): boolean | Unknown {
    const open = s.notPrincipal !== undefined ? (isUnknown(s.notPrincipal) ? UNKNOWN : true) : isPublicPrincipal(s.principal);
    if (open === false) return false;
    const restricted = restrictsCaller(s, keys);
    if (restricted === true) return false;
    return open === true && restricted === false ? true : UNKNOWN;
}
