import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { publicEndpoint } from "../../lib/azure/public-endpoint";
import { AZ_SQL_SERVERS } from "../../lib/azure/stores";
import { prowler } from "../../lib/hipaa";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { tlsAtLeast } from "../../lib/tls-version";
import { TypeSet, types, unionOf } from "../../lib/type-tokens";
import { asBool, at, isUnknown, Plain, Unknown } from "../../lib/values";

const AUDITING = types("azure-native:sql:ServerBlobAuditingPolicy", "azure-native:sql:ExtendedServerBlobAuditingPolicy");
const AAD_ONLY = types("azure-native:sql:ServerAzureADOnlyAuthentication");
const PROTECTORS = types("azure-native:sql:EncryptionProtector");
const TDE = types("azure-native:sql:TransparentDataEncryption");

const isEnum = (v: Plain, expected: string): boolean | Unknown => (isUnknown(v) ? v : typeof v === "string" && v.trim().toLowerCase() === expected.toLowerCase());

/** A companion judged on its own properties; its problems are reported on it, not on its server. */
interface Companion {
    kinds: TypeSet;
    judge(c: ResourceInput, ctx: CheckContext<unknown>): void;
}

const AUDIT_POLICY: Companion = {
    kinds: AUDITING,
    judge(policy, ctx) {
        const on = isEnum(policy.props.state, "Enabled");
        if (isUnknown(on)) ctx.unverified("state");
        else if (!on) ctx.fail({ problem: "server auditing is disabled", at: "state", fix: 'set state: "Enabled" with isAzureMonitorTargetEnabled or a storageEndpoint' });
    },
};

const AAD_ONLY_AUTHENTICATION: Companion = {
    kinds: AAD_ONLY,
    judge(auth, ctx) {
        const on = asBool(auth.props.azureADOnlyAuthentication);
        if (isUnknown(on)) ctx.unverified("azureADOnlyAuthentication");
        else if (on !== true) ctx.fail({ problem: "Microsoft Entra-only authentication is turned off", at: "azureADOnlyAuthentication", fix: "set azureADOnlyAuthentication: true" });
    },
};

const TDE_PROTECTOR: Companion = {
    kinds: PROTECTORS,
    judge(protector, ctx) {
        const kv = isEnum(protector.props.serverKeyType, "AzureKeyVault");
        if (isUnknown(kv)) ctx.unverified("serverKeyType");
        else if (!kv) ctx.fail({ problem: "the TDE protector is a service-managed key, not a customer-managed key", at: "serverKeyType", fix: 'set serverKeyType: "AzureKeyVault" and serverKeyName to a ServerKey for a Key Vault key' });
    },
};

const COMPANIONS = [AUDIT_POLICY, AAD_ONLY_AUTHENTICATION, TDE_PROTECTOR];

/** The servers that have a companion of this kind; a companion's own problems are reported on it. */
function serversWith(stack: StackIndex, companion: Companion, servers: StackResource[]): Set<string> {
    return new Set(companionsOf(stack, stack.ofType(companion.kinds), "serverName", servers).keys());
}

/** What a server's own properties settle: its TLS floor and its public endpoint. */
function checkServer(server: ResourceInput, ctx: CheckContext<unknown>): void {
    const tls = server.props.minimalTlsVersion;
    if (isUnknown(tls)) ctx.unverified("minimalTlsVersion");
    else if (typeof tls !== "string" || !tlsAtLeast(tls, "1.2")) {
        ctx.fail({
            problem: `the server accepts TLS older than 1.2 (minimalTlsVersion ${typeof tls === "string" && /^[\w.]{1,8}$/.test(tls) ? tls : "not set"})`,
            at: "minimalTlsVersion",
            fix: 'set minimalTlsVersion: "1.2"',
        });
    }
    const endpoint = publicEndpoint(server)!;
    if (isUnknown(endpoint.exposure)) ctx.unverified(endpoint.at);
    else if (endpoint.exposure === "open") ctx.fail({ problem: "the server's public endpoint is enabled", at: "publicNetworkAccess", fix: 'set publicNetworkAccess: "Disabled" and connect through a private endpoint' });
}

