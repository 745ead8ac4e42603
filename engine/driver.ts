import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient, AnalyzerService } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EnforcementLevel, PolicyPackConfigFile, PolicySchemaInfo, ResolvedPolicyConfig, resolvePolicyConfig } from "./pack-config";
import { EngineResource } from "./resource";

/**
 * Drives a policy pack over the engine's Analyzer gRPC protocol, launched exactly as the Pulumi
 * engine launches it, so what this reports is what `pulumi preview --policy-pack` would report.
 */

export type Severity = "" | "low" | "medium" | "high" | "critical";

export interface PolicyInfo extends PolicySchemaInfo {
    displayName: string;
    description: string;
    severity: Severity;
    remediationSteps: string;
    url: string;
    tags: string[];
    framework?: { name: string; version: string; reference: string; specification: string };
    type: "resource" | "stack";
}

export interface PackInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

export interface Diagnostic {
    policyName: string;
    policyPackName: string;
    policyPackVersion: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    urn: string;
}

export interface NotApplicable {
    policyName: string;
    reason: string;
    urn: string;
}

export interface StackContext {
    project: string;
    stack: string;
    organization?: string;
    dryRun: boolean;
    tags?: Record<string, string>;
    config?: PolicyPackConfigFile;
}

export interface Analysis {
    pack: PackInfo;
    /** Each policy's enforcement level and options as sent in Configure. */
    config: Record<string, ResolvedPolicyConfig>;
    diagnostics: Diagnostic[];
    notApplicable: NotApplicable[];
}

const LEVEL_NAMES: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITY_NAMES: Severity[] = ["", "low", "medium", "high", "critical"];
const LEVEL_CODES: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

/** How many Analyze calls are in flight at once, as the engine analyzes steps concurrently. */
const ANALYZE_CONCURRENCY = 32;

/**
 * The largest response the Pulumi CLI accepts from a policy pack. The language host's proxy dials
 * the pack with `grpc.NewClient` and no call options (pulumi/pulumi sdk/policy_proxy.go,
 * PolicyProxy.Attach), so gRPC's default receive limit of 4 MiB holds for every Analyze and
 * AnalyzeStack response. The driver applies it by default, so a test fails where the CLI would.
 */
export const CLI_RECEIVE_LIMIT = 4 * 1024 * 1024;

export interface DriverOptions {
    /** The largest response accepted, in bytes: CLI_RECEIVE_LIMIT by default; Infinity for none (phi-guard scan). */
    maxResponseBytes?: number;
}

/** A response the Pulumi CLI would have refused. */
export class ResponseTooLargeError extends Error {}

export class PackProcess {
    /** The largest Analyze or AnalyzeStack response so far, in bytes as received. */
    largestResponse = 0;
    private readonly client: AnalyzerClient;

