import { strict as assert } from "assert";
import { awsCloudtrailIntegrity as control } from "../../../../policies/aws/cloudtrail/integrity";
import { runResource, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const TRAIL = "aws:cloudtrail/trail:Trail";
const good = {
    s3BucketName: "trail-logs",
    enableLogFileValidation: true,
    kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/abc",
    cloudWatchLogsGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trail:*",
    cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail-logs",
};

describe("aws-cloudtrail-integrity", () => {
    it("passes a trail with validation, a CMK and CloudWatch delivery", async () => {
        assert.deepEqual(await runResource(control, { type: TRAIL, props: good }), { violations: [], unverified: [], urns: [] });
    });

    it("flags a bare trail three times, once per missing setting", async () => {
        const r = await runResource(control, { type: TRAIL, props: { s3BucketName: "trail-logs" } });
        assert.equal(r.violations.length, 3);
        assert.match(r.violations[0], /at enableLogFileValidation/);
        assert.match(r.violations[1], /at kmsKeyId/);
        assert.match(r.violations[2], /at cloudWatchLogsGroupArn/);
    });

    it('flags enableLogFileValidation "false" and an empty kmsKeyId', async () => {
        const r = await runResource(control, { type: TRAIL, props: { ...good, enableLogFileValidation: "false", kmsKeyId: "" } });
        assertFindings(r, [{ at: "enableLogFileValidation" }, { at: "kmsKeyId" }]);
    });

    it("accepts a key and log group unknown at preview; an unknown validation flag is unverified", async () => {
        const r = await runResource(control, { type: TRAIL, props: { ...good, kmsKeyId: unknown, cloudWatchLogsGroupArn: unknown, enableLogFileValidation: unknown } });
        assert.deepEqual(r.violations, []);
        assert.equal(r.unverified.length, 1);
        assert.match(r.unverified[0], /enableLogFileValidation/);
    });
});
