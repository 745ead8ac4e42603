import { azAccessReviews as control } from "../../../../policies/azure/access/reviews";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const group = resource("azure-native:resources:ResourceGroup", "rg-phi", { resourceGroupName: "rg-phi", location: "eastus", tags: { "data-classification": "phi" } });
const review = linked("azure-native:authorization:ScopeAccessReviewScheduleDefinitionById", "phi-review", "scope", group, {
    displayName: "Quarterly review of rg-phi",
    type: "absoluteMonthly",
    interval: 3,
    autoApplyDecisionsEnabled: true,
    defaultDecision: "Deny",
});
const baseline = [group, review];
const yearly = change(baseline, "phi-review", { interval: 12 });
const manual = change(baseline, "phi-review", { autoApplyDecisionsEnabled: false });

export default defineExamples({
    control,
    passing: { baseline: { says: "a quarterly access review of the PHI resource group that removes unconfirmed access", resources: baseline } },
    failing: {
        "no-review": { says: "a PHI resource group nobody reviews", resources: without(baseline, "phi-review"), findings: [fails(group, "authorization.ScopeAccessReviewScheduleDefinitionById")] },
        yearly: { says: "reviewed once a year", resources: yearly, findings: [fails(yearly[1], "interval")] },
        "decisions-not-applied": { says: "review results are not applied, so unconfirmed access stays", resources: manual, findings: [fails(manual[1], "autoApplyDecisionsEnabled")] },
    },
});
