import type { CheckContext } from "../../control";
import type { BoundarySettings } from "../core/boundary";
import { StackIndex, StackResource } from "../stack-index";
import { canonicalType } from "../type-tokens";
import { asList, isObject, isUnknown, Plain, PlainObject } from "../values";

/**
 * The one place that decides whether an AWS account is inside the organisation's boundary. Inside
 * are the configured trusted accounts (pack-wide settings, lib/core/boundary.ts) and the scan's
 * placeholder caller identity; with no trusted account configured, the stack's own accounts where
 * the stack shows them:
 * - the aws providers' `allowedAccountIds` and the accounts of the roles they assume, read from
 *   provider resources and from the provider each resource carries in AnalyzeStack (the engine
 *   sends the provider's inputs with every resource: pkg/resource/deploy/step_generator.go,
 *   AnalyzerProviderResource.Properties);
 * - the account of every known `arn` output of the stack's own resources.
 * The placeholder (engine/invokes.ts) stands for the caller's own account wherever a program asked
 * `aws.getCallerIdentity()` under the scan.
 * With nothing configured and no own account shown, an account other than those cannot be judged:
 * controls say so once per stack (reportUndecided) instead of once per resource.
 */

/** The account the scan answers `aws.getCallerIdentity()` with: clearly not real, and the caller's own. */
export const PLACEHOLDER_AWS_ACCOUNT = "000000000000";

const ACCOUNT = /^\d{12}$/;
const PROVIDER = "pulumi:providers:aws";

export type Membership = "inside" | "outside" | "undecided";

export interface AwsBoundary {
    /** Whether a 12-digit account id is inside the boundary; "undecided" when neither config nor stack says whose it is. */
    account(id: string): Membership;
    /** Whether an organization id (o-...) is a configured trusted organization. */
    trustsOrganization(id: string): boolean;
    /** Whether trustedAwsOrganizationIds lists any organization (an organization id carries no account to judge it by). */
    readonly organizationsConfigured: boolean;
    /** The stack's own accounts as it shows them (for docs, tests and messages). */
    readonly own: ReadonlySet<string>;
}

/** The account of an ARN (`arn:aws:iam::111122223333:root`); undefined for an ARN that has none (an S3 bucket) or is not an ARN. */
export function accountOfArn(arn: string): string | undefined {
    const parts = arn.trim().split(":");
    if (parts.length < 6 || parts[0].toLowerCase() !== "arn") return undefined;
    return ACCOUNT.test(parts[4]) ? parts[4] : undefined;
}

/** The account an AWS principal value names: a bare account id or the account of an ARN. */
export function accountOfPrincipal(value: string): string | undefined {
    const v = value.trim();
    return ACCOUNT.test(v) ? v : accountOfArn(v);
}

/** A provider input as a list: provider inputs arrive as lists or as JSON-encoded strings. */
function providerList(v: Plain): Plain[] {
    if (typeof v === "string" && v.trim().startsWith("[")) {
        try {
            return providerList(JSON.parse(v) as Plain);
        } catch {
            return [];
        }
    }
    if (typeof v === "string" && v.trim().startsWith("{")) {
        try {
            return [JSON.parse(v) as Plain];
        } catch {
            return [];
        }
    }
    const list = asList(v);
    return isUnknown(list) ? [] : list;
}

/** The accounts an aws provider's inputs pin: allowedAccountIds, and the accounts of the roles it assumes. */
function providerAccounts(props: PlainObject): string[] {
    const out: string[] = [];
    for (const id of providerList(props.allowedAccountIds)) if (typeof id === "string" && ACCOUNT.test(id.trim())) out.push(id.trim());
    for (const role of [...providerList(props.assumeRole), ...providerList(props.assumeRoles)]) {
        const arn = isObject(role) ? role.roleArn : undefined;
        const account = typeof arn === "string" ? accountOfArn(arn) : undefined;
        if (account) out.push(account);
    }
    return out;
}

