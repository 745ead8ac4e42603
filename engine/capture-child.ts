/**
 * Runs one Pulumi TypeScript program with mocks in preview mode and sends every registered
 * resource to the parent process. It runs in a child process because the Pulumi runtime keeps
 * global state: one program per process, as under the real language host.
 *
 * The public mock API (`setMocks`) shows a resource's type, name, inputs and provider, but not its
 * parent, dependencies or propertyDependencies. Those are on the RegisterResourceRequest the mock
 * monitor receives, so this installs a subclass of the SDK's MockMonitor (through the runtime's
 * `setMockOptions`, which is what `setMocks` calls) that records the request before handling it.
 */
import * as path from "path";
import { fileURLToPath } from "url";
import type { EngineResource } from "./resource";

interface CaptureRequest {
    programDir: string;
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

/**
 * Data sources that programs commonly read to build ARNs and scopes. Under the engine they return
 * the caller's real account, region and tenant; here they return fixed placeholders, like the
 * harmless provider defaults, so that `arn:aws:iam::<account>:root` stays well-formed. Any other
 * invoke returns nothing.
 */
const INVOKE_RESULTS: Record<string, Record<string, string>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": { accountId: "111111111111", arn: "arn:aws:iam::111111111111:user/phi-guard-scan", userId: "AIDAPHIGUARDSCAN", id: "111111111111" },
    "aws:index/getRegion:getRegion": { name: "us-east-1", region: "us-east-1", id: "us-east-1", endpoint: "ec2.us-east-1.amazonaws.com", description: "US East (N. Virginia)" },
    "aws:index/getPartition:getPartition": { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" },
    "azure-native:authorization:getClientConfig": {
        clientId: "00000000-0000-0000-0000-00000000c11e",
        objectId: "00000000-0000-0000-0000-0000000000b1",
        subscriptionId: "00000000-0000-0000-0000-000000000000",
        tenantId: "00000000-0000-0000-0000-0000000000a1",
    },
};

async function capture(req: CaptureRequest): Promise<EngineResource[]> {
    const fromProgram = (id: string) => require(require.resolve(id, { paths: [req.programDir, __dirname] }));
    const settings = fromProgram("@pulumi/pulumi/runtime/settings");
    const { MockMonitor } = fromProgram("@pulumi/pulumi/runtime/mocks");
    const runtime = fromProgram("@pulumi/pulumi/runtime");
    const resources: EngineResource[] = [];

    class CapturingMonitor extends MockMonitor {
        constructor(mocks: unknown) {
            super(mocks);
        }
        async registerResource(request: any, callback: (err: unknown, res?: any) => void): Promise<void> {
            const inputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
            const propertyDependencies: Record<string, string[]> = {};
            request.getPropertydependenciesMap().forEach((deps: any, key: string) => {
                propertyDependencies[key] = deps.getUrnsList();
            });
            const position = request.getSourceposition?.();
            return super.registerResource(request, (err: unknown, res?: any) => {
                if (!err && res) {
                    resources.push({
                        type: request.getType(),
                        name: request.getName(),
                        urn: res.getUrn(),
                        custom: request.getCustom(),
                        inputs,
                        outputs: inputs,
                        parent: request.getParent() || undefined,
                        provider: request.getProvider() || undefined,
                        dependencies: request.getDependenciesList(),
                        propertyDependencies,
                        source: position ? { file: fileURLToPath(position.getUri()), line: position.getLine() } : undefined,
                    });
                }
                callback(err, res);
            });
        }
    }

    process.env.PULUMI_CONFIG = JSON.stringify(req.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(req.secretKeys);
    runtime.resetConfig?.();
    const mocks = {
        // In preview, outputs the mock does not return stay unknown, as computed outputs do.
        newResource: (args: { inputs: Record<string, unknown> }) => ({ id: undefined, state: args.inputs }),
        call: (args: { token: string }) => INVOKE_RESULTS[args.token] ?? {},
    };
    settings.setMockOptions(new CapturingMonitor(mocks), req.project, req.stack, true);

    // When this child itself runs under ts-node (phi-guard's own tests), a second registration
    // would compile the program twice and shift every source line the SDK records.
    if (!(process as any)[Symbol.for("ts-node.register.instance")]) {
        require("ts-node").register({ transpileOnly: true, dir: req.programDir, compilerOptions: { module: "commonjs" } });
    }
    const main = path.resolve(req.programDir);
    await runtime.runInPulumiStack(async () => {
        const exported = require(main);
        return typeof exported === "function" ? exported() : exported;
    });
    await settings.waitForRPCs?.();
    return resources;
}

process.once("message", (req: CaptureRequest) => {
    capture(req).then(
        (resources) => process.send!({ resources }, undefined, {}, () => process.exit(0)),
        (e: unknown) => process.send!({ error: e instanceof Error ? e.message : String(e) }, undefined, {}, () => process.exit(1)),
    );
});
