import { strict as assert } from "assert";
import * as path from "path";
import { analyzeEach, PackProcess } from "../../engine/driver";
import type { EngineResource } from "../../engine/resource";

/** A pack that echoes the provider each request carries (test/fixtures/packs/provider-echo). */
const ECHO = path.resolve(__dirname, "../fixtures/packs/provider-echo");

function res(type: string, name: string, inputs: Record<string, unknown>, provider?: string): EngineResource {
    return { type, name, urn: `urn:pulumi:prod::p::${type}::${name}`, custom: true, inputs, outputs: { ...inputs, id: name }, dependencies: [], propertyDependencies: {}, provider };
}

describe("the driver sends each resource's provider as the engine does", function () {
    this.timeout(60_000);
    let pack: PackProcess;
    beforeEach(async () => (pack = await PackProcess.start(ECHO)));
    afterEach(async () => pack && (await pack.stop()));

    it("with the provider resource's type, name and inputs in Analyze and AnalyzeStack; none where the reference names no resource of the stack", async () => {
        const provider = res("pulumi:providers:aws", "default_7_48_0", { region: "eu-west-1", version: "7.48.0" });
        const bucket = res("aws:s3/bucket:Bucket", "records", {}, `${provider.urn}::0b6d4f3e-1c2a-4f5e-9d8c-7b6a5f4e3d2c`);
        const orphan = res("aws:s3/bucket:Bucket", "orphan", {}, "urn:pulumi:prod::p::pulumi:providers:aws::elsewhere::1234");
        const plain = res("aws:s3/bucket:Bucket", "plain", {});
        const resources = [provider, bucket, orphan, plain];
        await pack.configureStack({ project: "p", stack: "prod", dryRun: true });
        await pack.configure(await pack.info(), {});
        // The runtime puts the policy's description before a plain message.
        const echoed = (m: string) => m.replace(/^Echoes the provider\.\n/, "");
        const sent = `pulumi:providers:aws default_7_48_0 ${provider.urn} {"region":"eu-west-1","version":"7.48.0"}`;

        const analyzed = await analyzeEach(pack, resources);
        assert.deepEqual(
            analyzed.diagnostics.map((d) => [d.urn, echoed(d.message)]),
            [
                [provider.urn, "analyze none"],
                [bucket.urn, `analyze ${sent}`],
                [orphan.urn, "analyze none"],
                [plain.urn, "analyze none"],
            ],
        );
        const stack = await pack.analyzeStack(resources);
        assert.deepEqual(
            stack.diagnostics.map((d) => echoed(d.message)),
            ["stack default_7_48_0: none", `stack records: ${sent}`, "stack orphan: none", "stack plain: none"],
        );
    });
});
