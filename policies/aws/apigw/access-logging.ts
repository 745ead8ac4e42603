import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { API_STAGES } from "../../lib/aws-apigateway";
import { hasLogGroupKey, LOG_GROUPS } from "../../lib/aws-logs";
import { prowler } from "../../lib/hipaa";
import { groupBy, type StackIndex, type StackResource } from "../../lib/stack-index";
import { Settled } from "../../lib/settled";
import { at, isUnknown, Plain } from "../../lib/values";

/**
 * The log groups a stage's access logs go to: through propertyDependencies of accessLogSettings,
 * else by a known destination ARN equal to a log group's known ARN.
 */
function destinationLogGroups(stage: StackResource, arn: string | undefined, stack: StackIndex): StackResource[] {
    const linked = stack.linked(stage, "accessLogSettings").filter((r) => LOG_GROUPS.has(r.type));
    if (linked.length > 0 || arn === undefined) return linked;
    return stack.derive(logGroupsByArn).get(arn.replace(/:\*$/, "")) ?? [];
}

/** The stack's log groups by known ARN, without the `:*` suffix that log-stream ARNs add. */
function logGroupsByArn(stack: StackIndex): Map<string, StackResource[]> {
    return groupBy(stack.ofType(LOG_GROUPS), (g) => (typeof g.props.arn === "string" ? g.props.arn.replace(/:\*$/, "") : undefined));
}

const settled = new Settled();
const destinationArn = (stage: ResourceInput): Plain => at(stage.props.accessLogSettings, "destinationArn");
const logsNowhere = (arn: Plain) => !isUnknown(arn) && (typeof arn !== "string" || arn.trim() === "");
const noLogs = (stage: ResourceInput, ctx: CheckContext<unknown>) => ctx.fail({ problem: "the stage writes no access logs", at: "accessLogSettings.destinationArn", urn: stage.urn });

export const awsApigwAccessLogging: ResourceControl = {
    id: "aws-apigw-access-logging",
    title: "API Gateway stages write access logs to an encrypted log group",
    cloud: "aws",
    judges: API_STAGES,
    category: "audit-logging",
    severity: "medium",
    hipaa: [prowler("164.312(b)")],
    description:
        "Without access logs there is no record of who called which API that serves PHI, from where and with what result, so misuse by an insider cannot be reconstructed. The log group that receives them must itself be encrypted with a customer-managed key, because access logs carry identities, paths and query strings.",
    remediation:
        "Set accessLogSettings.destinationArn (and a format) on the aws.apigateway.Stage or aws.apigatewayv2.Stage to an aws.cloudwatch.LogGroup that has kmsKeyId set to a customer-managed key and six-year retention.",
    unknowns:
        "An unknown destinationArn counts as set (a log group created in the same update); the destination's encryption is judged when the log group is in the stack, and an unknown kmsKeyId there counts as set. Destinations outside the stack (or Firehose streams) are checked where they are defined.",
    acrossResources: "The log group a stage's access logs go to, when it is in the stack: it must be encrypted with a customer-managed key.",
    types: API_STAGES,
    checkResource(stage, ctx) {
        const nowhere = logsNowhere(destinationArn(stage));
        if (nowhere) noLogs(stage, ctx);
        settled.record(stage.urn, nowhere);
    },
    checkStack(stack, ctx) {
        for (const stage of stack.ofType(API_STAGES)) {
            if (settled.has(stage.urn)) continue;
            const arn = destinationArn(stage);
            if (logsNowhere(arn)) {
                noLogs(stage, ctx);
                continue;
            }
            for (const group of destinationLogGroups(stage, typeof arn === "string" ? arn.trim() : undefined, stack)) {
                if (!hasLogGroupKey(group.props.kmsKeyId)) {
                    ctx.fail({
                        problem: `access logs go to log group "${group.name}", which is not encrypted with a customer-managed key`,
                        at: "accessLogSettings.destinationArn",
                        fix: `set kmsKeyId on log group "${group.name}" to a customer-managed aws.kms.Key`,
                        urn: stage.urn,
                    });
                }
            }
        }
    },
};
