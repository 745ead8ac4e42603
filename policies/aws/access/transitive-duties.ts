import type { StackControl } from "../../control";
import { ALLOWED_PRINCIPALS, checkTransitiveDuties, PrincipalsConfig } from "../../lib/access/checks";
import { inferred } from "../../lib/hipaa";
import { IAM_PRINCIPALS } from "../../lib/aws/principals";

export const awsAccessTransitiveDuties: StackControl<PrincipalsConfig> = {
    id: "aws-access-transitive-duties",
    title: "No principal that changes production reaches PHI through a chain",
    cloud: "aws",
    judges: IAM_PRINCIPALS,
    category: "segregation-of-duties",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.308(a)(3)(ii)(A)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A principal that can change code or infrastructure and can assume a role, pass a role to a function it creates, or change the code of a workload that reads PHI holds both duties, though none of its own grants reads PHI. aws-segregation-of-duties judges the rights a principal holds itself; this control follows the chain (two or more steps), so each problem is reported once.",
    remediation:
        "Break the chain: take the sts:AssumeRole, iam:PassRole or lambda:UpdateFunctionCode right that leads to a PHI reader away from the principal that changes production, or give the changes to a pipeline role that reaches no PHI.",
    unknowns: "A step that rests on a value unknown at preview (a principal, a Resource, a role, a scope or an action list) is drawn and marked unverified: a finding that only unverified paths would make is reported as could not verify (advisory), with the paths.",
    acrossResources: "Every judgement: the access graph of the stack (policies/lib/access), the chains from each principal that changes code or infrastructure to PHI reads.",
    config: ALLOWED_PRINCIPALS,
    checkStack(stack, ctx) {
        checkTransitiveDuties("aws", stack, ctx);
    },
};
