import { strict as assert } from "assert";
import { PLACEHOLDER } from "../../../../engine/invokes";
import { azureBoundary, SCAN_PLACEHOLDER, stackResourceSide, subscriptionOfId, subscriptionSide, tenantSide } from "../../../../policies/lib/azure/boundary";
import { StackIndex } from "../../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../../policies/lib/values";
import { stackResource } from "../../../harness";

const OWN = "5d1e4c2a-7b3f-4e8a-9c61-0a2b3c4d5e6f";
const OTHER = "f0f0f0f0-1111-4222-8333-944445555666";
const TENANT = "33333333-3333-3333-3333-333333333333";
const none = { trustedAzureSubscriptionIds: [], trustedAzureTenantIds: [] };
const provider = (name: string, props: Record<string, string>) => stackResource("pulumi:providers:azure-native", name, props);
const idIn = (sub: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa`;

describe("lib/azure/boundary", () => {
    it("keeps the scan's placeholder client config equal to the one engine/invokes.ts answers with", () => {
        assert.equal(SCAN_PLACEHOLDER.subscriptionId, PLACEHOLDER.azureSubscriptionId);
        assert.equal(SCAN_PLACEHOLDER.tenantId, PLACEHOLDER.azureTenantId);
    });

    it("reads the subscription of ids in any case, with doubled or missing leading slashes", () => {
        assert.equal(subscriptionOfId(`/SUBSCRIPTIONS/${OWN.toUpperCase()}/resourceGroups/x`), OWN);
        assert.equal(subscriptionOfId(`subscriptions/${OWN}`), OWN);
        assert.equal(subscriptionOfId(`//subscriptions//${OWN}/`), OWN);
        assert.equal(subscriptionOfId("partnerdrop"), undefined);
        assert.equal(subscriptionOfId("/providers/Microsoft.Management/managementGroups/mg"), undefined);
    });

    it("takes the configured ids when given, and always counts the scan's placeholders as own", () => {
        const b = azureBoundary(new StackIndex([]), { trustedAzureSubscriptionIds: [OWN.toUpperCase()], trustedAzureTenantIds: [TENANT] });
        assert.equal(subscriptionSide(b, idIn(OWN)), "inside");
        assert.equal(subscriptionSide(b, idIn(SCAN_PLACEHOLDER.subscriptionId)), "inside");
        assert.equal(subscriptionSide(b, idIn(OTHER)), "outside");
        assert.equal(tenantSide(b, TENANT.toUpperCase()), "inside");
        assert.equal(tenantSide(b, SCAN_PLACEHOLDER.tenantId), "inside");
    });

    it("takes the stack's own subscription and tenant from its azure-native provider when nothing is configured", () => {
        const b = azureBoundary(new StackIndex([provider("default_3_28_0", { subscriptionId: OWN, tenantId: TENANT })]), none);
        assert.equal(subscriptionSide(b, idIn(OWN)), "inside");
        assert.equal(subscriptionSide(b, idIn(OTHER)), "outside");
        assert.equal(tenantSide(b, "e1e1e1e1-2222-4333-8444-955556666777"), "outside");
    });

    it("takes the stack's own subscription from its resources' known ids", () => {
        const b = azureBoundary(new StackIndex([stackResource("azure-native:storage:StorageAccount", "sa", { id: idIn(OWN) })]), none);
        assert.equal(subscriptionSide(b, idIn(OTHER)), "outside");
        assert.equal(tenantSide(b, TENANT), "undetermined");
    });

    it("cannot tell the boundary of a stack that shows no subscription, or several (a second provider)", () => {
        assert.equal(subscriptionSide(azureBoundary(new StackIndex([]), none), idIn(OTHER)), "undetermined");
        const two = azureBoundary(new StackIndex([provider("default", { subscriptionId: OWN }), provider("elsewhere", { subscriptionId: OTHER })]), none);
        assert.equal(subscriptionSide(two, idIn(OTHER)), "undetermined");
        assert.equal(subscriptionSide(two, idIn(OWN)), "undetermined");
        assert.equal(subscriptionSide(two, idIn(SCAN_PLACEHOLDER.subscriptionId)), "inside");
    });

    it("tells unknown values from known values that name no owner", () => {
        const b = azureBoundary(new StackIndex([]), { ...none, trustedAzureSubscriptionIds: [OWN] });
        assert.equal(subscriptionSide(b, UNKNOWN), "unknown");
        assert.equal(subscriptionSide(b, "partnerdrop"), "unowned");
        assert.equal(tenantSide(b, UNKNOWN), "unknown");
    });

    it("places a stack resource with an unknown id in the stack's subscription only while every subscription the stack shows is trusted", () => {
        const own = stackResource("azure-native:sql:Database", "db", { id: UNKNOWN });
        const trusted = { ...none, trustedAzureSubscriptionIds: [OWN] };
        assert.equal(stackResourceSide(azureBoundary(new StackIndex([own, provider("default", { subscriptionId: OWN })]), trusted), own), "inside");
        const foreignProvider = new StackIndex([own, provider("default", { subscriptionId: OWN }), provider("partner", { subscriptionId: OTHER })]);
        assert.equal(stackResourceSide(azureBoundary(foreignProvider, trusted), own), "unknown");
    });
});
