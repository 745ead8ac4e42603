import { strict as assert } from "assert";
import * as path from "path";
import { CLI_RECEIVE_LIMIT, Diagnostic, PackProcess, ResponseTooLargeError } from "../../engine/driver";
import type { PolicyPackConfigFile } from "../../engine/pack-config";
import type { EngineResource } from "../../engine/resource";
import { isUnlistedMessage } from "../../policies/outcomes";
import { everyViolationStack } from "../../scripts/bench/every-violation";

/**
 * The Pulumi CLI reads the pack's answers with gRPC's default 4 MiB receive limit (the language
 * host's proxy dials it with grpc.NewClient and no options: pulumi/pulumi sdk/policy_proxy.go). The
 * driver applies the same limit, so these tests fail where the CLI would.
 */
const ROOT = path.resolve(__dirname, "../..");
const LIST_EVERYTHING = { "phi-guard-settings": { listEveryFinding: true } };

async function analyzeStack(resources: readonly EngineResource[], config: PolicyPackConfigFile, maxResponseBytes?: number) {
    const pack = await PackProcess.start(ROOT, { maxResponseBytes });
    try {
        await pack.configureStack({ project: "estate", stack: "legacy", dryRun: true });
        await pack.configure(await pack.info(), config);
        const { diagnostics } = await pack.analyzeStack(resources);
        return { diagnostics, bytes: pack.largestResponse };
    } finally {
        await pack.stop();
    }
}

/** Per control: findings listed, findings counted in its summary, and the summary's level. */
function perControl(diagnostics: Diagnostic[]): Map<string, { listed: number; unlisted: number; summaryLevel?: string }> {
    const out = new Map<string, { listed: number; unlisted: number; summaryLevel?: string }>();
    for (const d of diagnostics) {
        const c = out.get(d.policyName) ?? { listed: 0, unlisted: 0 };
        if (isUnlistedMessage(d.message)) {
            c.unlisted += Number(/^not listed: (\d+) /.exec(d.message)![1]);
            c.summaryLevel = d.enforcementLevel;
        } else c.listed++;
        out.set(d.policyName, c);
    }
    return out;
}

describe("AnalyzeStack responses within the Pulumi CLI's 4 MiB", function () {
    this.timeout(600_000);

    it("fails as the CLI would when a response is larger than 4 MiB", async () => {
        await assert.rejects(analyzeStack(everyViolationStack(2_000), LIST_EVERYTHING), (e: Error) => {
            assert.ok(e instanceof ResponseTooLargeError, String(e));
            assert.match(e.message, /AnalyzeStack response is larger than the Pulumi CLI accepts/);
            return true;
        });
    });

    it("summarises beyond each control's share without losing a finding or a level (5,000 resources, against the full list)", async () => {
        const resources = everyViolationStack(5_000);
        const full = await analyzeStack(resources, LIST_EVERYTHING, Infinity);
        const bounded = await analyzeStack(resources, {});
        assert.ok(full.bytes > CLI_RECEIVE_LIMIT, `the full list is ${full.bytes} bytes`);
        assert.ok(bounded.bytes <= CLI_RECEIVE_LIMIT, `${bounded.bytes} bytes`);
        const counts = perControl(bounded.diagnostics);
        for (const [control, all] of perControl(full.diagnostics)) {
            const c = counts.get(control)!;
            assert.equal(c.listed + c.unlisted, all.listed, control);
            if (c.unlisted > 0) assert.equal(c.summaryLevel, "mandatory", control);
        }
        assert.deepEqual([...counts.keys()].sort(), [...perControl(full.diagnostics).keys()].sort());
    });

    it("gets the AnalyzeStack response of 50,000 resources that all violate through a 4 MiB client", async () => {
        const { diagnostics, bytes } = await analyzeStack(everyViolationStack(50_000), {});
        assert.ok(bytes <= CLI_RECEIVE_LIMIT, `${bytes} bytes`);
        const counts = perControl(diagnostics);
        const summarised = [...counts.values()].filter((c) => c.unlisted > 0);
        assert.ok(summarised.length >= 15, `${summarised.length} controls summarised`);
        assert.ok(summarised.every((c) => c.summaryLevel === "mandatory"));
        const total = [...counts.values()].reduce((n, c) => n + c.listed + c.unlisted, 0);
        // 160,006 since what a resource's own properties settle is reported per resource, in Analyze.
        assert.ok(total > 150_000, `${total} findings in all`);
    });
});
