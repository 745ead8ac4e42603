import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { isOneOf } from "../../lib/property-checks";
import { inferred } from "../../lib/hipaa";
import { accountOf, BLOB_CONTAINERS, BLOB_IMMUTABILITY_POLICIES, STORAGE_ACCOUNTS } from "../../lib/azure-storage";
import { groupBy, StackIndex, StackResource } from "../../lib/stack-index";
import { wildcardMatch } from "../../lib/wildcard";
import { asBool, asNumber, at, isObject, isUnknown, Plain } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

interface Config {
    auditContainerPatterns: string[];
    auditMarkerKey: string;
    auditMarkerValues: string[];
    minimumDays: number;
    acceptPendingLock: boolean;
}

/** A violation, the path of a decisive value unknown at preview, or a pass. */
type Finding = { problem: string; at: string; fix?: string } | { unknown: string } | "ok";

/** The value of a marker in a tags or metadata map, compared case-insensitively. */
function marked(map: Plain, config: Config): boolean {
    if (!isObject(map)) return false;
    const v = map[config.auditMarkerKey];
    const values = config.auditMarkerValues.map((x) => x.toLowerCase());
    return typeof v === "string" && values.includes(v.trim().toLowerCase());
}

function containerName(c: StackResource): string {
    const n = c.props.containerName;
    return typeof n === "string" && n.trim() !== "" ? n.trim() : c.name;
}

/** Whether a container receives audit logs: by its name, its metadata, or its account's tags. */
function receivesAuditLogs(c: StackResource, account: StackResource | undefined, config: Config): boolean {
    const name = containerName(c);
    return (
        config.auditContainerPatterns.some((p) => wildcardMatch(p, name)) ||
        marked(c.props.metadata, config) ||
        (account !== undefined && marked(account.props.tags, config))
    );
}

/** Judges a retention period and lock state, from a container policy or an account default policy. */
function judgePolicy(period: Plain, state: Plain, where: string, config: Config, stateKnownOnlyAfterCreate: boolean): Finding {
    const days = asNumber(period);
    if (isUnknown(days)) return { unknown: `${where}immutabilityPeriodSinceCreationInDays` };
    if (days === undefined || days < config.minimumDays) {
        return {
            problem: `the immutability period is shorter than ${config.minimumDays} days`,
            at: `${where}immutabilityPeriodSinceCreationInDays`,
            fix: `set immutabilityPeriodSinceCreationInDays to at least ${config.minimumDays}`,
        };
    }
    const locked = isOneOf(state, "Locked");
    if (locked === true) return "ok";
    const pending = isUnknown(locked) || ((state === undefined || state === null) && stateKnownOnlyAfterCreate);
    if (pending) return config.acceptPendingLock ? "ok" : { unknown: `${where}state` };
    return {
        problem: "the immutability policy is not locked, so an administrator can shorten or delete it",
        at: `${where}state`,
        fix: stateKnownOnlyAfterCreate
            ? "lock the policy (az storage container immutability-policy lock) after it is created; a locked policy cannot be shortened or removed"
            : 'set immutabilityPolicy.state: "Locked" once the account exists (a policy is created Unlocked, then locked)',
    };
}

/** The account-level default policy, effective only when account-level immutability is enabled. */
function judgeAccountDefault(account: ResourceInput, config: Config): Finding {
    const enabled = asBool(at(account.props, "immutableStorageWithVersioning.enabled"));
    if (isUnknown(enabled)) return { unknown: "immutableStorageWithVersioning.enabled" };
    if (enabled !== true) {
        return {
            problem: "the account has no account-level immutability policy",
            at: "immutableStorageWithVersioning",
            fix: `set immutableStorageWithVersioning: { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: ${config.minimumDays}, state: "Locked" } } on the account, or add a locked BlobContainerImmutabilityPolicy for the container`,
        };
    }
    const policy = "immutableStorageWithVersioning.immutabilityPolicy.";
    return judgePolicy(at(account.props, `${policy}immutabilityPeriodSinceCreationInDays`), at(account.props, `${policy}state`), policy, config, false);
}

function report(f: Finding, urn: string, ctx: CheckContext<Config>, prefix = ""): void {
    if (f === "ok") return;
    if ("unknown" in f) ctx.unverified(`${prefix}${f.unknown}`, urn);
    else ctx.fail({ ...f, at: `${prefix}${f.at}`, urn });
}

