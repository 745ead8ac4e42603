import { awsExfilLogShipping as control } from "../../../../policies/aws/exfil/log-shipping";
import { change, defineExamples, fails, linked, resource } from "../../../examples";
import { boundary, OUTSIDER, TRUSTED } from "./fixtures";

const group = resource("aws:cloudwatch/logGroup:LogGroup", "records-api-logs", { retentionInDays: 2192, kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/k" });
const filter = linked("aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", "records-api-to-siem", "logGroup", group, {
    filterPattern: "",
    destinationArn: `arn:aws:logs:us-east-1:${TRUSTED}:destination:security-siem`,
});
const baseline = [group, filter];

export default defineExamples({
    control,
    passing: {
        baseline: { says: "PHI application logs shipped to the security account's log destination", resources: baseline, options: boundary },
    },
    failing: {
        "outside-account": {
            says: "PHI application logs shipped to a log destination of an account outside the boundary",
            resources: change(baseline, "records-api-to-siem", { destinationArn: `arn:aws:logs:us-east-1:${OUTSIDER}:destination:collector` }),
            options: boundary,
            findings: [fails(filter, "destinationArn")],
        },
    },
});
