import { strict as assert } from "assert";
import * as path from "path";
import { PackProcess } from "../../engine/driver";
import { controls } from "../../policies/registry";
import { controlDocsUrl } from "../../policies/adapter";

/** Starts the built pack exactly as the engine does and reads what Pulumi would see of it. */
const ROOT = path.resolve(__dirname, "../..");

describe("the built pack under the engine's launcher", function () {
    this.timeout(60_000);
    let pack: PackProcess;
    before(async () => (pack = await PackProcess.start(ROOT)));
    after(async () => pack && (await pack.stop()));

    it("serves the pack-wide settings policy first, then every registered control with its native metadata", async () => {
        const info = await pack.info();
        assert.equal(info.name, "phi-guard");
        assert.deepEqual(info.policies.map((p) => p.name), ["phi-guard-settings", ...controls.map((c) => c.id)]);
        for (const c of controls) {
            const p = info.policies.find((x) => x.name === c.id)!;
            assert.equal(p.severity, c.severity);
            assert.equal(p.displayName, c.title);
            assert.equal(p.remediationSteps, c.remediation);
            assert.equal(p.framework?.name, "HIPAA Security Rule");
            assert.equal(p.framework?.reference, c.hipaa.map((h) => h.section).join(", "));
            assert.ok(p.tags.includes(c.category) && p.url === controlDocsUrl(c.id));
        }
    });

    it("is started from compiled JavaScript, which the engine's launcher does not type-check", () => {
        assert.equal(require(path.join(ROOT, "package.json")).main, "dist/index.js");
    });
});
