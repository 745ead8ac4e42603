import { strict as assert } from "assert";
import type { ResourceControl, StackControl } from "../../policies/control";
import { CLI_RESPONSE_LIMIT } from "../../policies/adapter";
import { TypeSet } from "../../policies/lib/type-tokens";
import { isUnlistedMessage, parseExemptReason } from "../../policies/outcomes";
import { diagnosticsOf, runResource, runStack, TestResource } from "../harness";

/** How the adapter carries a control's judgements to the runtime: levels, wording, and the response budget. */

const meta = {
    title: "test control",
    cloud: "aws" as const,
    category: "encryption-at-rest" as const,
    severity: "high" as const,
    hipaa: [],
    description: "A test control's description, which the diagnostic carries in its own field.",
    remediation: "fix it",
    unknowns: "says it could not verify",
};

/** A stack control that fails (or cannot verify) every resource it is given. */
const everyResource = (how: "fail" | "unverified"): StackControl => ({
    ...meta,
    id: "aws-s3-encryption-cmk",
    judges: new TypeSet(["aws:s3/bucket:Bucket"]),
    checkStack: (stack, ctx) => {
        for (const r of stack.resources) {
            if (how === "fail") ctx.fail({ problem: "no customer-managed key", at: "serverSideEncryptionConfiguration", urn: r.urn });
            else ctx.unverified("serverSideEncryptionConfiguration", r.urn);
        }
    },
});

const unknownResource: ResourceControl = {
    ...meta,
    id: "aws-datastore-cmk",
    types: new TypeSet(["aws:sqs/queue:Queue"]),
    checkResource: (_r, ctx) => ctx.unverified("kmsMasterKeyId"),
};

const buckets = (n: number): TestResource[] => Array.from({ length: n }, (_, i) => ({ type: "aws:s3/bucket:Bucket", name: `bucket-with-a-realistic-name-${i}`, props: {} }));
const bytes = (r: Awaited<ReturnType<typeof runStack>>) => diagnosticsOf(r).reduce((n, d) => n + Buffer.byteLength(d.message) + (d.urn?.length ?? 0) + meta.description.length, 0);

describe("the adapter", () => {
    describe("keeps each control within its share of the 4 MiB response", () => {
        it("lists findings up to its share, then one summary at the control's level with the count", async () => {
            const r = await runStack(everyResource("fail"), buckets(3000));
            const summary = diagnosticsOf(r).at(-1)!;
            assert.ok(isUnlistedMessage(summary.message), summary.message);
            assert.equal(summary.enforcementLevel, undefined, "a mandatory control's summary stays mandatory");
            const count = Number(/not listed: (\d+) more findings of this control \((\d+) fail\)/.exec(summary.message)![1]);
            assert.equal(r.violations.length - 1 + count, 3000);
            assert.ok(bytes(r) < CLI_RESPONSE_LIMIT / 60, `${bytes(r)} bytes`);
            assert.match(summary.message, /`phi-guard scan` lists them all/);
        });

        it("keeps a summary of could-not-verify reports advisory", async () => {
            const r = await runStack(everyResource("unverified"), buckets(3000));
            const summary = diagnosticsOf(r).at(-1)!;
            assert.match(summary.message, /^not listed: \d+ more findings of this control \(\d+ could not verify\)/);
            assert.equal(summary.enforcementLevel, "advisory");
        });

        it("lists every finding when the config asks (phi-guard scan does)", async () => {
            const r = await runStack(everyResource("fail"), buckets(3000), { settings: { listEveryFinding: true } });
            assert.equal(r.violations.length, 3000);
            assert.ok(!r.violations.some(isUnlistedMessage));
        });

        it("records honoured exemptions beyond its share as a count", async () => {
            const exemptions = [{ id: "ALL", controls: ["aws-s3-encryption-cmk"], urn: "urn:pulumi:*", reason: "legacy estate", expires: "2999-01-01" }];
            const r = await runStack(everyResource("fail"), buckets(3000), { settings: { exemptions } });
            assert.deepEqual(r.violations.filter((v) => !isUnlistedMessage(v)), []);
            const listed = parseExemptReason(r.exempt![0]).length;
            assert.ok(listed > 0 && listed < 3000, `${listed} listed`);
            assert.match(r.exempt![0], new RegExp(`\\nand ${3000 - listed} more not listed$`));
            const all = await runStack(everyResource("fail"), buckets(3000), { settings: { exemptions, listEveryFinding: true } });
            assert.equal(parseExemptReason(all.exempt![0]).length, 3000);
        });
    });

    describe("could not verify", () => {
        it("says a resource control checks again during pulumi up before the resource is changed, advisory", async () => {
            const r = await runResource(unknownResource, { type: "aws:sqs/queue:Queue", props: {} });
            assert.deepEqual(r.unverified, [
                "could not verify kmsMasterKeyId during preview: the value is unknown until the update; the check runs again during `pulumi up`, with the value known, before the resource is changed",
            ]);
            assert.deepEqual(diagnosticsOf(r).map((d) => d.enforcementLevel), ["advisory"]);
        });

        it("says a stack control runs again only after the resources are changed, advisory by default", async () => {
            const r = await runStack(everyResource("unverified"), buckets(1));
            assert.match(r.unverified[0], /this stack check runs again on `pulumi up` only after the resources are changed$/);
            assert.deepEqual(diagnosticsOf(r).map((d) => d.enforcementLevel), ["advisory"]);
        });

        it("reports a stack control's could-not-verify at the control's level when the config fails closed, and leaves resource controls advisory", async () => {
            const stack = await runStack(everyResource("unverified"), buckets(1), { settings: { failClosedStackChecks: true } });
            const resource = await runResource(unknownResource, { type: "aws:sqs/queue:Queue", props: {} }, { settings: { failClosedStackChecks: true } });
            assert.deepEqual([diagnosticsOf(stack)[0].enforcementLevel, diagnosticsOf(resource)[0].enforcementLevel], [undefined, "advisory"]);
        });
    });
});
