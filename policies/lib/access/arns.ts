import { foldCase, hasWildcard, literalPrefix, wildcardMatch, wildcardOverlap } from "../wildcard";

/**
 * What an IAM Resource pattern is compared with: a resource of the stack as an ARN, built from its
 * known ARN or, at preview where the ARN is an output, from its known name. The account and region
 * of such a name-built ARN are not known, so a pattern's own account and region are not held
 * against it (the stack deploys into its own account).
 */
export interface ArnTarget {
    service: string;
    /** Empty when not known. */
    account: string;
    region: string;
    /** The part after the fifth colon: `role/deploy`, `function:intake`, `phi-records`; undefined when the name is not known either. */
    resource?: string;
    /**
     * Where the resource part is not known (an id the cloud assigns at creation, a name unknown at
     * preview): its literal start when the type gives one (`key/`, `file-system/`, `table/`).
     */
    resourceStart?: string;
    /** A longer start that is likely but not certain: the provider's default autoname (`<name>-` and a random suffix). */
    likelyStart?: string;
    /**
     * Other resource parts through which the target's data is read, each followed by `/` and a
     * name: a Redshift cluster's data is read with credentials for `dbuser:<cluster>/<user>` or
     * `dbname:<cluster>/<database>`. A pattern that may name any of them reaches the target.
     */
    aliases?: readonly string[];
}

/**
 * Whether a pattern reaches a target: for sure, or maybe (the target's name is not known at
 * preview and the pattern names some resources of its kind: it may be one of them), or not.
 */
export type PatternMatch = "yes" | "maybe" | "no";

