import { strict as assert } from "assert";
import { awsLogsKms as control } from "../../../../policies/aws/logs/kms";
import { runResource, secret, unknown } from "../../../harness";

const group = (props: Record<string, unknown>) => ({ type: "aws:cloudwatch/logGroup:LogGroup", props: { retentionInDays: 2192, ...props } });

describe("aws-logs-kms", () => {
    it("flags a log group without kmsKeyId", async () => {
        const r = await runResource(control, group({}));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not encrypted with a customer-managed key at kmsKeyId/);
    });

    it("flags an empty kmsKeyId", async () => {
        assert.equal((await runResource(control, group({ kmsKeyId: " " }))).violations.length, 1);
    });

    it("passes a key ARN, including one held as a secret", async () => {
        assert.deepEqual(await runResource(control, group({ kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/abcd" })), { violations: [], unverified: [], urns: [] });
        assert.deepEqual((await runResource(control, group({ kmsKeyId: secret("arn:aws:kms:us-east-1:111122223333:key/abcd") }))).violations, []);
    });

    it("accepts an unknown kmsKeyId as a key created in the same update", async () => {
        assert.deepEqual(await runResource(control, group({ kmsKeyId: unknown })), { violations: [], unverified: [], urns: [] });
    });

    it("ignores other resource types", async () => {
        assert.deepEqual((await runResource(control, { type: "aws:s3/bucket:Bucket", props: {} })).violations, []);
    });
});
