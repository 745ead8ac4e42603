import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { awsTlsPolicyMinimum, tlsAtLeast } from "../../lib/tls-version";
import { canonicalType, types } from "../../lib/type-tokens";
import type { StackIndex } from "../../lib/stack-index";
import { asBool, asList, at, isObject, isUnknown, Plain, PlainObject, Unknown } from "../../lib/values";

type Ctx = CheckContext<unknown>;

const SEARCH_DOMAINS = ["aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"];
const CACHE_GROUPS = ["aws:elasticache/replicationGroup:ReplicationGroup"];
const MEMORYDB_CLUSTERS = ["aws:memorydb/cluster:Cluster"];
// lb and alb Listener are one resource under two modules; each also keeps the token it had before v4 as an alias.
const LISTENERS = [
    "aws:lb/listener:Listener",
    "aws:alb/listener:Listener",
    "aws:elasticloadbalancingv2/listener:Listener",
    "aws:applicationloadbalancing/listener:Listener",
];
const LISTENER_TYPES = types(...LISTENERS);
const LISTENER_RULES = types(
    "aws:lb/listenerRule:ListenerRule",
    "aws:alb/listenerRule:ListenerRule",
    "aws:elasticloadbalancingv2/listenerRule:ListenerRule",
    "aws:applicationloadbalancing/listenerRule:ListenerRule",
);
const REDSHIFT_PARAMETER_GROUPS = ["aws:redshift/parameterGroup:ParameterGroup"];
const RDS_PARAMETER_GROUPS = ["aws:rds/parameterGroup:ParameterGroup", "aws:rds/clusterParameterGroup:ClusterParameterGroup"];

/** A predefined AWS TLS policy's name, which a message may show; any other value is not echoed (it could be a secret). */
const policyName = (v: string) => (/^(ELBSecurityPolicy|Policy-Min)-[A-Za-z0-9-]{1,48}$/.test(v.trim()) ? `${v.trim()} ` : "");

function requireTrue(props: PlainObject, path: string, unsetIsOn: boolean, problem: string, fix: string, ctx: Ctx): void {
    const v = asBool(at(props, path));
    if (isUnknown(v)) return ctx.unverified(path);
    if (v === true || (v === undefined && unsetIsOn)) return;
    ctx.fail({ problem, at: path, fix });
}

/** A TLS policy must accept nothing older than TLS 1.2; `unset` says what an unset policy means. */
function requireTls12Policy(policy: Plain, path: string, unset: string, fix: string, ctx: Ctx): void {
    if (isUnknown(policy)) return ctx.unverified(path);
    if (typeof policy !== "string" || policy.trim() === "") return ctx.fail({ problem: `no TLS policy is set, so ${unset}`, at: path, fix });
    const minimum = awsTlsPolicyMinimum(policy);
    if (minimum && tlsAtLeast(minimum, "1.2")) return;
    ctx.fail({
        problem: minimum ? `the TLS policy ${policyName(policy)}accepts TLS ${minimum}, older than 1.2` : `the TLS policy ${policyName(policy)}is not one known to require TLS 1.2`,
        at: path,
        fix,
    });
}

function judgeSearchDomain(props: PlainObject, ctx: Ctx): void {
    // The provider: node-to-node encryption is off without the block, enforceHttps defaults to true.
    requireTrue(props, "nodeToNodeEncryption.enabled", false, "traffic between the domain's nodes is not encrypted", "set nodeToNodeEncryption: { enabled: true }", ctx);
    requireTrue(props, "domainEndpointOptions.enforceHttps", true, "the domain accepts plain HTTP", "set domainEndpointOptions.enforceHttps: true", ctx);
    requireTls12Policy(
        at(props, "domainEndpointOptions.tlsSecurityPolicy"),
        "domainEndpointOptions.tlsSecurityPolicy",
        "the service chooses one, which may accept TLS 1.0",
        'set domainEndpointOptions.tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10"',
        ctx,
    );
}

