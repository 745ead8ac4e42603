/**
 * IAM-style wildcard matching: `*` matches any run of characters (including `:` and `/`), `?` one
 * character, case-insensitive unless asked (Pulumi names and URNs are case-sensitive). Filesystem
 * glob libraries treat `/` as a separator, which ARNs and actions do not, so this is the one place
 * the translation to a regular expression is written.
 */
const cache = new Map<string, RegExp>();

export function wildcardRegExp(pattern: string, caseSensitive = false): RegExp {
    const key = `${caseSensitive ? "s" : "i"}${pattern}`;
    let re = cache.get(key);
    if (!re) {
        const body = pattern
            .split("")
            .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
            .join("");
        re = new RegExp(`^${body}$`, caseSensitive ? "s" : "is");
        cache.set(key, re);
    }
    return re;
}

export function wildcardMatch(pattern: string, value: string, caseSensitive = false): boolean {
    return wildcardRegExp(pattern, caseSensitive).test(value);
}

/**
 * True when a pattern could match some value that `target` matches: used to ask whether an allowed
 * pattern (`s3:Get*`) reaches a sensitive family (`s3:GetObject*`). Exact when either side has no
 * wildcard; for two wildcard patterns it compares the literal prefixes, which is what IAM action
 * patterns use in practice.
 */
export function wildcardOverlap(pattern: string, target: string): boolean {
    if (!/[*?]/.test(target)) return wildcardMatch(pattern, target);
    if (!/[*?]/.test(pattern)) return wildcardMatch(target, pattern);
    const a = literalPrefix(pattern).toLowerCase();
    const b = literalPrefix(target).toLowerCase();
    return a.startsWith(b) || b.startsWith(a);
}

function literalPrefix(p: string): string {
    const i = p.search(/[*?]/);
    return i < 0 ? p : p.slice(0, i);
}
