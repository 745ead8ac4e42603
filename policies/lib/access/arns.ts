import { wildcardMatch } from "../wildcard";

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