export const azSqlHardening: ResourceControl = {
    id: "az-sql-hardening",
    title: "Azure SQL servers use a CMK for TDE, auditing, Entra-only auth, TLS 1.2, no public access",
    cloud: "azure",
    judges: unionOf(AZ_SQL_SERVERS, AUDITING, AAD_ONLY, PROTECTORS, TDE),
    category: "encryption-at-rest",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(2)(iv)"), prowler("164.312(b)")],
    description:
        "A SQL server holding PHI must encrypt its databases with a key you control (TDE with an Azure Key Vault protector), audit every query, accept only Microsoft Entra identities over TLS 1.2+, and have no public endpoint. Service-managed keys, SQL password logins and a public endpoint each let an insider or a leaked credential read PHI without a trace you own.",
    remediation:
        "On the sql.Server set minimalTlsVersion \"1.2\", publicNetworkAccess \"Disabled\", administrators.azureADOnlyAuthentication true and keyId (or an sql.EncryptionProtector with serverKeyType \"AzureKeyVault\"); add an sql.ExtendedServerBlobAuditingPolicy with state \"Enabled\".",
    unknowns: "Joins use propertyDependencies, known at preview. An unknown server keyId counts as set (a key created in the same update); other unknown values are reported as unverified (advisory).",
    acrossResources:
        "Each PHI server needs an enabled auditing policy, and a customer-managed TDE key (its keyId or an EncryptionProtector); Entra-only authentication may come from the server or from a ServerAzureADOnlyAuthentication.",
    types: types(...AZ_SQL_SERVERS.canonical, ...AUDITING.canonical, ...AAD_ONLY.canonical, ...PROTECTORS.canonical, ...TDE.canonical),
    remediate: {
        valueFor: (at) => (at === "minimalTlsVersion" ? "1.2" : undefined),
        changes: 'sets minimalTlsVersion: "1.2" on a SQL server that accepts older TLS (auditing, Entra-only authentication and public access are not changed: they need decisions this control cannot make)',
        safe: "Updated in place (Servers Update); no data moves. Only connections with TLS before 1.2, which this control forbids, are refused.",
    },
    checkResource(r, ctx) {
        if (AZ_SQL_SERVERS.has(r.type)) {
            if (ctx.isPhi(r)) checkServer(r, ctx);
            return;
        }
        if (TDE.has(r.type)) {
            const on = isEnum(r.props.state, "Enabled");
            if (isUnknown(on)) ctx.unverified("state");
            else if (!on) ctx.fail({ problem: "transparent data encryption is disabled for the database", at: "state", fix: 'set state: "Enabled"' });
            return;
        }
        COMPANIONS.find((c) => c.kinds.has(r.type))?.judge(r, ctx);
    },
    checkStack(stack, ctx) {
        const servers = stack.ofType(AZ_SQL_SERVERS).filter((s) => ctx.isPhi(s));
        if (servers.length === 0) return;
        const audited = serversWith(stack, AUDIT_POLICY, servers);
        const aadOnly = serversWith(stack, AAD_ONLY_AUTHENTICATION, servers);
        const cmk = serversWith(stack, TDE_PROTECTOR, servers);
        for (const server of servers) {
            if (!aadOnly.has(server.urn)) {
                const own = asBool(at(server.props, "administrators.azureADOnlyAuthentication"));
                if (isUnknown(own)) ctx.unverified("administrators.azureADOnlyAuthentication", server.urn);
                else if (own !== true) {
                    ctx.fail({
                        problem: "SQL logins with passwords are allowed (Microsoft Entra-only authentication is off)",
                        at: "administrators.azureADOnlyAuthentication",
                        fix: "set administrators: { azureADOnlyAuthentication: true, administratorType: \"ActiveDirectory\", login, sid } and drop administratorLogin/administratorLoginPassword",
                        urn: server.urn,
                    });
                }
            }
            if (!audited.has(server.urn)) {
                ctx.fail({
                    problem: "no auditing policy is enabled for the server (no ServerBlobAuditingPolicy or ExtendedServerBlobAuditingPolicy references it)",
                    at: "auditing",
                    fix: 'add an sql.ExtendedServerBlobAuditingPolicy with serverName: <server>.name, state: "Enabled" and isAzureMonitorTargetEnabled: true',
                    urn: server.urn,
                });
            }
            const keyId = server.props.keyId;
            const inlineCmk = isUnknown(keyId) || (typeof keyId === "string" && keyId.trim() !== "");
            if (!inlineCmk && !cmk.has(server.urn)) {
                ctx.fail({
                    problem: "TDE uses a service-managed key (no keyId and no EncryptionProtector with serverKeyType \"AzureKeyVault\")",
                    at: "keyId",
                    fix: "set keyId to a Key Vault key URI (with a user-assigned identity that can wrap/unwrap it) or add an sql.EncryptionProtector with serverKeyType \"AzureKeyVault\"",
                    urn: server.urn,
                });
            }
        }
    },
};
