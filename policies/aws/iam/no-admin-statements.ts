import type { ResourceControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { grantsEverything } from "../../lib/aws/privilege";
import { forEachAllowStatement, identityDocuments } from "../../lib/aws/documents";
import { IDENTITY_DOCUMENT_TYPES } from "../../lib/aws/rights";
import { isUnknown } from "../../lib/values";

export const awsIamNoAdminStatements: ResourceControl = {
    id: "aws-iam-no-admin-statements",
    title: "IAM policies grant no full administrator access",
    cloud: "aws",
    category: "standing-privilege",
    severity: "critical",
    hipaa: [prowler("164.308(a)(3)(i)"), prowler("164.312(a)(1)")],
    description:
        "An IAM statement that allows every action on every resource gives its holder standing administrator rights, including reading any PHI store and erasing the audit trail. Allow with NotAction on every resource is just as broad.",
    remediation:
        "Replace the statement with the specific actions and resource ARNs the principal needs; grant administrator access only through a break-glass role assumed just in time.",
    unknowns: "A policy document unknown at preview is reported as unverified (advisory); a document that cannot be parsed is a violation.",
    types: IDENTITY_DOCUMENT_TYPES,
    checkResource(resource, ctx) {
        forEachAllowStatement(identityDocuments(resource), ctx, (s, at) => {
            const everything = grantsEverything(s);
            if (everything === true) {
                const how = s.notActions !== undefined ? "Allow with NotAction" : 'Allow of Action "*"';
                ctx.fail({ problem: `${how} on every resource grants full administrator access`, at });
            } else if (isUnknown(everything)) ctx.unverified(at);
        });
    },
};
