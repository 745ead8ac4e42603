import type { StackControl } from "../../control";
import { ALLOWED_PRINCIPALS, checkExternalReach, PrincipalsConfig } from "../../lib/access/checks";
import { inferred } from "../../lib/hipaa";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { types, unionOf } from "../../lib/type-tokens";

export const azAccessExternalReach: StackControl<PrincipalsConfig> = {
    id: "az-access-external-reach",
    title: "No principal outside the organisation reaches PHI through a chain",
    cloud: "azure",
    judges: unionOf(ROLE_ASSIGNMENTS, types("azure-native:managedidentity:FederatedIdentityCredential")),
    category: "data-exfiltration",
    severity: "critical",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A federated credential that lets tokens of a tenant outside the organisation's boundary act as a managed identity, or a foreign group assignment, gives that tenant whatever the identity reads. This control follows such chains (two or more steps) to PHI, judged by the organisation boundary of phi-guard-settings.",
    remediation:
        "Remove the federated credential or foreign assignment that lets the outside tenant in, or the PHI read of the identity it reaches; list an accepted third party (its tenant) in allowedPrincipals.",
    unknowns: "A step that rests on a value unknown at preview (a principal, a Resource, a role, a scope or an action list) is drawn and marked unverified: a finding that only unverified paths would make is reported as could not verify (advisory), with the paths.",
    acrossResources: "Every judgement: the access graph of the stack (policies/lib/access) and the organisation boundary (phi-guard-settings), the chains from outside tenants to PHI reads.",
    config: ALLOWED_PRINCIPALS,
    checkStack(stack, ctx) {
        checkExternalReach("azure", stack, ctx);
    },
};
