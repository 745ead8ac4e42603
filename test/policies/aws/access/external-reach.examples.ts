import { awsAccessExternalReach as control } from "../../../../policies/aws/access/external-reach";
import { change, defineExamples, fails } from "../../../examples";
import { baseline, boundary, OUTSIDER, trustAccount, vendor } from "./fixtures";

export default defineExamples({
    control,
    passing: {
        baseline: { says: "an audit role that reads PHI, assumed only from a trusted account", resources: baseline, options: boundary },
    },
    failing: {
        "outside-account": {
            says: "an account outside the boundary may assume the audit role (with an external id) and read PHI through it",
            resources: change(baseline, "vendor-audit", { assumeRolePolicy: trustAccount(OUTSIDER, { StringEquals: { "sts:ExternalId": "audit-7f3a" } }) }),
            options: boundary,
            findings: [fails(vendor(OUTSIDER), "access paths")],
        },
    },
});