function judgeCacheGroup(props: PlainObject, ctx: Ctx): void {
    const fix = "set transitEncryptionEnabled: true (with transitEncryptionMode \"required\", its default)";
    requireTrue(props, "transitEncryptionEnabled", false, "clients connect to the cache in plain text", fix, ctx);
    // "preferred" is the migration mode: it still accepts unencrypted connections.
    const mode = at(props, "transitEncryptionMode");
    if (isUnknown(mode)) return ctx.unverified("transitEncryptionMode");
    if (typeof mode === "string" && mode.trim().toLowerCase() === "preferred") {
        ctx.fail({ problem: 'transitEncryptionMode "preferred" still accepts unencrypted connections', at: "transitEncryptionMode", fix: 'set transitEncryptionMode: "required"' });
    }
}

/** Whether every action in `prop` (a listener's default actions, a rule's actions) redirects to HTTPS (undefined: unknown, reported). */
function redirectsToHttps(actions: Plain[], prop: string, ctx: Ctx, urn?: string): boolean | undefined {
    if (actions.length === 0) return false;
    let unknown = false;
    for (const [i, action] of actions.entries()) {
        const type = at(action, "type");
        if (isUnknown(type)) {
            ctx.unverified(`${prop}[${i}].type`, urn);
            unknown = true;
            continue;
        }
        if (typeof type !== "string" || type.trim().toLowerCase() !== "redirect") return false;
        const protocol = at(action, "redirect.protocol");
        if (isUnknown(protocol)) {
            ctx.unverified(`${prop}[${i}].redirect.protocol`, urn);
            unknown = true;
        } else if (typeof protocol !== "string" || protocol.trim().toUpperCase() !== "HTTPS") return false;
    }
    return unknown ? undefined : true;
}

/** A listener's protocol, upper case; one without a protocol is HTTP (the provider's default for an Application Load Balancer). */
function protocolOf(props: PlainObject): string | Unknown {
    const raw = props.protocol;
    if (isUnknown(raw)) return raw;
    return typeof raw === "string" && raw.trim() !== "" ? raw.trim().toUpperCase() : "HTTP";
}

const HTTP_FIX = 'use protocol "HTTPS" with a TLS 1.2 sslPolicy, or make every action { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }';

function judgeListener(props: PlainObject, ctx: Ctx): void {
    const protocol = protocolOf(props);
    if (isUnknown(protocol)) return ctx.unverified("protocol");
    if (protocol === "HTTP") {
        const actions = asList(props.defaultActions);
        if (isUnknown(actions)) return ctx.unverified("defaultActions");
        const redirects = redirectsToHttps(actions, "defaultActions", ctx);
        if (redirects === false) {
            ctx.fail({
                problem: "the listener serves plain HTTP: its default actions do not all redirect to HTTPS",
                at: "protocol",
                fix: HTTP_FIX,
            });
        }
        return;
    }
    // TCP, UDP and QUIC pass bytes through unchanged: whether they carry TLS is the targets' concern.
    if (protocol !== "HTTPS" && protocol !== "TLS") return;
    requireTls12Policy(
        props.sslPolicy,
        "sslPolicy",
        "the default ELBSecurityPolicy-2016-08 applies, which accepts TLS 1.0",
        'set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06"',
        ctx,
    );
}

/** The parameters of a parameter group named `name` (any case), with their index. */
function parametersNamed(props: PlainObject, name: string, ctx: Ctx): { index: number; value: Plain }[] | undefined {
    const list = asList(props.parameters);
    if (isUnknown(list)) return void ctx.unverified("parameters");
    const out: { index: number; value: Plain }[] = [];
    list.forEach((p, index) => {
        const n = isObject(p) ? p.name : undefined;
        if (isUnknown(p) || isUnknown(n)) ctx.unverified(`parameters[${index}].name`);
        else if (typeof n === "string" && n.trim().toLowerCase() === name) out.push({ index, value: at(p, "value") });
    });
    return out;
}

const ON = /^\s*(1|on|true)\s*$/i;

/** A parameter group must set `name` on; every occurrence counts (a second, off entry would win on some engines). */
function requireParameterOn(props: PlainObject, name: string, on: string, ctx: Ctx): void {
    const found = parametersNamed(props, name, ctx);
    if (!found) return;
    const fix = `add parameters: [{ name: "${name}", value: "${on}" }]`;
    if (found.length === 0) {
        return ctx.fail({ problem: `the group does not set ${name}, so it does not require TLS (the engine's default, off for most versions, decides)`, at: "parameters", fix });
    }
    for (const { index, value } of found) {
        if (isUnknown(value)) ctx.unverified(`parameters[${index}].value`);
        else if (typeof value !== "string" || !ON.test(value)) ctx.fail({ problem: `${name} is not on, so clients may connect without TLS`, at: `parameters[${index}].value`, fix });
    }
}

