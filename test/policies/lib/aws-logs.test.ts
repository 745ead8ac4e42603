import { strict as assert } from "assert";
import { hasLogGroupKey, LOG_GROUPS } from "../../../policies/lib/aws-logs";
import { UNKNOWN } from "../../../policies/lib/values";

describe("lib/aws-logs", () => {
    it("counts a key ARN or an unknown key as set", () => {
        assert.equal(hasLogGroupKey("arn:aws:kms:us-east-1:1:key/k"), true);
        assert.equal(hasLogGroupKey(UNKNOWN), true);
    });

    it("counts absent, empty and non-string values as not set", () => {
        for (const v of [undefined, null, "", "  ", 5]) assert.equal(hasLogGroupKey(v), false);
    });

    it("matches the log group token", () => {
        assert.equal(LOG_GROUPS.has("aws:cloudwatch/logGroup:LogGroup"), true);
    });
});
