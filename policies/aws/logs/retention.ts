import type { ResourceControl } from "../../control";
import { LOG_GROUPS } from "../../lib/aws-logs";
import { prowler, rule } from "../../lib/hipaa";
import { asNumber, isUnknown } from "../../lib/values";

interface Config {
    minimumRetentionDays: number;
}

export const awsLogsRetention: ResourceControl<Config> = {
    id: "aws-logs-retention",
    title: "CloudWatch log groups keep logs for at least six years",
    cloud: "aws",
    category: "log-retention",
    severity: "medium",
    hipaa: [prowler("164.312(b)"), rule("164.316(b)(2)")],
    description:
        "HIPAA requires security documentation, including the audit trail of who accessed PHI, to be kept for six years; a log group that expires sooner destroys the evidence an insider investigation needs. retentionInDays 0 or absent means never expire, which also satisfies the rule.",
    remediation:
        "Set retentionInDays to 2192 (six years, the smallest CloudWatch value that covers them) or more, or leave it unset (never expire); export older logs to an Object Lock bucket if cost matters.",
    unknowns: "An unknown retentionInDays is reported as unverified (advisory).",
    config: {
        minimumRetentionDays: {
            type: "integer",
            default: 2192,
            description: "Smallest retentionInDays accepted (0 or absent, never expire, is always accepted).",
        },
    },
    types: LOG_GROUPS,
    remediate: {
        valueFor: (at, config) => (at === "retentionInDays" ? config.minimumRetentionDays : undefined),
        changes: "raises retentionInDays to the configured minimum (2192 days, six years, by default)",
        safe: "Retention is changed in place (CloudWatch Logs PutRetentionPolicy) and only keeps events longer; nothing is deleted or replaced. It costs storage.",
    },
    checkResource(resource, ctx) {
        const days = asNumber(resource.props.retentionInDays);
        if (isUnknown(days)) return ctx.unverified("retentionInDays");
        if (days === undefined || days === 0 || days >= ctx.config.minimumRetentionDays) return;
        ctx.fail({
            problem: `log group keeps events for ${days} days, less than ${ctx.config.minimumRetentionDays}`,
            at: "retentionInDays",
            fix: `set retentionInDays to ${ctx.config.minimumRetentionDays} or more (or leave it unset to never expire)`,
        });
    },
};
