import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { describeActions, unconstrainedWith } from "../../lib/aws/actions";
import { forEachNarrowerGrant } from "../../lib/aws/documents";
import { IDENTITY_DOCUMENT_TYPES } from "../../lib/aws/rights";
import { isUnknown } from "../../lib/values";

export const awsIamPrivilegeEscalation: ResourceControl = {
    id: "aws-iam-privilege-escalation",
    title: "IAM policies grant no unconstrained privilege-escalation actions",
    cloud: "aws",
    category: "standing-privilege",
    severity: "critical",
    hipaa: [inferred("164.308(a)(4)(ii)(B)")],
    description:
        "iam:PassRole, policy writes and attachments (iam:CreatePolicyVersion, iam:Attach*Policy, iam:Put*Policy), new credentials for other users and sts:AssumeRole on every role let a principal grant itself any right, including reading PHI. A narrow policy with one of these on `*` is an administrator in waiting.",
    remediation:
        "Scope these actions to the ARNs of the specific roles, users and policies concerned, and constrain them with conditions such as iam:PassedToService, iam:PermissionsBoundary or iam:PolicyARN.",
    unknowns: "A Resource (or Resource item) or condition value unknown at preview is the output of another resource, an ARN or id, so it counts as specific; an unknown document, Effect, Action list or Condition block is reported as unverified (advisory); a document that cannot be parsed is a violation.",
    types: IDENTITY_DOCUMENT_TYPES,
    checkResource(resource, ctx) {
        forEachNarrowerGrant(resource, ctx, (s, at, ctx) => {
            const granted = unconstrainedWith(s, "escalate");
            if (isUnknown(granted)) ctx.unverified(at);
            else if (granted.length > 0) {
                ctx.fail({ problem: `${describeActions(granted)} ${granted.length === 1 ? "is" : "are"} allowed on every target without a constraining condition`, at });
            }
        });
    },
};
