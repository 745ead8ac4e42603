import type { StackControl } from "../../control";
import { describeActions, isServiceWildcard, unconstrainedWith } from "../../lib/aws/actions";
import { collectPrincipalRights, IAM_ROLES, label, readRights, unreadableAt } from "../../lib/aws/principals";
import { functionNameProp, LAMBDA_FUNCTIONS } from "../../lib/aws-lambda";
import { inferred } from "../../lib/hipaa";
import { grantsAllActions, isAllow, Statement } from "../../lib/iam-document";
import { isUnknown, Unknown, UNKNOWN } from "../../lib/values";

interface Config {
    allowedFunctions: string[];
}

/** What makes one Allow statement too broad for a function's role; UNKNOWN when it cannot be read. */
function broadness(s: Statement): string | undefined | Unknown {
    const all = grantsAllActions(s);
    if (all === true) return s.notActions !== undefined ? "Allow with NotAction grants nearly every action" : 'Action "*" grants every action';
    const wildcards = s.actions === undefined || isUnknown(s.actions) ? s.actions : s.actions.filter(isServiceWildcard);
    if (wildcards !== undefined && !isUnknown(wildcards) && wildcards.length > 0) return `${wildcards[0]} grants every action of the service, including ones added later`;
    // Resources and conditions unknown at preview are other resources' ARNs and ids: specific (see unconstrainedWith).
    const read = unconstrainedWith(s, "read-phi");
    if (!isUnknown(read) && read.length > 0) return `${describeActions(read)} ${read.length === 1 ? "is" : "are"} allowed on every resource, so the function can read any PHI store`;
    const change = unconstrainedWith(s, "change");
    if (!isUnknown(change) && change.length > 0) return `${describeActions(change)} ${change.length === 1 ? "is" : "are"} allowed on every resource, so the function can change code or IAM`;
    return isUnknown(all) || isUnknown(read) || isUnknown(change) ? UNKNOWN : undefined;
}

export const awsLambdaRoleScope: StackControl<Config> = {
    id: "aws-lambda-role-scope",
    title: "Lambda execution roles hold no administrator or wildcard rights",
    cloud: "aws",
    judges: LAMBDA_FUNCTIONS,
    category: "service-identity",
    severity: "high",
    hipaa: [inferred("164.312(a)(1)")],
    description:
        "Code running in a Lambda function acts with its execution role, so a role with administrator rights, service wildcards or PHI reads and code or IAM changes on every resource turns any bug, dependency compromise or code change into account-wide access to PHI. Each function should hold only the actions and resources it uses.",
    remediation:
        "Give the function its own role whose policies list the specific actions it calls on the specific resource ARNs it uses (e.g. s3:GetObject on the one bucket's objects), with no Action \"*\", no service:* and no NotAction.",
    unknowns:
        "A Resource unknown at preview counts as a specific ARN (outputs of other resources are never the literal \"*\"). A role, an Action list or a policy document unknown at preview, a role or policy outside the stack and an AWS managed policy newer than phi-guard's dataset are reported as unverified (advisory); a document that cannot be parsed is a violation.",
    acrossResources: "Every judgement: each function's execution role, with the rights gathered from every policy and attachment of the stack.",
    config: {
        allowedFunctions: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Functions (Pulumi resource name or function name) exempt from this check, e.g. a reviewed break-glass automation.",
        },
    },
    checkStack(stack, ctx) {
        const functions = stack.ofType(LAMBDA_FUNCTIONS);
        if (functions.length === 0) return;
        const rights = collectPrincipalRights(stack);
        for (const fn of functions) {
            if (ctx.config.allowedFunctions.some((n) => n === fn.name || n === fn.props[functionNameProp(fn.type)])) continue;
            const roles = stack.linked(fn, "role").filter((r) => IAM_ROLES.has(r.type));
            if (roles.length === 0) {
                ctx.unverified(isUnknown(fn.props.role) ? "role" : "role (a role outside this stack)", fn.urn);
                continue;
            }
            for (const role of roles) {
                const read = readRights(rights.get(role.urn)?.sources ?? []);
                let unsure: string | undefined = read.unreadable[0] && unreadableAt(read.unreadable[0]);
                for (const g of read.statements) {
                    if (isUnknown(g.statement.effect)) {
                        unsure ??= `${g.at}.Effect`;
                        continue;
                    }
                    if (!isAllow(g.statement)) continue;
                    const why = broadness(g.statement);
                    if (isUnknown(why)) unsure ??= g.at;
                    else if (why) ctx.fail({ problem: `the function's role ${label(role)} is too broad: ${why}`, at: `role -> ${g.at}`, urn: fn.urn });
                }
                for (const { source, reason } of read.invalid) {
                    ctx.fail({ problem: `${reason}, so the rights of the function's role cannot be checked`, at: `role -> ${source.via}`, fix: "supply a valid IAM policy document", urn: fn.urn });
                }
                if (unsure) ctx.unverified(`role -> ${unsure}`, fn.urn);
            }
        }
    },
};
