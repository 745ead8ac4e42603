import { foldCase, hasWildcard, literalPrefix, wildcardMatch } from "../wildcard";

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
}

/** The parts of an ARN, undefined for anything else. */
export function parseArn(arn: string): (ArnTarget & { resource: string }) | undefined {
    const parts = arn.trim().split(":");
    if (parts.length < 6 || parts[0].toLowerCase() !== "arn") return undefined;
    return { service: parts[2], region: parts[3], account: parts[4], resource: parts.slice(5).join(":") };
}

/**
 * Whether a Resource pattern reaches the target, or anything inside it (an object of a bucket, an
 * item of a table: `arn:aws:s3:::records/*` reaches the bucket `records`).
 */
export function patternReaches(pattern: string, target: ArnTarget): boolean {
    const p = pattern.trim();
    if (p === "*") return true;
    const parts = parseArn(p);
    if (!parts) return false;
    if (!wildcardMatch(parts.service, target.service)) return false;
    if (target.account !== "" && !wildcardMatch(parts.account, target.account)) return false;
    if (target.region !== "" && !wildcardMatch(parts.region, target.region)) return false;
    // A resource whose name is not known yet is reached only by a pattern that names no resource.
    if (target.resource === undefined) return /^[*?]*$/.test(parts.resource);
    return wildcardMatch(parts.resource, target.resource) || wildcardMatch(parts.resource, `${target.resource}/x`);
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
    private readonly reachedBy = new Map<string, readonly T[]>();

    constructor(items: readonly { item: T; target: ArnTarget }[], private readonly spend: (units: number) => void) {
        this.all = items.map(({ item, target }, order) => ({ item, target, order, key: target.resource === undefined ? undefined : foldCase(target.resource) }));
        for (const t of this.all) {
            const service = foldCase(t.target.service);
            let bucket = this.byService.get(service);
            if (!bucket) this.byService.set(service, (bucket = { sorted: [], nameless: [] }));
            (t.key === undefined ? bucket.nameless : bucket.sorted).push(t);
        }
        for (const t of this.all) this.orderOf.set(t.item, t.order);
        for (const b of this.byService.values()) b.sorted.sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
    }

    get size(): number {
        return this.all.length;
    }

    /** The targets a pattern reaches (patternReaches), in the order they were given. */
    reached(pattern: string): readonly T[] {
        const p = pattern.trim();
        let found = this.reachedBy.get(p);
        if (!found) this.reachedBy.set(p, (found = this.match(p)));
        return found;
    }

    /** The targets any of several patterns reaches, in the order they were given. */
    reachedByAny(patterns: readonly string[]): readonly T[] {
        const found = new Set(patterns.flatMap((p) => this.reached(p)));
        this.spend(found.size);
        return [...found].sort((a, b) => this.orderOf.get(a)! - this.orderOf.get(b)!);
    }

    private readonly orderOf = new Map<T, number>();

    private match(pattern: string): readonly T[] {
        if (pattern === "*") return this.all.map((t) => t.item);
        const parts = parseArn(pattern);
        if (!parts) return [];
        const candidates = hasWildcard(parts.service) ? this.all : this.candidates(this.byService.get(foldCase(parts.service)), foldCase(literalPrefix(parts.resource)));
        this.spend(candidates.length);
        return candidates
            .filter((t) => patternReaches(pattern, t.target))
            .sort((a, b) => a.order - b.order)
            .map((t) => t.item);
    }

    /**
     * The targets of a service a resource pattern may reach from its literal start: those whose
     * resource starts with it, those it names something inside (`records/` reaches `records`),
     * and, for a pattern of wildcards only, those whose name is not known yet.
     */
    private candidates(bucket: { sorted: Indexed<T>[]; nameless: Indexed<T>[] } | undefined, prefix: string): Indexed<T>[] {
        if (!bucket) return [];
        if (prefix === "") return [...bucket.sorted, ...bucket.nameless];
        const { sorted } = bucket;
        const out: Indexed<T>[] = [];
        for (let i = this.lowerBound(sorted, prefix); i < sorted.length && sorted[i].key!.startsWith(prefix); i++) out.push(sorted[i]);
        // A pattern `records/...` reaches the bucket `records` itself (see patternReaches).
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
