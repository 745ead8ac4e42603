import type { CheckContext, ResourceControl, ResourceInput, Violation } from "../../control";
import { inferred } from "../../lib/hipaa";
import { azureBoundary, BoundaryFindings, tenantSide } from "../../lib/azure/boundary";
import { KEY_VAULTS, STORAGE_ACCOUNTS } from "../../lib/azure/types";
import { types, unionOf } from "../../lib/type-tokens";
import { asBool, asList, asNumber, asString, at, isObject, isUnknown, Plain, UNKNOWN } from "../../lib/values";

interface Config {
    maxSasExpirationPeriod: string;
    maxKeyExpirationDays: number;
}

export const KEY_VAULT_ACCESS_POLICIES = types("azure-native:keyvault:AccessPolicy");

/** Azure's period format, DD.HH:MM:SS (days optional). */
const PERIOD = /^\s*(?:(\d+)\.)?(\d{1,2}):(\d{1,2}):(\d{1,2})\s*$/;

/** A DD.HH:MM:SS period in seconds; undefined when it is not one. */
export function periodSeconds(v: string): number | undefined {
    const m = PERIOD.exec(v);
    if (!m) return undefined;
    const [d, h, min, s] = [m[1] ?? "0", m[2], m[3], m[4]].map(Number);
    return ((d * 24 + h) * 60 + min) * 60 + s;
}

const sameWord = (v: Plain, word: string) => typeof v === "string" && v.trim().toLowerCase() === word.toLowerCase();

/** What is wrong with an account's SAS and key expiry policies, or "unknown" when a value is unknown at preview. */
function tokenProblems(props: Record<string, Plain>, config: Config): Violation[] | "unknown" {
    const problems: Violation[] = [];
    const max = periodSeconds(config.maxSasExpirationPeriod) ?? 86_400;
    const sas = props.sasPolicy;
    if (isUnknown(sas)) return "unknown";
    if (!isObject(sas)) {
        problems.push({ problem: "the PHI storage account sets no SAS expiration policy, so shared access signatures can be valid for years", at: "sasPolicy" });
    } else {
        const period = asString(sas.sasExpirationPeriod);
        const action = sas.expirationAction;
        if (isUnknown(period) || isUnknown(action)) return "unknown";
        const seconds = period === undefined ? undefined : periodSeconds(period);
        if (seconds === undefined || seconds > max) {
            problems.push({ problem: `the SAS expiration period is not a DD.HH:MM:SS period of at most ${config.maxSasExpirationPeriod}`, at: "sasPolicy.sasExpirationPeriod" });
        }
        if (!sameWord(action, "Block")) {
            problems.push({ problem: "a SAS that outlives the expiration period is only logged, not refused", at: "sasPolicy.expirationAction", fix: 'set sasPolicy.expirationAction: "Block"' });
        }
    }
    const days = asNumber(at(props, "keyPolicy.keyExpirationPeriodInDays"));
    if (isUnknown(days)) return "unknown";
    if (days === undefined || days <= 0 || days > config.maxKeyExpirationDays) {
        problems.push({ problem: `the account keys that sign SAS tokens have no expiry of at most ${config.maxKeyExpirationDays} days`, at: "keyPolicy.keyExpirationPeriodInDays" });
    }
    return problems;
}

const KEY_VAULT_GRANTS = unionOf(KEY_VAULTS, KEY_VAULT_ACCESS_POLICIES);

/** The tenants a vault or access policy names, by property path: the vault's own and each access policy's. */
function tenantsOf(r: ResourceInput): [string, Plain][] {
    if (KEY_VAULT_ACCESS_POLICIES.has(r.type)) return [["policy.tenantId", at(r.props, "policy.tenantId")]];
    const out: [string, Plain][] = [["properties.tenantId", at(r.props, "properties.tenantId")]];
    const entries = asList(at(r.props, "properties.accessPolicies"));
    if (isUnknown(entries)) return [...out, ["properties.accessPolicies", UNKNOWN]];
    entries.forEach((e, i) => {
        if (isObject(e) || isUnknown(e)) out.push([`properties.accessPolicies[${i}].tenantId`, isUnknown(e) ? UNKNOWN : e.tenantId]);
    });
    return out;
}

