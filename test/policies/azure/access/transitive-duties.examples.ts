import { azAccessTransitiveDuties as control } from "../../../../policies/azure/access/transitive-duties";
import { defineExamples, fails } from "../../../examples";
import { baseline, boundary, developersDeploy } from "./fixtures";

export default defineExamples({
    control,
    passing: {
        baseline: { says: "an app whose identity reads the PHI account, deployed by nobody in the stack", resources: baseline, options: boundary },
    },
    failing: {
        "deployers-reach-phi": {
            says: "a group deploys code to the app (Website Contributor on its resource group), so it reads PHI through the app's identity",
            resources: [...baseline, developersDeploy],
            options: boundary,
            findings: [fails(developersDeploy, "access paths")],
        },
    },
});
