import { azAccessHumanReaders as control } from "../../../../policies/azure/access/human-readers";
import { defineExamples, fails } from "../../../examples";
import { account, baseline, boundary, developersDeploy } from "./fixtures";

export default defineExamples({
    control,
    passing: {
        baseline: { says: "only the app's identity reads the PHI account", resources: baseline, options: boundary },
        deployers: { says: "one group reaches it through the app, within the default limit of 3", resources: [...baseline, developersDeploy], options: boundary },
    },
    failing: {
        "store-limit": {
            from: "deployers",
            says: "the account's own limit allows nobody, and the deploying group reads it through the app",
            resources: [...baseline, developersDeploy],
            options: { ...boundary, config: { storeLimits: { claimsstore: 0 } } },
            findings: [fails(account, "access paths")],
        },
    },
});
