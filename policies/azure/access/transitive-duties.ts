import type { StackControl } from "../../control";
import { ALLOWED_PRINCIPALS, checkTransitiveDuties, PrincipalsConfig } from "../../lib/access/checks";
import { inferred } from "../../lib/hipaa";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";

export const azAccessTransitiveDuties: StackControl<PrincipalsConfig> = {
    id: "az-access-transitive-duties",
    title: "No principal that changes production reaches PHI through a chain",
    cloud: "azure",
    judges: ROLE_ASSIGNMENTS,
    category: "segregation-of-duties",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.308(a)(3)(ii)(A)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A principal that deploys code to an app (Website Contributor, Contributor) whose managed identity reads PHI reads PHI itself, through the code it ships, though none of its own assignments does. az-segregation-of-duties judges the roles a principal holds itself; this control follows the chain (two or more steps), so each problem is reported once.",
    remediation:
        "Give the deployment right to a pipeline identity whose apps reach no PHI, or move the PHI read to an app the deployers cannot change; list an accepted exception in allowedPrincipals.",
    unknowns: "A step that rests on a value unknown at preview (a principal, a Resource, a role, a scope or an action list) is drawn and marked unverified: a finding that only unverified paths would make is reported as could not verify (advisory), with the paths.",
    acrossResources: "Every judgement: the access graph of the stack (policies/lib/access), the chains from each principal that changes infrastructure or code to PHI reads.",
    config: ALLOWED_PRINCIPALS,
    checkStack(stack, ctx) {
        checkTransitiveDuties("azure", stack, ctx);
    },
};
