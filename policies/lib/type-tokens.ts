/**
 * Resource type tokens. Azure Native publishes every resource under a default module and under
 * API-versioned modules (`azure-native:storage/v20230101:StorageAccount`); AWS renames resources
 * across major versions (`Bucket` / `BucketV2`). A control lists the canonical tokens it covers and
 * matches any alias or versioned form of them.
 */

const AZURE_VERSIONED = /^azure-native:([^/:]+)\/v[0-9a-z]+:/i;

// A stack has few distinct types, and every control asks about each resource's: remember them.
const canonicalOf = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

/** Drops the API version from an azure-native token; other tokens are returned as they are. */
export function canonicalType(token: string): string {
    let canonical = canonicalOf.get(token);
    if (canonical === undefined) {
        canonical = token.replace(AZURE_VERSIONED, "azure-native:$1:");
        if (canonicalOf.size >= MAX_REMEMBERED) canonicalOf.clear();
        canonicalOf.set(token, canonical);
    }
    return canonical;
}

export class TypeSet {
    private readonly tokens: ReadonlySet<string>;
    /** Answers by token: every resource policy asks about every resource's type, and a stack has few types. */
    private readonly answers = new Map<string, boolean>();
    constructor(readonly canonical: readonly string[]) {
        this.tokens = new Set(canonical);
    }
    has(token: string): boolean {
        let answer = this.answers.get(token);
        if (answer === undefined) {
            answer = this.tokens.has(token) || this.tokens.has(canonicalType(token));
            if (this.answers.size >= MAX_REMEMBERED) this.answers.clear();
            this.answers.set(token, answer);
        }
        return answer;
    }
}

export const types = (...tokens: string[]): TypeSet => new TypeSet(tokens);

/** Every token of the given sets, in one set. */
export const unionOf = (...sets: TypeSet[]): TypeSet => new TypeSet(sets.flatMap((s) => s.canonical));