    private constructor(
        private readonly child: ChildProcess,
        address: string,
        limit: number,
        readonly startMillis: number,
    ) {
        this.client = new (measuringClient((bytes) => (this.largestResponse = Math.max(this.largestResponse, bytes))))(address, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": Number.isFinite(limit) ? limit : -1,
            "grpc.max_send_message_length": -1,
        });
    }

    /**
     * Starts `node <@pulumi/pulumi/cmd/run-policy-pack> <engine> <packDir>` in the pack directory,
     * as the language host does, and connects to the port it prints first on stdout.
     */
    static async start(packDir: string, opts: DriverOptions = {}): Promise<PackProcess> {
        const started = process.hrtime.bigint();
        const launcher = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir, __dirname] });
        const child = spawn(process.execPath, [launcher, "127.0.0.1:0", packDir], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const port = await readPort(child);
        return new PackProcess(child, `127.0.0.1:${port}`, opts.maxResponseBytes ?? CLI_RECEIVE_LIMIT, Number(process.hrtime.bigint() - started) / 1e6);
    }

    /** Peak resident memory of the pack process so far, in bytes (Linux), or undefined. */
    peakRss(): number | undefined {
        try {
            const status = require("fs").readFileSync(`/proc/${this.child.pid}/status`, "utf8") as string;
            const m = /VmHWM:\s+(\d+) kB/.exec(status);
            return m ? Number(m[1]) * 1024 : undefined;
        } catch {
            return undefined;
        }
    }

    /**
     * CPU time (user and system, all threads) the pack process has used so far, in milliseconds
     * (Linux), or undefined. Unlike elapsed time, it does not grow while other processes hold the CPU.
     */
    cpuMillis(): number | undefined {
        try {
            const stat = require("fs").readFileSync(`/proc/${this.child.pid}/stat`, "utf8") as string;
            // After the command name in parentheses, utime and stime are the 12th and 13th fields (stat(5)),
            // in USER_HZ ticks, which Linux reports as 100 per second.
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            return (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
            return undefined;
        }
    }

    async info(): Promise<PackInfo> {
        const res = await call<analyzer.AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new Empty(), cb));
        return {
            name: res.getName(),
            version: res.getVersion(),
            policies: res.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                const framework = p.getFramework();
                return {
                    name: p.getName(),
                    displayName: p.getDisplayname(),
                    description: p.getDescription(),
                    enforcementLevel: LEVEL_NAMES[p.getEnforcementlevel()],
                    severity: SEVERITY_NAMES[p.getSeverity()] ?? "",
                    remediationSteps: p.getRemediationSteps(),
                    url: p.getUrl(),
                    tags: p.getTagsList(),
                    type: p.getPolicyType() === analyzer.PolicyType.POLICY_TYPE_STACK ? "stack" : "resource",
                    framework: framework && {
                        name: framework.getName(),
                        version: framework.getVersion(),
                        reference: framework.getReference(),
                        specification: framework.getSpecification(),
                    },
                    configSchema: schema && {
                        properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, any>,
                        required: schema.getRequiredList(),
                    },
                };
            }),
        };
    }

    async configureStack(ctx: StackContext): Promise<void> {
        const req = new analyzer.AnalyzerStackConfigureRequest();
        req.setStack(ctx.stack);
        req.setProject(ctx.project);
        req.setOrganization(ctx.organization ?? "organization");
        req.setDryRun(ctx.dryRun);
        for (const [k, v] of Object.entries(ctx.tags ?? {})) req.getTagsMap().set(k, v);
        await call((cb) => this.client.configureStack(req, cb));
    }

    /** Resolves the config file against the pack's schemas (defaults, validation) and sends it. */
    async configure(pack: PackInfo, file: PolicyPackConfigFile | undefined): Promise<Record<string, ResolvedPolicyConfig>> {
        const resolved = resolvePolicyConfig(pack.policies, file);
        const req = new analyzer.ConfigureAnalyzerRequest();
        for (const [name, cfg] of Object.entries(resolved)) {
            const pc = new analyzer.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_CODES[cfg.enforcementLevel] as analyzer.EnforcementLevel);
            pc.setProperties(Struct.fromJavaScript(cfg.properties as any));
            req.getPolicyconfigMap().set(name, pc);
        }
        await call((cb) => this.client.configure(req, cb));
        return resolved;
    }

    async analyze(r: EngineResource): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const req = new analyzer.AnalyzeRequest();
        req.setType(r.type);
        req.setName(r.name);
        req.setUrn(r.urn);
        req.setProperties(Struct.fromJavaScript(r.inputs as any));
        req.setOptions(resourceOptions(r));
        const res = await call<analyzer.AnalyzeResponse>((cb) => this.client.analyze(req, cb), "Analyze");
        // The engine attributes a resource's diagnostics to that resource.
        return readResponse(res, r.urn);
    }

    async analyzeStack(resources: readonly EngineResource[]): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((r) => {
                const ar = new analyzer.AnalyzerResource();
                ar.setType(r.type);
                ar.setName(r.name);
                ar.setUrn(r.urn);
                ar.setProperties(Struct.fromJavaScript(r.outputs as any));
                ar.setOptions(resourceOptions(r));
                if (r.parent) ar.setParent(r.parent);
                ar.setDependenciesList(r.dependencies);
                for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
                    const deps = new analyzer.AnalyzerPropertyDependencies();
                    deps.setUrnsList(urns);
                    ar.getPropertydependenciesMap().set(prop, deps);
                }
                return ar;
            }),
        );
        const res = await call<analyzer.AnalyzeResponse>((cb) => this.client.analyzeStack(req, cb), "AnalyzeStack");
        return readResponse(res, "");
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once("exit", resolve));
        this.child.kill("SIGTERM");
        await exited;
    }
}