/** Which parameter requires TLS, by the group's engine family; undefined for engines that require it elsewhere (Oracle, Db2 option groups). */
function tlsParameterOf(family: string): { name: string; on: string } | undefined {
    const f = family.trim().toLowerCase();
    if (/^(aurora-)?postgres/.test(f) || f.startsWith("sqlserver")) return { name: "rds.force_ssl", on: "1" };
    if (/^(aurora-)?mysql|^aurora\d|^mariadb/.test(f)) return { name: "require_secure_transport", on: "ON" };
    return undefined;
}

function judgeRdsParameterGroup(props: PlainObject, ctx: Ctx): void {
    const family = props.family;
    if (isUnknown(family)) return ctx.unverified("family");
    const parameter = typeof family === "string" ? tlsParameterOf(family) : undefined;
    if (parameter) requireParameterOn(props, parameter.name, parameter.on, ctx);
}

/**
 * A database on its engine's default parameter group (none named, or a `default.` one): the
 * engine's default decides. RDS for PostgreSQL turns rds.force_ssl on by default from version 15;
 * MySQL, MariaDB and SQL Server leave TLS optional; the Aurora defaults depend on the version, and
 * Oracle and Db2 require TLS through option groups, which this control does not read. A named
 * group of the stack is judged on its own.
 */
function judgeDefaultGroup(groupProp: string) {
    return (props: PlainObject, ctx: Ctx): void => {
        const group = props[groupProp];
        if (isUnknown(group)) return;
        if (typeof group === "string" && group.trim() !== "" && !/^default\./i.test(group.trim())) return;
        const engine = props.engine;
        if (isUnknown(engine)) return ctx.unverified("engine");
        const e = typeof engine === "string" ? engine.trim().toLowerCase() : "";
        const fix = `attach a parameter group (${groupProp}) that sets ${/postgres|sqlserver/.test(e) ? 'rds.force_ssl "1"' : 'require_secure_transport "ON"'}`;
        if (e === "postgres") {
            const version = props.engineVersion;
            if (isUnknown(version)) return ctx.unverified("engineVersion");
            const major = typeof version === "string" ? Number.parseInt(version, 10) : NaN;
            // Without a version RDS creates the current default version, which requires TLS.
            if (version === undefined || version === null || major >= 15) return;
            return ctx.fail({ problem: "the database uses its engine's default parameter group, where rds.force_ssl is off before PostgreSQL 15, so clients may connect without TLS", at: groupProp, fix });
        }
        if (/^(mysql|mariadb|aurora-mysql|aurora)$/.test(e) || e.startsWith("sqlserver")) {
            return ctx.fail({ problem: "the database uses its engine's default parameter group, which leaves TLS optional, so clients may connect without it", at: groupProp, fix });
        }
        if (e === "aurora-postgresql") {
            return ctx.cannotTell(groupProp, "because the database uses the engine's default cluster parameter group, whose rds.force_ssl depends on the Aurora version: attach a cluster parameter group that sets it to 1");
        }
    };
}

const JUDGES: Record<string, (props: PlainObject, ctx: Ctx) => void> = {
    ...Object.fromEntries(SEARCH_DOMAINS.map((t) => [t, judgeSearchDomain])),
    ...Object.fromEntries(CACHE_GROUPS.map((t) => [t, judgeCacheGroup])),
    // MemoryDB requires TLS unless tlsEnabled is false (the provider's default is true).
    ...Object.fromEntries(MEMORYDB_CLUSTERS.map((t) => [t, (props: PlainObject, ctx: Ctx) => requireTrue(props, "tlsEnabled", true, "clients connect to the cluster in plain text", "set tlsEnabled: true (or leave it unset)", ctx)])),
    ...Object.fromEntries(LISTENERS.map((t) => [t, judgeListener])),
    ...Object.fromEntries(REDSHIFT_PARAMETER_GROUPS.map((t) => [t, (props: PlainObject, ctx: Ctx) => requireParameterOn(props, "require_ssl", "true", ctx)])),
    ...Object.fromEntries(RDS_PARAMETER_GROUPS.map((t) => [t, judgeRdsParameterGroup])),
    "aws:rds/instance:Instance": judgeDefaultGroup("parameterGroupName"),
    "aws:rds/cluster:Cluster": judgeDefaultGroup("dbClusterParameterGroupName"),
};