/** The parts of an ARN, undefined for anything else. */
export function parseArn(arn: string): (ArnTarget & { resource: string }) | undefined {
    const parts = arn.trim().split(":");
    if (parts.length < 6 || parts[0].toLowerCase() !== "arn") return undefined;
    return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/** Two resource ids no pattern names literally, of different lengths: a pattern matching both after a start matches whatever follows it. */
const ANY_IDS = ["\u0001", "\u0002\u0003-any/id"];

/**
 * Whether a Resource pattern reaches the target, or anything inside it (an object of a bucket, an
 * item of a table: `arn:aws:s3:::records/*` reaches the bucket `records`). A target whose name is
 * not known yet is reached for sure by a pattern that names every resource of its kind
 * (`key/*` every key), maybe by one that names some (`key/1234abcd-*`): the graph draws that grant
 * unverified rather than dropping it.
 */
export function patternMatch(pattern: string, target: ArnTarget): PatternMatch {
    const p = pattern.trim();
    if (p === "*") return "yes";
    const parts = parseArn(p);
    if (!parts) return "no";
    if (!wildcardMatch(parts.service, target.service)) return "no";
    if (target.account !== "" && !wildcardMatch(parts.account, target.account)) return "no";
    if (target.region !== "" && !wildcardMatch(parts.region, target.region)) return "no";
    const reaches = (resource: string) => wildcardMatch(parts.resource, resource) || wildcardMatch(parts.resource, `${resource}/x`);
    if (target.resource !== undefined) return reaches(target.resource) || (target.aliases ?? []).some((a) => wildcardOverlap(parts.resource, `${a}/*`)) ? "yes" : "no";
    if (/^[*?]*$/.test(parts.resource)) return "yes";
    const start = target.resourceStart;
    if (start === undefined) return "maybe";
    if (ANY_IDS.every((id) => reaches(`${start}${id}`))) return "yes";
    const literal = foldCase(literalPrefix(parts.resource));
    const own = foldCase(target.likelyStart ?? start);
    return literal.startsWith(own) || own.startsWith(literal) ? "maybe" : "no";
}

interface Indexed<T> {
    item: T;
    target: ArnTarget;
    order: number;
    /** The resource part in one case (foldCase), when known. */
    key?: string;
}

/**
 * Targets of one kind (stores, keys, roles, functions) indexed by service and resource, so that a
 * Resource pattern is compared only with the targets its literal start can reach: a statement
 * naming one bucket costs a lookup, not a pass over every bucket. What each distinct pattern
 * reaches is kept, so a pattern many principals share (`*`, `arn:aws:s3:::*`) is matched once.
 * `spend` is told each comparison made, for the graph's bound on work.
 */
export class ArnIndex<T> {
    private readonly all: Indexed<T>[];
    /** By folded service: the targets with a known resource sorted by it, and those without. */
    private readonly byService = new Map<string, { sorted: Indexed<T>[]; nameless: Indexed<T>[] }>();
    private readonly reachedBy = new Map<string, { yes: readonly T[]; maybe: readonly T[] }>();

    constructor(items: readonly { item: T; target: ArnTarget }[], private readonly spend: (units: number) => void) {
        this.all = items.map(({ item, target }, order) => ({ item, target, order, key: target.resource === undefined ? undefined : foldCase(target.resource) }));
        for (const t of this.all) {
            const service = foldCase(t.target.service);
            let bucket = this.byService.get(service);
            if (!bucket) this.byService.set(service, (bucket = { sorted: [], nameless: [] }));
            (t.key === undefined ? bucket.nameless : bucket.sorted).push(t);
            // Found also by its aliases (a pattern `dbuser:<cluster>/...` looks up `dbuser:<cluster>`).
            if (t.key !== undefined) for (const alias of t.target.aliases ?? []) bucket.sorted.push({ ...t, key: foldCase(alias) });
        }
        for (const t of this.all) this.orderOf.set(t.item, t.order);
        for (const b of this.byService.values()) b.sorted.sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
    }

    get size(): number {
        return this.all.length;
    }

    /** The targets a pattern reaches for sure (patternMatch), in the order they were given. */
    reached(pattern: string): readonly T[] {
        return this.matched(pattern).yes;
    }

    /** The targets a pattern may reach: their names are not known at preview (patternMatch). */
    maybeReached(pattern: string): readonly T[] {
        return this.matched(pattern).maybe;
    }

    /** The targets any of several patterns reaches for sure, in the order they were given. */
    reachedByAny(patterns: readonly string[]): readonly T[] {
        return this.ordered(new Set(patterns.flatMap((p) => this.reached(p))));
    }

    /** The targets some of several patterns may reach and none reaches for sure. */
    maybeReachedByAny(patterns: readonly string[]): readonly T[] {
        const sure = new Set(patterns.flatMap((p) => this.reached(p)));
        return this.ordered(new Set(patterns.flatMap((p) => this.maybeReached(p)).filter((t) => !sure.has(t))));
    }

    private ordered(found: Set<T>): readonly T[] {
        this.spend(found.size);
        return [...found].sort((a, b) => this.orderOf.get(a)! - this.orderOf.get(b)!);
    }

    private readonly orderOf = new Map<T, number>();

    private matched(pattern: string): { yes: readonly T[]; maybe: readonly T[] } {
        const p = pattern.trim();
        let found = this.reachedBy.get(p);
        if (!found) this.reachedBy.set(p, (found = this.match(p)));
        return found;
    }

    private match(pattern: string): { yes: readonly T[]; maybe: readonly T[] } {
        if (pattern === "*") return { yes: this.all.map((t) => t.item), maybe: [] };
        const parts = parseArn(pattern);
        if (!parts) return { yes: [], maybe: [] };
        const candidates = hasWildcard(parts.service) ? this.all : this.candidates(this.byService.get(foldCase(parts.service)), foldCase(literalPrefix(parts.resource)));
        this.spend(candidates.length);
        const yes: Indexed<T>[] = [];
        const maybe: Indexed<T>[] = [];
        const seen = new Set<number>();
        for (const t of candidates) {
            // A target indexed under its aliases too is judged once.
            if (seen.has(t.order)) continue;
            seen.add(t.order);
            const m = patternMatch(pattern, t.target);
            if (m === "yes") yes.push(t);
            else if (m === "maybe") maybe.push(t);
        }
        const items = (list: Indexed<T>[]) => list.sort((a, b) => a.order - b.order).map((t) => t.item);
        return { yes: items(yes), maybe: items(maybe) };
    }

    /**
     * The targets of a service a resource pattern may reach from its literal start: those whose
     * resource starts with it, those it names something inside (`records/` reaches `records`),
     * and those whose name is not known yet (patternMatch tells whether it reaches them).
     */
    private candidates(bucket: { sorted: Indexed<T>[]; nameless: Indexed<T>[] } | undefined, prefix: string): Indexed<T>[] {
        if (!bucket) return [];
        if (prefix === "") return [...bucket.sorted, ...bucket.nameless];
        const { sorted } = bucket;
        const out: Indexed<T>[] = [...bucket.nameless];
        for (let i = this.lowerBound(sorted, prefix); i < sorted.length && sorted[i].key!.startsWith(prefix); i++) out.push(sorted[i]);
        // A pattern `records/...` reaches the bucket `records` itself (see patternMatch).
        for (let i = prefix.indexOf("/"); i >= 0; i = prefix.indexOf("/", i + 1)) {
            const owner = prefix.slice(0, i);
            for (let j = this.lowerBound(sorted, owner); j < sorted.length && sorted[j].key === owner; j++) out.push(sorted[j]);
        }
        return out;
    }

    private lowerBound(sorted: Indexed<T>[], key: string): number {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (sorted[mid].key! < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
