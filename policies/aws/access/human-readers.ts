import type { StackControl } from "../../control";
import { HUMAN_READERS_CONFIG, checkHumanReaders, HumanReadersConfig } from "../../lib/access/checks";
import { inferred } from "../../lib/hipaa";
import { AWS_PHI_STORES } from "../../lib/aws/stores";
import { IAM_PRINCIPALS } from "../../lib/aws/principals";
import { unionOf } from "../../lib/type-tokens";

export const awsAccessHumanReaders: StackControl<HumanReadersConfig> = {
    id: "aws-access-human-readers",
    title: "No more people can read a PHI store than its limit",
    cloud: "aws",
    judges: unionOf(IAM_PRINCIPALS, AWS_PHI_STORES),
    category: "standing-privilege",
    severity: "medium",
    phiScoped: true,
    hipaa: [inferred("164.308(a)(4)(ii)(B)"), inferred("164.308(a)(3)(ii)(B)")],
    description:
        "Counts the people who can read each PHI store through any chain of steps the stack shows: IAM users, groups, permission sets and roles trusted by users, SAML or OIDC federation or an account root, through group membership, role assumption, iam:PassRole to workloads and resource policies. Every extra reader is one more insider who can take the data, and no single grant shows how many there are.",
    remediation:
        "Remove the grants, trusts or memberships that lead people to the store (workloads that need the data keep their roles), or raise the limit for that store in storeLimits with the reason recorded.",
    unknowns: "A step that rests on a value unknown at preview (a principal, a Resource, a role, a scope or an action list) is drawn and marked unverified: a finding that only unverified paths would make is reported as could not verify (advisory), with the paths.",
    acrossResources: "Every judgement: the access graph of the stack (policies/lib/access), the shortest path from each person to each PHI store.",
    config: HUMAN_READERS_CONFIG,
    checkStack(stack, ctx) {
        checkHumanReaders("aws", stack, ctx);
    },
};
