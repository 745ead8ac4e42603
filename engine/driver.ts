import { ChildProcess, spawn } from "child_process";
import * as grpc from "@grpc/grpc-js";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient, AnalyzerService } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EnforcementLevel, PolicyPackConfigFile, PolicySchemaInfo, ResolvedPolicyConfig, resolvePolicyConfig } from "./pack-config";
import { propertyChanges, ResourceRemediation, withRemediatedOutputs } from "./remediation";
import { EngineResource, isProvider, providerUrnOf } from "./resource";

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
    /** What the pack's remediations changed, resource by resource, when a policy is set to remediate. */
    remediations: ResourceRemediation[];
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

/** User and system CPU time of a process or thread, in milliseconds, from its /proc stat file (Linux); undefined when unreadable. */
function cpuOfStat(file: string): number | undefined {
    try {
        const stat = require("fs").readFileSync(file, "utf8") as string;
        // After the command name in parentheses, utime and stime are the 12th and 13th fields (stat(5)),
        // in USER_HZ ticks, which Linux reports as 100 per second.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return undefined;
    }
}

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
        return cpuOfStat(`/proc/${this.child.pid}/stat`);
    }

    /**
     * CPU time so far of the main thread, which runs the JavaScript, and of the other threads
     * together (V8's compiler and garbage collector helpers, libuv), in milliseconds (Linux), or undefined.
     */
    cpuByThread(): { main: number; other: number } | undefined {
        try {
            const fs = require("fs") as typeof import("fs");
            const pid = String(this.child.pid);
            let other = 0;
            for (const task of fs.readdirSync(`/proc/${pid}/task`)) if (task !== pid) other += cpuOfStat(`/proc/${pid}/task/${task}/stat`) ?? 0;
            const main = cpuOfStat(`/proc/${pid}/task/${pid}/stat`);
            return main === undefined ? undefined : { main, other };
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

    /** `provider` is the resource's provider as the engine sends it (see `providersOf`). */
    async analyze(r: EngineResource, provider?: analyzer.AnalyzerProviderResource): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const res = await call<analyzer.AnalyzeResponse>((cb) => this.client.analyze(analyzeRequest(r, provider), cb), "Analyze");
        // The engine attributes a resource's diagnostics to that resource.
        return readResponse(res, r.urn);
    }

    /**
     * Remediate, as the engine sends it before Analyze (pkg/resource/deploy/step_generator.go): the
     * same request as Analyze. Each remediation that returns properties replaces the inputs whole
     * for the next one and for Analyze; a diagnostic ("can't run remediation during preview") is
     * shown as an advisory violation.
     */
    async remediate(r: EngineResource, provider?: analyzer.AnalyzerProviderResource): Promise<Remediated> {
        const res = await call<analyzer.RemediateResponse>((cb) => this.client.remediate(analyzeRequest(r, provider), cb), "Remediate");
        let inputs = r.inputs;
        const changedBy: string[] = [];
        const diagnostics: { policyName: string; message: string }[] = [];
        for (const rem of res.getRemediationsList()) {
            const props = rem.getProperties();
            if (props) {
                inputs = props.toJavaScript() as Record<string, unknown>;
                changedBy.push(rem.getPolicyname());
            }
            if (rem.getDiagnostic()) diagnostics.push({ policyName: rem.getPolicyname(), message: rem.getDiagnostic() });
        }
        const notApplicable = res.getNotApplicableList().map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason(), urn: r.urn }));
        return { inputs, changedBy, diagnostics, notApplicable };
    }

    async analyzeStack(resources: readonly EngineResource[]): Promise<{ diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }> {
        const req = new analyzer.AnalyzeStackRequest();
        const providerOf = providersOf(resources);
        req.setResourcesList(
            resources.map((r) => {
                const ar = describedAs(new analyzer.AnalyzerResource(), r, r.outputs, providerOf(r));
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
    const registered = resources.filter((r) => !r.read);
    // The runtime remediates only for policies at the remediate level: without one, Remediate answers nothing.
    const remediating = Object.values(config).some((c) => c.enforcementLevel === "remediate");
    const { results: each, remediated } = remediating ? await remediateAndAnalyzeEach(pack, registered) : { results: await analyzeEach(pack, registered), remediated: [] };
    const inputs = new Map(remediated.map((r) => [r.urn, r.inputs]));
    const stack = await pack.analyzeStack(inputs.size > 0 ? withRemediatedOutputs(resources, inputs) : resources);
    return {
        pack: info,
        config,
        diagnostics: [...each.diagnostics, ...stack.diagnostics],
        notApplicable: [...each.notApplicable, ...stack.notApplicable],
        remediations: remediated.map(({ urn, policies, changes }) => ({ urn, policies, changes })),
    };
}

type Findings = { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] };

/**
 * Remediate then Analyze with what it returned, for every resource, as the engine does for each
 * step (pkg/resource/deploy/step_generator.go). The first resource goes alone, as the engine's
 * first registration (the root stack) does: its Analyze lets the pack adopt its settings.
 */
async function remediateAndAnalyzeEach(pack: PackProcess, resources: readonly EngineResource[]): Promise<{ results: Findings; remediated: (ResourceRemediation & { inputs: Record<string, unknown> })[] }> {
    const remediated: (ResourceRemediation & { inputs: Record<string, unknown> })[] = [];
    const providerOf = providersOf(resources);
    const one = async (r: EngineResource): Promise<Findings> => {
        const { inputs, changedBy, diagnostics } = await pack.remediate(r, providerOf(r));
        const changes = propertyChanges(r.inputs, inputs);
        if (changes.length > 0) remediated.push({ urn: r.urn, policies: changedBy, changes, inputs });
        const analyzed = await pack.analyze({ ...r, inputs }, providerOf(r));
        // The engine shows a remediation's diagnostic as an advisory violation of that policy.
        const notes = diagnostics.map((d) => ({ ...NOTE, ...d, urn: r.urn }));
        return { diagnostics: [...notes, ...analyzed.diagnostics], notApplicable: analyzed.notApplicable };
    };
    const first = resources.length > 0 ? [await one(resources[0])] : [];
    const rest = await inOrder(resources.slice(1), one);
    const results = [...first, ...rest];
    const order = new Map(resources.map((r, i) => [r.urn, i]));
    remediated.sort((a, b) => order.get(a.urn)! - order.get(b.urn)!);
    return { results: { diagnostics: results.flatMap((r) => r.diagnostics), notApplicable: results.flatMap((r) => r.notApplicable) }, remediated };
}

const NOTE: Omit<Diagnostic, "policyName" | "message" | "urn"> = { policyPackName: "", policyPackVersion: "", description: "", enforcementLevel: "advisory", severity: "" };

/** Analyze for every resource, several in flight at once as the engine does, results in resource order. */
export async function analyzeEach(pack: PackProcess, resources: readonly EngineResource[]): Promise<Findings> {
    const providerOf = providersOf(resources);
    const results = await inOrder(resources, (r) => pack.analyze(r, providerOf(r)));
    return { diagnostics: results.flatMap((r) => r.diagnostics), notApplicable: results.flatMap((r) => r.notApplicable) };
}

/** `work` for every resource, several in flight at once as the engine does, results in resource order. */
async function inOrder<T>(resources: readonly EngineResource[], work: (r: EngineResource) => Promise<T>): Promise<T[]> {
    const results: T[] = new Array(resources.length);
    let next = 0;
    const worker = async () => {
        while (next < resources.length) {
            const i = next++;
            results[i] = await work(resources[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(ANALYZE_CONCURRENCY, resources.length) }, worker));
    return results;
}

/** Analyze and Remediate send a resource's inputs, AnalyzeStack its outputs, in the same fields. */
function describedAs<M extends analyzer.AnalyzeRequest | analyzer.AnalyzerResource>(m: M, r: EngineResource, props: Record<string, unknown>, provider?: analyzer.AnalyzerProviderResource): M {
    m.setType(r.type);
    m.setName(r.name);
    m.setUrn(r.urn);
    m.setProperties(Struct.fromJavaScript(props as any));
    m.setOptions(resourceOptions(r));
    if (provider) m.setProvider(provider);
    return m;
}

const analyzeRequest = (r: EngineResource, provider?: analyzer.AnalyzerProviderResource) => describedAs(new analyzer.AnalyzeRequest(), r, r.inputs, provider);

/**
 * The provider the engine sends with each resource in Analyze, Remediate and AnalyzeStack: the
 * provider resource its reference (`<provider urn>::<id>`) names, with that provider's inputs
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go, `r.Provider = &plugin.AnalyzerProviderResource{...}`).
 * None when the reference names no resource of the list (a program scan, where the engine would
 * make default providers the scan does not have). One message per provider, shared by its resources.
 */
export function providersOf(resources: readonly EngineResource[]): (r: EngineResource) => analyzer.AnalyzerProviderResource | undefined {
    const byUrn = new Map(resources.filter(isProvider).map((p) => [p.urn, p]));
    const messages = new Map<string, analyzer.AnalyzerProviderResource>();
    return (r) => {
        const provider = r.provider ? byUrn.get(providerUrnOf(r.provider)) : undefined;
        if (!provider) return undefined;
        let m = messages.get(provider.urn);
        if (!m) {
            m = new analyzer.AnalyzerProviderResource();
            m.setUrn(provider.urn);
            m.setType(provider.type);
            m.setName(provider.name);
            m.setProperties(Struct.fromJavaScript(provider.inputs as any));
            messages.set(provider.urn, m);
        }
        return m;
    };
}

/** What Remediate made of a resource's inputs: the inputs Analyze then gets, and who changed them. */
export interface Remediated {
    inputs: Record<string, unknown>;
    changedBy: string[];
    diagnostics: { policyName: string; message: string }[];
    /** The remediating policies that said they had nothing to do with this resource. */
    notApplicable: NotApplicable[];
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
