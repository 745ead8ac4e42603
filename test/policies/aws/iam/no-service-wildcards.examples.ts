import { awsIamNoServiceWildcards as control } from "../../../../policies/aws/iam/no-service-wildcards";
import { defineExamples, fails, iamDoc, resource } from "../../../examples";
import { unknown } from "../../../harness";

const policy = (policy: unknown) => resource("aws:iam/policy:Policy", "app", { policy });
const base = policy(iamDoc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::phi-records/*" }));
const serviceStar = policy(iamDoc({ Effect: "Allow", Action: ["s3:*"], Resource: "arn:aws:s3:::phi-records/*" }));
const everyResource = policy(iamDoc({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*" }));
const unknownBucket = policy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: unknown }] });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "named S3 actions on one bucket's objects", resources: [base] },
        "bucket-of-the-program": { says: "object reads on a bucket ARN that is known only after the update (a bucket the program creates)", resources: [unknownBucket] },
        "allowed-wildcard": { says: "a service wildcard the config allows", resources: [serviceStar], options: { config: { allowedServiceWildcards: ["s3:*"] } } },
    },
    failing: {
        "service-wildcard": { says: '"s3:*" on one bucket: every S3 action, including ones added later', resources: [serviceStar], findings: [fails(serviceStar, "policy.Statement[0].Action")] },
        "reads-on-every-resource": { says: "object reads on every resource", resources: [everyResource], findings: [fails(everyResource, "policy.Statement[0]")] },
    },
});