function checkAccount(account: ResourceInput, ctx: CheckContext<Config>): void {
    if (!ctx.isPhi(account)) return;
    const sharedKey = asBool(account.props.allowSharedKeyAccess);
    // Without shared key access no SAS can be signed with an account key; user delegation SAS last at most 7 days.
    if (sharedKey === false) return;
    const problems = tokenProblems(account.props, ctx.config);
    if (problems === "unknown") return ctx.unverified("sasPolicy");
    // Whether shared keys are allowed is az-storage-public's finding (it says so when unknown); the token lifetimes are this control's.
    if (isUnknown(sharedKey)) {
        for (const p of problems) ctx.cannotTell(p.at, `whether shared-key access is allowed is not known until the update, and if it is: ${p.problem}`);
        return;
    }
    for (const p of problems) ctx.fail(p);
}

export const azExfilAccessTokens: ResourceControl<Config> = {
    id: "az-exfil-access-tokens",
    title: "No long-lived SAS tokens on PHI storage and no Key Vault access for other tenants",
    cloud: "azure",
    category: "data-exfiltration",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)"), inferred("164.312(a)(2)(iv)")],
    description:
        "A shared access signature is a bearer URL: whoever holds it reads PHI from anywhere until it expires, with no identity in the logs, and an account key signs SAS tokens that never expire unless a policy refuses them. A Key Vault access policy for a principal of another tenant lets an outside identity read the keys and secrets that protect PHI.",
    remediation:
        'On PHI storage accounts set allowSharedKeyAccess: false (only short, Entra-signed user delegation SAS remain), or sasPolicy { sasExpirationPeriod: "1.00:00:00" (at most the configured period), expirationAction: "Block" } and keyPolicy { keyExpirationPeriodInDays: 90 }. Grant Key Vault access only to principals of trusted tenants (phi-guard-settings trustedAzureTenantIds), preferably through RBAC (enableRbacAuthorization: true).',
    unknowns:
        "An unknown SAS or key policy is unverified; if shared key access is unknown (az-storage-public reports that), each policy that falls short is reported as not verifiable at its own path. A vault or access policy tenant unknown at preview is unverified, per resource.",
    acrossResources:
        "Tenants: each Key Vault access policy (inline or a keyvault.AccessPolicy) is placed inside or outside the boundary's tenants (lib/azure/boundary.ts), which needs the stack's providers and vaults; when the stack does not show its tenant, one advisory asks for the trusted ids.",
    config: {
        maxSasExpirationPeriod: {
            type: "string",
            pattern: "^(\\d+\\.)?\\d{1,2}:\\d{1,2}:\\d{1,2}$",
            default: "1.00:00:00",
            description: "The longest SAS expiration period (DD.HH:MM:SS) a PHI storage account's sasPolicy may allow.",
        },
        maxKeyExpirationDays: {
            type: "integer",
            minimum: 1,
            default: 90,
            description: "The longest key expiration period (keyPolicy.keyExpirationPeriodInDays) a PHI storage account that allows shared key access may set.",
        },
    },
    types: unionOf(STORAGE_ACCOUNTS, KEY_VAULT_GRANTS),
    judges: unionOf(STORAGE_ACCOUNTS, KEY_VAULT_GRANTS),
    checkResource(r, ctx) {
        if (STORAGE_ACCOUNTS.has(r.type)) return checkAccount(r, ctx);
        // A tenant unknown at preview is the resource's own value: said here, in Analyze; known tenants need the stack's boundary.
        for (const [at, tenant] of tenantsOf(r)) if (isUnknown(tenant)) ctx.unverified(at);
    },
    checkStack(stack, ctx) {
        const boundary = azureBoundary(stack, ctx.settings);
        const findings = new BoundaryFindings(ctx);
        for (const r of stack.ofType(KEY_VAULT_GRANTS)) {
            for (const [where, tenant] of tenantsOf(r)) {
                if (isUnknown(tenant)) continue;
                findings.judge(tenantSide(boundary, tenant), {
                    problem:
                        where === "properties.tenantId"
                            ? "the key vault authenticates against a tenant outside the organisation's boundary, whose principals can then be granted its keys and secrets"
                            : "a Key Vault access policy grants a principal of a tenant outside the organisation's boundary access to keys or secrets",
                    at: where,
                    urn: r.urn,
                });
            }
        }
        findings.finish();
    },
};
