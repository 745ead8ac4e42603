/**
 * IAM-style wildcard matching: `*` matches any run of characters (including `:` and `/`), `?` one
 * character, case-insensitive unless asked (Pulumi names and URNs are case-sensitive). Filesystem
 * glob libraries treat `/` as a separator, which ARNs and actions do not, so this is the one place
 * the matching is written.
 *
 * It walks both strings instead of compiling a regular expression: patterns come from every policy
 * document of a stack (each ARN a new pattern), so compiling and caching one expression per
 * pattern cost more than the matches and kept every pattern alive.
 */
export function wildcardMatch(pattern: string, value: string, caseSensitive = false): boolean {
    let p = 0;
    let v = 0;
    // The last `*` seen and the value position it was tried at: on a mismatch, let it eat one more character.
    let star = -1;
    let resume = 0;
    while (v < value.length) {
        const c = pattern.charCodeAt(p);
        if (p < pattern.length && c !== STAR && (c === QUESTION || c === value.charCodeAt(v) || (!caseSensitive && sameChar(c, value.charCodeAt(v))))) {
            p++;
            v++;
        } else if (c === STAR) {
            star = p++;
            resume = v;
        } else if (star >= 0) {
            p = star + 1;
            v = ++resume;
        } else {
            return false;
        }
    }
    while (pattern.charCodeAt(p) === STAR) p++;
    return p === pattern.length;
}

const STAR = 42; // *
const QUESTION = 63; // ?

/**
 * Case-insensitive equality of two UTF-16 code units, as a regular expression's `i` flag (without
 * `u`) compares them: by upper case, where a character outside ASCII never equals one inside it.
 */
function sameChar(a: number, b: number): boolean {
    if (a === b) return true;
    if (a < 128 && b < 128) return (a | 32) === (b | 32) && ((a | 32) >= 97 && (a | 32) <= 122);
    return canonical(a) === canonical(b);
}

function canonical(c: number): number {
    const upper = String.fromCharCode(c).toUpperCase();
    if (upper.length !== 1) return c;
    const u = upper.charCodeAt(0);
    return c >= 128 && u < 128 ? c : u;
}

/** The text in one case, as wildcardMatch compares it: two strings fold alike exactly when they match without wildcards. */
export function foldCase(s: string): string {
    // Within ASCII that is upper case; outside it, a character's upper case unless that falls in ASCII.
    if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
    let out = "";
    for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        out += String.fromCharCode(c >= 97 && c <= 122 ? c - 32 : c < 128 ? c : canonical(c));
    }
    return out;
}

export const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

/**
 * True when a pattern could match some value that `target` matches: used to ask whether an allowed
 * pattern (`s3:Get*`) reaches a sensitive family (`s3:GetObject*`). Exact when either side has no
 * wildcard; for two wildcard patterns it compares the literal prefixes, which is what IAM action
 * patterns use in practice.
 */
export function wildcardOverlap(pattern: string, target: string): boolean {
    if (!hasWildcard(target)) return wildcardMatch(pattern, target);
    if (!hasWildcard(pattern)) return wildcardMatch(target, pattern);
    const a = literalPrefix(pattern).toLowerCase();
    const b = literalPrefix(target).toLowerCase();
    return a.startsWith(b) || b.startsWith(a);
}

/** The characters before the first wildcard. */
export function literalPrefix(p: string): string {
    const i = p.search(/[*?]/);
    return i < 0 ? p : p.slice(0, i);
}