/**
 * A listener rule serves requests on its listener's protocol: on an HTTP listener whose default
 * action redirects to HTTPS, a rule that forwards serves those requests in plain HTTP. Only the
 * stack says which listener a rule belongs to.
 */
function judgeListenerRules(stack: StackIndex, ctx: Ctx): void {
    for (const rule of stack.ofType(LISTENER_RULES)) {
        if (!ctx.isPhi(rule)) continue;
        const listeners = stack.linked(rule, "listenerArn").filter((l) => LISTENER_TYPES.has(l.type));
        if (listeners.length === 0) {
            ctx.cannotTell("listenerArn", "the rule's listener is not a resource of this stack, so whether it serves plain HTTP is not known", rule.urn);
            continue;
        }
        for (const listener of listeners) {
            const protocol = protocolOf(listener.props);
            if (isUnknown(protocol)) {
                ctx.unverified("listenerArn", rule.urn);
                continue;
            }
            if (protocol !== "HTTP") continue;
            const actions = asList(rule.props.actions);
            if (isUnknown(actions)) {
                ctx.unverified("actions", rule.urn);
                continue;
            }
            if (redirectsToHttps(actions, "actions", ctx, rule.urn) === false) {
                ctx.fail({ problem: "the rule serves plain HTTP on an HTTP listener: its actions do not all redirect to HTTPS", at: "actions", fix: HTTP_FIX, urn: rule.urn });
            }
        }
    }
}

export const awsTransitEncryption: ResourceControl = {
    id: "aws-transit-encryption",
    title: "Search domains, caches, load balancers and databases require TLS 1.2 in transit",
    cloud: "aws",
    category: "encryption-in-transit",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(e)(1)")],
    description:
        "OpenSearch (and Elasticsearch) domains must encrypt node-to-node traffic and serve only HTTPS with a TLS 1.2 policy; ElastiCache replication groups and MemoryDB clusters must require in-transit encryption; load balancer listeners and their rules must not serve plain HTTP (an HTTP listener whose actions all redirect to HTTPS is fine) and their HTTPS and TLS listeners must use a TLS 1.2 policy; Redshift parameter groups must set require_ssl, and RDS and Aurora parameter groups rds.force_ssl (PostgreSQL, SQL Server) or require_secure_transport (MySQL, MariaDB). Anyone on the network path, an insider with a packet capture in the VPC included, reads PHI sent in clear text or over TLS versions with known weaknesses.",
    remediation:
        'Set nodeToNodeEncryption { enabled: true } and domainEndpointOptions { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" } on the domain; transitEncryptionEnabled: true (transitEncryptionMode "required") on the replication group; leave tlsEnabled at true on MemoryDB clusters; protocol "HTTPS" with sslPolicy "ELBSecurityPolicy-TLS13-1-2-2021-06" on listeners, or an HTTP listener whose default action redirects to HTTPS; parameters require_ssl "true" (Redshift), rds.force_ssl "1" (PostgreSQL, SQL Server) or require_secure_transport "ON" (MySQL, MariaDB), and attach the group to the database.',
    unknowns:
        "An unknown switch, TLS policy, listener protocol or default action, parameter group family, parameter name or value is reported as unverified (advisory), as is a listener rule whose listener is not in the stack. An RDS instance or cluster on its engine's default parameter group is judged by that default (on for RDS for PostgreSQL 15 and later, off for MySQL, MariaDB and SQL Server; an Aurora PostgreSQL default is said as could not verify; Oracle and Db2 option groups are not read). An unset value takes the provider's documented default (enforceHttps and MemoryDB tlsEnabled true, listener protocol HTTP, sslPolicy ELBSecurityPolicy-2016-08).",
    acrossResources: "A listener rule is judged with its listener (joined through listenerArn): on an HTTP listener, every action of the rule must redirect to HTTPS.",
    types: types(...Object.keys(JUDGES)),
    judges: types(...Object.keys(JUDGES), ...LISTENER_RULES.canonical),
    checkResource(resource: ResourceInput, ctx) {
        if (!ctx.isPhi(resource)) return;
        JUDGES[canonicalType(resource.type)]?.(resource.props, ctx);
    },
    checkStack: judgeListenerRules,
};
