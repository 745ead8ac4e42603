import { azAccessExternalReach as control } from "../../../../policies/azure/access/external-reach";
import { AZ_BOUNDARY, change, defineExamples, fails } from "../../../examples";
import { baseline, boundary, federation } from "./fixtures";

export default defineExamples({
    control,
    passing: {
        baseline: { says: "the app's identity is federated only to the organisation's own tenant", resources: baseline, options: boundary },
    },
    failing: {
        "foreign-tenant": {
            says: "tokens of another tenant may act as the identity that reads PHI",
            resources: change(baseline, "claims-api-federation", { issuer: `https://login.microsoftonline.com/${AZ_BOUNDARY.foreignTenant}/v2.0` }),
            options: boundary,
            findings: [fails(federation(AZ_BOUNDARY.foreignTenant), "access paths")],
        },
    },
});
