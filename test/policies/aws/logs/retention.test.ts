import { strict as assert } from "assert";
import { awsLogsRetention as control } from "../../../../policies/aws/logs/retention";
import { runResource, secret, unknown } from "../../../harness";

const group = (props: Record<string, unknown>) => ({ type: "aws:cloudwatch/logGroup:LogGroup", props: { kmsKeyId: "arn:aws:kms:us-east-1:1:key/k", ...props } });

describe("aws-logs-retention", () => {
    it("flags retention shorter than six years", async () => {
        const r = await runResource(control, group({ retentionInDays: 365 }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /keeps events for 365 days, less than 2192 at retentionInDays/);
    });

    it("flags 1827 days (five years) and a numeric string", async () => {
        assert.equal((await runResource(control, group({ retentionInDays: 1827 }))).violations.length, 1);
        assert.equal((await runResource(control, group({ retentionInDays: "90" }))).violations.length, 1);
    });

    it("passes 2192 days and more", async () => {
        for (const retentionInDays of [2192, 3653]) assert.deepEqual((await runResource(control, group({ retentionInDays }))).violations, []);
    });

    it("passes 0 and an absent retention (never expire)", async () => {
        assert.deepEqual(await runResource(control, group({ retentionInDays: 0 })), { violations: [], unverified: [], urns: [] });
        assert.deepEqual(await runResource(control, group({})), { violations: [], unverified: [], urns: [] });
    });

    it("honours a configured minimum", async () => {
        assert.equal((await runResource(control, group({ retentionInDays: 2557 }), { config: { minimumRetentionDays: 2922 } })).violations.length, 1);
    });

    it("reads a secret retention", async () => {
        assert.equal((await runResource(control, group({ retentionInDays: secret(30) }))).violations.length, 1);
    });

    it("says it could not verify an unknown retention", async () => {
        const r = await runResource(control, group({ retentionInDays: unknown }));
        assert.deepEqual(r.violations, []);
        assert.match(r.unverified[0], /could not verify retentionInDays/);
    });
});