/** The whole engine conversation for one stack: configure, Analyze each resource, AnalyzeStack. */
export async function analyzeStack(packDir: string, resources: readonly EngineResource[], ctx: StackContext, opts: DriverOptions = {}): Promise<Analysis> {
    const pack = await PackProcess.start(packDir, opts);
    try {
        return await runAnalysis(pack, resources, ctx);
    } finally {
        await pack.stop();
    }
}

export async function runAnalysis(pack: PackProcess, resources: readonly EngineResource[], ctx: StackContext): Promise<Analysis> {
    await pack.configureStack(ctx);
    const info = await pack.info();
    const config = await pack.configure(info, ctx.config);
    // The engine analyzes each resource a step registers; a resource read with `get` has no such step.
    const each = await analyzeEach(pack, resources.filter((r) => !r.read));
    const stack = await pack.analyzeStack(resources);
    return { pack: info, config, diagnostics: [...each.diagnostics, ...stack.diagnostics], notApplicable: [...each.notApplicable, ...stack.notApplicable] };
}

/** Analyze for every resource, several in flight at once as the engine does, results in resource order. */
export async function analyzeEach(pack: PackProcess, resources: readonly EngineResource[]): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
    const results: { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }[] = new Array(resources.length);
    let next = 0;
    const worker = async () => {
        while (next < resources.length) {
            const i = next++;
            results[i] = await pack.analyze(resources[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(ANALYZE_CONCURRENCY, resources.length) }, worker));
    return { diagnostics: results.flatMap((r) => r.diagnostics), notApplicable: results.flatMap((r) => r.notApplicable) };
}

function resourceOptions(r: EngineResource): analyzer.AnalyzerResourceOptions {
    const opts = new analyzer.AnalyzerResourceOptions();
    opts.setProtect(false);
    if (r.parent) opts.setParent(r.parent);
    return opts;
}

function readResponse(res: analyzer.AnalyzeResponse, urn: string): { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] } {
    return {
        diagnostics: res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            policyPackName: d.getPolicypackname(),
            policyPackVersion: d.getPolicypackversion(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: LEVEL_NAMES[d.getEnforcementlevel()],
            severity: SEVERITY_NAMES[d.getSeverity()] ?? "",
            urn: d.getUrn() || urn,
        })),
        notApplicable: res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason(), urn })),
    };
}

/** An Analyzer client that reports the size of each Analyze and AnalyzeStack response as it decodes it. */
function measuringClient(record: (bytes: number) => void): typeof AnalyzerClient {
    const service = { ...AnalyzerService } as Record<string, grpc.MethodDefinition<unknown, unknown>>;
    for (const method of ["analyze", "analyzeStack"]) {
        const decode = service[method].responseDeserialize;
        service[method] = { ...service[method], responseDeserialize: (bytes: Buffer) => (record(bytes.length), decode(bytes)) };
    }
    return grpc.makeGenericClientConstructor(service, "Analyzer") as unknown as typeof AnalyzerClient;
}

function call<T = unknown>(invoke: (cb: (err: grpc.ServiceError | null, res: T) => void) => unknown, method = ""): Promise<T> {
    return new Promise((resolve, reject) =>
        invoke((err, res) => {
            if (!err) return resolve(res);
            if (err.code === grpc.status.RESOURCE_EXHAUSTED && /larger than max/i.test(err.details)) {
                return reject(new ResponseTooLargeError(`the pack's ${method} response is larger than the Pulumi CLI accepts (${err.details}); the CLI would fail with this error`));
            }
            reject(err);
        }),
    );
}

function readPort(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        const fail = (why: string) => reject(new Error(`the policy pack did not start: ${why}${err ? `\n${err.trim()}` : ""}`));
        child.stderr!.on("data", (d) => (err += d));
        child.stdout!.on("data", (d) => {
            out += d;
            const line = out.split("\n")[0];
            if (out.includes("\n")) {
                const port = Number(line.trim());
                if (Number.isInteger(port) && port > 0) resolve(port);
                else fail(`expected a port on its first stdout line, got "${line.slice(0, 80)}"`);
            }
        });
        child.once("error", (e) => fail(e.message));
        child.once("exit", (code) => fail(`it exited with code ${code}`));
    });
}
