import { awsIamGrantJustification as control } from "../../../../policies/aws/iam/grant-justification";
import { change, defineExamples, fails, iamDoc, resource, serviceTrust } from "../../../examples";

const TAGS = { justification: "nightly claims export", ticket: "SEC-123", owner: "data-team" };
const reader = resource("aws:iam/role:Role", "claims-export", {
    assumeRolePolicy: serviceTrust("lambda.amazonaws.com"),
    inlinePolicies: [{ name: "read", policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }) }],
    tags: TAGS,
});
const baseline = [reader];
const untagged = change(baseline, "claims-export", { tags: { owner: "data-team" } });
const expired = change(baseline, "claims-export", { tags: { ...TAGS, expires: "2020-01-01" } });

export default defineExamples({
    control,
    passing: { baseline: { says: "a role that reads PHI, tagged with who asked for it and why", resources: baseline } },
    failing: {
        "missing-tags": { says: "the PHI-reading role has no justification or ticket tag", resources: untagged, findings: [fails(untagged[0], "tags")] },
        expired: { says: "the grant's expiry date has passed", resources: expired, findings: [fails(expired[0], "tags.expires")] },
    },
});
