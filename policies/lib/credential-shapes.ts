/**
 * Recognises credentials written as plain text in configuration (environment variables, parameters,
 * app settings): by the shape of the value, or by a credential-like name holding a literal value.
 * Callers report only the name and the kind returned here, never the value.
 */

const VALUE_SHAPES: { kind: string; re: RegExp }[] = [
    { kind: "a private key", re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/ },
    { kind: "an AWS access key id", re: /(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/ },
    { kind: "a connection string with a password", re: /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:[^\s@/]+@/i },
    { kind: "a connection string with a password", re: /(^|;)\s*(password|pwd)\s*=\s*[^;\s]/i },
    { kind: "a connection string with an account key", re: /(^|;)\s*(AccountKey|SharedAccessKey)\s*=\s*[^;\s]/i },
    { kind: "a shared access signature", re: /(^|[?&;])sig=[A-Za-z0-9%+/=]{16,}/ },
    { kind: "a GitHub token", re: /\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,})\b/ },
    { kind: "a Slack token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
    { kind: "a Stripe secret key", re: /\b[sr]k_live_[A-Za-z0-9]{16,}/ },
    { kind: "a GitLab token", re: /\bglpat-[A-Za-z0-9_-]{20,}/ },
];

/** Forty base64 characters: the shape of an AWS secret access key (checked only under a secret-like name). */
const AWS_SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

const SECRET_WORDS = new Set(["password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "credential", "credentials", "privatekey", "secretkey"]);
const SECRET_PAIRS = new Set(["api key", "access key", "private key", "secret key", "client secret", "auth token", "signing key", "encryption key", "master key", "connection string", "conn string", "conn str"]);
/** A final word that makes the variable a reference to a secret, or a setting about it, not the secret itself. */
const REFERENCE_SUFFIXES = new Set(["arn", "name", "id", "path", "param", "parameter", "url", "uri", "file", "endpoint", "ref", "region", "ttl", "length", "policy", "enabled", "header", "type", "version", "expiry", "expires", "rotation", "location", "dir", "prefix", "field", "kms", "size", "count", "limit", "timeout", "seconds", "minutes", "max", "min", "mode", "format", "audience", "issuer", "scope", "scopes", "algorithm", "lifetime", "duration"]);

function words(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== "");
}

/** Whether a variable or parameter name says that it holds a credential. */
export function isCredentialName(name: string): boolean {
    const w = words(name);
    if (w.length === 0 || REFERENCE_SUFFIXES.has(w[w.length - 1])) return false;
    if (w.some((x) => SECRET_WORDS.has(x))) return true;
    for (let i = 0; i + 1 < w.length; i++) if (SECRET_PAIRS.has(`${w[i]} ${w[i + 1]}`)) return true;
    return false;
}

/** Values that point at a secret store rather than holding the secret. */
function isReference(value: string): boolean {
    const v = value.trim();
    return /^@Microsoft\.(KeyVault|AppConfiguration)\(.*\)$/is.test(v) || /^arn:/i.test(v) || /^\{\{resolve:/i.test(v) || /^\$\{[^}]+\}$/.test(v) || /^\/[\w.\-/]+$/.test(v) || /^(true|false)$/i.test(v);
}

/**
 * The `key=value;` pairs of a connection string (two or more), or undefined for any other value.
 * A connection string holds a credential only under a credential key: one that signs in with a
 * managed identity, or an Application Insights connection string, names resources and holds none.
 */
function connectionPairs(value: string): [string, string][] | undefined {
    const parts = value.trim().replace(/;$/, "").split(";");
    // One pair is a connection string only when it holds an identifier (`InstrumentationKey=<guid>`), not a password with `=` in it.
    if (parts.length < 2 && !/=\s*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i.test(value)) return undefined;
    const pairs: [string, string][] = [];
    for (const part of parts) {
        const m = /^\s*([A-Za-z][A-Za-z0-9 _.-]*?)\s*=(.*)$/.exec(part);
        if (!m) return undefined;
        pairs.push([m[1], m[2].trim()]);
    }
    return pairs;
}

/**
 * A variable's name as it may appear in a message: names are identifiers, but one that is not
 * shaped like an identifier, or is itself shaped like a credential, is never repeated.
 */
export function shownName(name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/.test(name) && !credentialKind("", name) ? name : "<name withheld>";
}

/**
 * The kind of credential a name/value pair holds in plain text, or undefined. A secret-like name
 * counts only with a literal value; a value shaped like a key counts under any name.
 */
export function credentialKind(name: string, value: string): string | undefined {
    for (const { kind, re } of VALUE_SHAPES) if (re.test(value)) return kind;
    const pairs = connectionPairs(value);
    if (pairs) return pairs.some(([k, v]) => v !== "" && isCredentialName(k)) ? "a connection string with a secret" : undefined;
    const secretName = isCredentialName(name);
    if (secretName && AWS_SECRET_KEY.test(value.trim())) return "an AWS secret access key or similar key";
    if (secretName && value.trim() !== "" && !isReference(value)) return "a literal credential";
    return undefined;
}
