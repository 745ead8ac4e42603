import type { StackControl } from "../../control";
import { ALLOWED_PRINCIPALS, checkExternalReach, PrincipalsConfig } from "../../lib/access/checks";
import { inferred } from "../../lib/hipaa";
import { IAM_ROLES } from "../../lib/aws/rights";

export const awsAccessExternalReach: StackControl<PrincipalsConfig> = {
    id: "aws-access-external-reach",
    title: "No principal outside the organisation reaches PHI through a chain",
    cloud: "aws",
    judges: IAM_ROLES,
    category: "data-exfiltration",
    severity: "critical",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "An account outside the organisation's boundary that may assume a role (even with an external id), which reads PHI or leads to a role that does, takes PHI out of the organisation with no grant to it on the store. aws-exfil-external-access judges each trust and resource policy on its own; this control follows the chain (two or more steps) to the data.",
    remediation:
        "Remove the trust that lets the outside account in, or the PHI read of the roles it reaches; list an accepted third party (its account id) in allowedPrincipals.",
    unknowns: "A step that rests on a value unknown at preview (a principal, a Resource, a role, a scope or an action list) is drawn and marked unverified: a finding that only unverified paths would make is reported as could not verify (advisory), with the paths.",
    acrossResources: "Every judgement: the access graph of the stack (policies/lib/access) and the organisation boundary (phi-guard-settings), the chains from outside accounts to PHI reads.",
    config: ALLOWED_PRINCIPALS,
    checkStack(stack, ctx) {
        checkExternalReach("aws", stack, ctx);
    },
};