/** Container policies by container, joined by URN; a plain-string reference also matches by name. */
function policiesByContainer(stack: StackIndex, containers: StackResource[]): Map<string, StackResource[]> {
    const policies = stack.ofType(BLOB_IMMUTABILITY_POLICIES);
    const out = stack.companionsByTarget(policies, "containerName");
    const byName = groupBy(containers, containerName);
    for (const p of policies) {
        const name = p.props.containerName;
        if ((p.propertyDependencies.containerName ?? []).length > 0 || typeof name !== "string") continue;
        const account = accountOf(stack, p);
        for (const c of byName.get(name.trim()) ?? []) {
            const sameAccount = account !== undefined ? accountOf(stack, c) === account : p.props.accountName === c.props.accountName;
            if (sameAccount && containerName(c) === name.trim()) out.set(c.urn, [...(out.get(c.urn) ?? []), p]);
        }
    }
    return out;
}

export const azImmutableAuditLogs: ResourceControl<Config> = {
    id: "az-immutable-audit-logs",
    title: "Blob containers that hold audit logs are immutable for at least six years",
    cloud: "azure",
    judges: unionOf(BLOB_CONTAINERS, BLOB_IMMUTABILITY_POLICIES, STORAGE_ACCOUNTS),
    category: "log-retention",
    severity: "high",
    hipaa: [inferred("164.312(c)(1)"), inferred("164.316(b)(2)")],
    description:
        "Audit logs of PHI access must survive an insider with storage administration rights who wants to erase their tracks, for the six years HIPAA documentation is retained. Only a locked time-based immutability policy prevents shortening the retention or deleting the blobs, even by the account owner.",
    remediation:
        'Give the container a BlobContainerImmutabilityPolicy with immutabilityPeriodSinceCreationInDays >= 2190 and lock it after creation, or create the account with immutableStorageWithVersioning { enabled: true, immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: 2190, state: "Locked" } }.',
    unknowns:
        "A BlobContainerImmutabilityPolicy's state is an output (Azure creates every policy Unlocked; locking is a separate action outside the resource), so at preview it is reported as unverified (advisory) unless acceptPendingLock is true; a known Unlocked state fails. Unknown periods, states or account settings are reported as unverified.",
    config: {
        auditContainerPatterns: {
            type: "array",
            items: { type: "string" },
            default: ["insights-logs-*", "insights-activity-logs", "audit*"],
            description: "Container names (wildcards * and ?) that receive audit logs; Azure diagnostic settings write to insights-logs-<category> and insights-activity-logs.",
        },
        auditMarkerKey: {
            type: "string",
            default: "purpose",
            description: "Container metadata key, or storage account tag key, that marks audit-log storage.",
        },
        auditMarkerValues: {
            type: "array",
            items: { type: "string" },
            default: ["audit-logs", "audit"],
            description: "Values of auditMarkerKey that mean the container (or every container of the account) holds audit logs (case-insensitive).",
        },
        minimumDays: { type: "number", default: 2190, description: "Minimum immutability period in days (six years)." },
        acceptPendingLock: {
            type: "boolean",
            default: false,
            description: "Pass a container immutability policy whose lock state is not yet known (a new policy at preview), for pipelines that lock policies right after creation.",
        },
    },
    acrossResources:
        "Containers: whether one holds audit logs (by name, metadata or its account's tags), and its own immutability policies or else its account's default policy.",
    types: STORAGE_ACCOUNTS,
    checkResource(account, ctx) {
        // Diagnostic settings create their containers themselves: only the account default covers them.
        if (marked(account.props.tags, ctx.config)) report(judgeAccountDefault(account, ctx.config), account.urn, ctx);
    },
    checkStack(stack, ctx) {
        const containers = stack.ofType(BLOB_CONTAINERS);
        const policies = policiesByContainer(stack, containers);
        for (const container of containers) {
            const account = accountOf(stack, container);
            if (!receivesAuditLogs(container, account, ctx.config)) continue;
            const own = policies.get(container.urn) ?? [];
            // A container-level policy takes precedence over the account default for the container's blobs.
            for (const p of own) {
                const f = judgePolicy(p.props.immutabilityPeriodSinceCreationInDays, p.props.state, "", ctx.config, true);
                report(f, p.urn, ctx);
            }
            if (own.length > 0) continue;
            if (account === undefined) {
                const versioning = asBool(at(container.props, "immutableStorageWithVersioning.enabled"));
                ctx.fail({
                    problem:
                        versioning === true
                            ? "the audit-log container enables version-level immutability but has no retention policy"
                            : `the audit-log container has no locked immutability policy of at least ${ctx.config.minimumDays} days`,
                    at: "immutableStorageWithVersioning",
                    urn: container.urn,
                });
                continue;
            }
            // A tagged account is judged once below, for all of its containers.
            if (marked(account.props.tags, ctx.config)) continue;
            const f = judgeAccountDefault(account, ctx.config);
            const onContainer = typeof f === "object" && "problem" in f ? { ...f, problem: `the audit-log container has no immutability policy of its own, and ${f.problem}` } : f;
            report(onContainer, container.urn, ctx, "accountName -> ");
        }
    },
};
