import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { describeActions, isServiceWildcard, unconstrainedWith } from "../../lib/aws/actions";
import { forEachNarrowerGrant } from "../../lib/aws/documents";
import { IDENTITY_DOCUMENT_TYPES } from "../../lib/aws/rights";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedServiceWildcards: string[];
}

export const awsIamNoServiceWildcards: ResourceControl<Config> = {
    id: "aws-iam-no-service-wildcards",
    title: "IAM policies grant no service-wide wildcards and no data reads on every resource",
    cloud: "aws",
    category: "broad-permissions",
    severity: "high",
    hipaa: [inferred("164.308(a)(4)(ii)(B)")],
    description:
        "An action such as `s3:*` grants every present and future action of a service, and a data read (s3:GetObject, dynamodb:Scan, secretsmanager:GetSecretValue, kms:Decrypt...) on Resource `*` reaches every PHI store in the account. Access authorization needs both the actions and the resources named.",
    remediation:
        "List the specific actions the principal needs instead of `svc:*`, and scope data-read actions to the ARNs of the buckets, tables, secrets, parameters and keys it works on.",
    unknowns: "A Resource (or Resource item) or condition value unknown at preview is the output of another resource, an ARN or id, so it counts as specific; an unknown document, Effect, Action list or Condition block is reported as unverified (advisory); a document that cannot be parsed is a violation.",
    config: {
        allowedServiceWildcards: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Service wildcards accepted anyway (e.g. `logs:*` for a log shipper), compared case-insensitively.",
        },
    },
    types: IDENTITY_DOCUMENT_TYPES,
    checkResource(resource, ctx) {
        const allowed = ctx.config.allowedServiceWildcards.map((a) => a.toLowerCase());
        forEachNarrowerGrant(resource, ctx, (s, at, ctx) => {
            if (isUnknown(s.actions)) {
                ctx.unverified(`${at}.Action`);
                return;
            }
            const wildcards = (s.actions ?? []).filter((a) => isServiceWildcard(a) && !allowed.includes(a.toLowerCase()));
            if (wildcards.length > 0) {
                ctx.fail({
                    problem: `Allow of ${wildcards.map((w) => `"${w}"`).join(", ")} grants every action of the service`,
                    at: `${at}.Action`,
                    fix: "list the specific actions the principal needs",
                });
            }
            const reads = unconstrainedWith(s, "read-phi");
            if (isUnknown(reads)) ctx.unverified(at);
            else if (reads.length > 0) {
                ctx.fail({
                    problem: `data-read actions (${describeActions(reads)}) are allowed on every resource`,
                    at,
                    fix: "scope the Resource to the ARNs of the stores the principal reads",
                });
            }
        });
    },
};

