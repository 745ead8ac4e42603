import type { PolicyPackConfigFile } from "../../engine/pack-config";
import type { EngineResource } from "../../engine/resource";
import { withDefaultProviders } from "./build";
import { dataStack } from "./data";
import { identityStack } from "./identity";
import { sampleStacks } from "./samples";
import { syntheticStack } from "./synthetic";

/** One shape of stack the pack must handle within budget, at any size. */
export interface Workload {
    name: string;
    /** What the stack holds, for the report. */
    description: string;
    /** About `size` resources (sample copies round up to whole copies). */
    stack(size: number): EngineResource[];
    /** phi-guard's policy config for this stack (the floor pack takes none). */
    config: PolicyPackConfigFile;
}

export async function workloads(): Promise<Workload[]> {
    const [compliant, violating] = await Promise.all([sampleStacks(["aws-compliant", "azure-compliant"]), sampleStacks(["aws-violations", "azure-violations"])]);
    return [
        {
            name: "synthetic",
            description: "small AWS and Azure PHI workloads with their companions, policies and role assignments; about half the resources violate a control",
            stack: (size) => withDefaultProviders(syntheticStack(size)),
            config: {},
        },
        {
            name: "compliant",
            description: "the compliant sample stacks (stacks/aws-compliant, stacks/azure-compliant) copied, with their config: no findings",
            stack: (size) => withDefaultProviders(compliant.stack(size)),
            config: compliant.config,
        },
        {
            name: "identity-heavy",
            description: "roles, users, groups, permission sets, managed identities, customer and managed policies, attachments, role assignments, custom roles, PIM eligibilities and access reviews; one store per ten teams",
            stack: (size) => withDefaultProviders(identityStack(size)),
            config: {},
        },
        {
            name: "data-heavy",
            description: "S3 buckets, DynamoDB, RDS, SQS, storage accounts, SQL servers and databases, Cosmos DB, each with its companions (encryption, public access blocks, versioning, logging, bucket policies, private endpoints, diagnostic settings, immutability, auditing, TDE)",
            stack: (size) => withDefaultProviders(dataStack(size)),
            config: {},
        },
        {
            name: "all-violating",
            description: "the violation sample stacks (stacks/aws-violations, stacks/azure-violations) copied: every control fires",
            stack: (size) => withDefaultProviders(violating.stack(size)),
            config: violating.config,
        },
    ];
}
