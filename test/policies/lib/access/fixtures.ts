import { accessGraph } from "../../../../policies/lib/access";
import { StackIndex, StackResource } from "../../../../policies/lib/stack-index";
import type { Plain } from "../../../../policies/lib/values";

/** What the access graph tests share: a boundary, resources, policy documents and a graph of them. */
export const settings = { trustedAwsAccountIds: ["111122223333"], trustedAwsOrganizationIds: [], trustedAzureTenantIds: [], trustedAzureSubscriptionIds: [] };
export const r = (type: string, name: string, props: Record<string, Plain>, propertyDependencies: Record<string, string[]> = {}): StackResource => ({
    type,
    name,
    urn: `urn:pulumi:t::t::${type}::${name}`,
    props,
    dependencies: [],
    propertyDependencies,
});
export const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const graphOf = (...resources: StackResource[]) => accessGraph(new StackIndex(resources), { isPhi: () => true, settings });
