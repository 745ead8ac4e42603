import { awsAccessTransitiveDuties as control } from "../../../../policies/aws/access/transitive-duties";
import { defineExamples, fails } from "../../../examples";
import { baseline, boundary, deploy, deployPolicy } from "./fixtures";

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a deploy role that creates functions and passes them only a role that reads no PHI", resources: baseline, options: boundary },
    },
    failing: {
        "passes-phi-reader": {
            says: "the deploy role may pass the role that reads the PHI bucket to a function it creates",
            resources: [...baseline.filter((r) => r.name !== "deploy-functions"), deployPolicy("claims-reader")],
            options: boundary,
            findings: [fails(deploy, "access paths")],
        },
    },
});

