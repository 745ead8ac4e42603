import type { StackControl } from "../../control";
import { HUMAN_READERS_CONFIG, checkHumanReaders, HumanReadersConfig } from "../../lib/access/checks";
import { inferred } from "../../lib/hipaa";
import { AZ_ALL_PHI_STORES } from "../../lib/azure/stores";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { unionOf } from "../../lib/type-tokens";

export const azAccessHumanReaders: StackControl<HumanReadersConfig> = {
    id: "az-access-human-readers",
    title: "No more people can read a PHI store than its limit",
    cloud: "azure",
    judges: unionOf(ROLE_ASSIGNMENTS, AZ_ALL_PHI_STORES),
    category: "standing-privilege",
    severity: "medium",
    phiScoped: true,
    hipaa: [inferred("164.308(a)(4)(ii)(B)"), inferred("164.308(a)(3)(ii)(B)")],
    description:
        "Counts the users and groups that can read each PHI store through any chain the stack shows: role assignments inherited from management groups, subscriptions and resource groups, account keys (listKeys), Key Vault access policies, and apps they deploy code to whose identities read the store. Every extra reader is one more insider who can take the data, and no single assignment shows how many there are.",
    remediation:
        "Remove the assignments that lead people to the store (the app identities that need the data keep theirs), assign data roles on the store rather than above it, or raise the limit for that store in storeLimits with the reason recorded.",
    unknowns: "A step that rests on a value unknown at preview (a principal, a Resource, a role, a scope or an action list) is drawn and marked unverified: a finding that only unverified paths would make is reported as could not verify (advisory), with the paths.",
    acrossResources: "Every judgement: the access graph of the stack (policies/lib/access), the shortest path from each user and group to each PHI store.",
    config: HUMAN_READERS_CONFIG,
    checkStack(stack, ctx) {
        checkHumanReaders("azure", stack, ctx);
    },
};
