import type { ResourceControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { isClusterMember, RDS_DATABASES, rdsSettingProps } from "../../lib/aws-rds";
import { asBool, asList, asString, isUnknown } from "../../lib/values";

/** Engines for which RDS offers no IAM database authentication. */
const NO_IAM_AUTH = /^(custom-)?(sqlserver|oracle|db2)/i;

/** The log type that carries each engine family's audit or connection trail to CloudWatch Logs. */
const DEFAULT_AUDIT_LOGS: Record<string, string[]> = {
    postgres: ["postgresql"],
    "aurora-postgresql": ["postgresql"],
    mysql: ["audit"],
    mariadb: ["audit"],
    aurora: ["audit"],
    "aurora-mysql": ["audit"],
    oracle: ["audit"],
    sqlserver: ["error"],
    db2: ["diag"],
};

interface Config {
    auditLogExports: Record<string, string[]>;
}

/** The required export types for an engine: the longest configured engine prefix decides. */
function requiredExports(engine: string | undefined, table: Record<string, string[]>): string[] | undefined {
    if (engine === undefined) return undefined;
    const e = engine.trim().toLowerCase();
    const match = Object.keys(table)
        .filter((prefix) => e.startsWith(prefix.toLowerCase()))
        .sort((a, b) => b.length - a.length)[0];
    return match === undefined ? undefined : table[match];
}

export const awsRdsExposure: ResourceControl<Config> = {
    id: "aws-rds-exposure",
    title: "RDS databases are private, use IAM authentication and export audit logs",
    cloud: "aws",
    category: "public-exposure",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)"), prowler("164.312(b)")],
    description:
        "RDS instances and clusters that hold PHI must not be publicly accessible, must accept IAM database authentication so that access is granted and revoked per person, and must export their audit logs to CloudWatch Logs. A public endpoint with a shared password and no audit trail lets an insider or a leaked credential read PHI unnoticed.",
    remediation:
        'Set publiclyAccessible: false, iamDatabaseAuthenticationEnabled: true and enabledCloudwatchLogsExports to include the engine\'s audit log ("postgresql" for PostgreSQL, "audit" for MySQL, MariaDB and Oracle).',
    unknowns: "An unknown publiclyAccessible, iamDatabaseAuthenticationEnabled, engine or log export list is reported as unverified.",
    config: {
        auditLogExports: {
            type: "object",
            additionalProperties: { type: "array", items: { type: "string" } },
            default: DEFAULT_AUDIT_LOGS,
            description: "Log types that must be exported, by engine name prefix (the longest matching prefix applies); engines not listed must export at least one log type.",
        },
    },
    types: RDS_DATABASES,
    checkResource(db, ctx) {
        if (!ctx.isPhi(db)) return;
        const open = asBool(db.props.publiclyAccessible);
        if (isUnknown(open)) ctx.unverified("publiclyAccessible");
        else if (open === true) ctx.fail({ problem: "the database is publicly accessible", at: "publiclyAccessible", fix: "set publiclyAccessible: false and reach the database through the VPC" });
        const member = isClusterMember(db);
        if (isUnknown(member)) return ctx.unverified("dbClusterIdentifier");
        if (member) return; // IAM auth and log exports are set on the cluster
        const props = rdsSettingProps(db.type);
        const engine = asString(db.props.engine);
        if (isUnknown(engine)) return ctx.unverified("engine");
        if (engine === undefined || !NO_IAM_AUTH.test(engine)) {
            const iam = asBool(db.props[props.iamAuthentication]);
            if (isUnknown(iam)) ctx.unverified(props.iamAuthentication);
            else if (iam !== true) ctx.fail({ problem: "IAM database authentication is off", at: props.iamAuthentication, fix: `set ${props.iamAuthentication}: true and grant rds-db:connect per role` });
        }
        const exports = asList(db.props[props.logExports]);
        if (isUnknown(exports) || exports.some(isUnknown)) return ctx.unverified(props.logExports);
        const exported = exports.filter((e): e is string => typeof e === "string").map((e) => e.trim().toLowerCase());
        const required = requiredExports(engine, ctx.config.auditLogExports);
        const missing = required === undefined ? (exported.length === 0 ? ["any"] : []) : required.filter((r) => !exported.includes(r.toLowerCase()));
        if (missing.length > 0) {
            const what = required === undefined ? "no log type is exported" : `the ${missing.map((m) => `"${m}"`).join(", ")} log is not exported`;
            ctx.fail({ problem: `${what} to CloudWatch Logs`, at: props.logExports, fix: `add ${required === undefined ? "the engine's audit log" : missing.map((m) => `"${m}"`).join(", ")} to ${props.logExports}` });
        }
    },
};