/** The stack's own accounts, derived once per request. */
function ownAccounts(stack: StackIndex): ReadonlySet<string> {
    const own = new Set<string>();
    const providersSeen = new Set<object>();
    for (const r of stack.resources) {
        if (canonicalType(r.type) === PROVIDER) for (const a of providerAccounts(r.props)) own.add(a);
        const provider = (r as StackResource).provider;
        if (provider && canonicalType(provider.type) === PROVIDER && !providersSeen.has(provider.props)) {
            providersSeen.add(provider.props);
            for (const a of providerAccounts(provider.props)) own.add(a);
        }
        const arn = StackIndex.knownString(r, "arn");
        const account = arn === undefined ? undefined : accountOfArn(arn);
        if (account) own.add(account);
    }
    return own;
}

/** The boundary for one stack under the pack-wide settings. */
export function awsBoundary(stack: StackIndex, settings: BoundarySettings): AwsBoundary {
    const own = stack.derive(ownAccounts);
    const trusted = new Set(settings.trustedAwsAccountIds.map((a) => a.trim()));
    const orgs = new Set(settings.trustedAwsOrganizationIds.map((o) => o.trim().toLowerCase()));
    // Configured accounts are the boundary: the program, which the config's owners do not review
    // as they review the config, cannot add an account to it (a provider's allowedAccountIds, a
    // resource read from another account). Without them, the stack's own accounts stand in.
    const configured = trusted.size > 0;
    return {
        own,
        account: (id) => {
            const a = id.trim();
            if (a === PLACEHOLDER_AWS_ACCOUNT || trusted.has(a)) return "inside";
            if (configured) return "outside";
            if (own.has(a)) return "inside";
            return own.size > 0 ? "outside" : "undecided";
        },
        trustsOrganization: (id) => orgs.has(id.trim().toLowerCase()),
        organizationsConfigured: orgs.size > 0,
    };
}

/**
 * Judges the accounts a control meets against one stack's boundary and counts those it could not
 * judge, so that `finish` says so once for the whole stack.
 */
export class AccountJudge {
    private undecided = 0;
    private undecidedOrganizations = 0;
    readonly boundary: AwsBoundary;

    constructor(stack: StackIndex, settings: BoundarySettings) {
        this.boundary = awsBoundary(stack, settings);
    }

    /** Whether an account is outside the boundary (to report); an undecided one is counted, not reported. */
    isOutside(account: string): boolean {
        const m = this.boundary.account(account);
        if (m === "undecided") this.undecided++;
        return m === "outside";
    }

    /**
     * Whether an organization id a grant is held to (aws:PrincipalOrgID, a function permission's
     * principalOrgId) is outside: not one of trustedAwsOrganizationIds. With none configured it is
     * counted, not reported, since an organization id carries no account to judge it by.
     */
    isOutsideOrganization(org: string): boolean {
        if (this.boundary.trustsOrganization(org)) return false;
        if (this.boundary.organizationsConfigured) return true;
        this.undecidedOrganizations++;
        return false;
    }

    /** Reports the accounts and organizations that could not be judged, once each; `what` names them in the plural ("replication destinations"). */
    finish(ctx: CheckContext<unknown>, what: string): void {
        if (this.undecided > 0) reportUndecided(ctx, `${this.undecided} ${what}`);
        if (this.undecidedOrganizations > 0) {
            ctx.cannotTell(
                "trustedAwsOrganizationIds",
                `(phi-guard-settings) because no trusted organization is configured: ${this.undecidedOrganizations} ${what} are held to an AWS Organizations id (aws:PrincipalOrgID, principalOrgId) that could not be judged the organisation's own or another's; configure trustedAwsOrganizationIds under phi-guard-settings`,
            );
        }
    }
}

/**
 * Says once, on the stack, that accounts could not be judged: nothing is configured and the stack
 * shows no account of its own. `what` names what was left unjudged ("2 replication destinations").
 */
export function reportUndecided(ctx: CheckContext<unknown>, what: string): void {
    ctx.cannotTell(
        "trustedAwsAccountIds",
        `(phi-guard-settings) because no trusted account is configured and the stack shows no account of its own (the aws provider's allowedAccountIds, known ARNs): ${what} name accounts that could not be judged inside or outside the organisation's boundary; configure trustedAwsAccountIds under phi-guard-settings`,
    );
}
