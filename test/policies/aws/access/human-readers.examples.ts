import { awsAccessHumanReaders as control } from "../../../../policies/aws/access/human-readers";
import { defineExamples, fails } from "../../../examples";
import { baseline, boundary, bucket } from "./fixtures";

export default defineExamples({
    control,
    passing: {
        baseline: { says: "one role people assume (the audit role, trusted by an account root) can read the PHI bucket, under the default limit of 3", resources: baseline, options: boundary },
    },
    failing: {
        "store-limit": {
            says: "the bucket's own limit allows nobody, and the audit role's people can read it",
            resources: baseline,
            options: { ...boundary, config: { storeLimits: { claims: 0 } } },
            findings: [fails(bucket, "access paths")],
        },
    },
});
