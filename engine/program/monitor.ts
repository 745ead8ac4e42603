/**
 * The engine side of a Pulumi program run: a ResourceMonitor and an Engine gRPC service, as the
 * Pulumi engine serves them to the Node.js language host (pulumi/pulumi pkg/resource/deploy
 * source_eval.go; proto/pulumi/resource.proto and engine.proto). The program's own
 * `@pulumi/pulumi` talks to these services over gRPC, so what it registers is what the scan sees:
 * there is no other channel the program could use to describe its resources.
 */
import { fileURLToPath } from "url";
import * as grpc from "@grpc/grpc-js";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { answerInvoke, InvokeAnswer, InvokeContext, unknownResult } from "../invokes";
import type { EngineResource } from "../resource";
import { PreviewValues } from "./values";

/**
 * What the monitor tells the SDK it supports (`SupportsFeature`). Resource references and output
 * values are declined, so the SDK sends the id of a custom resource and the URN of a component in
 * their place: the values the engine gives a policy pack. Transforms, invoke transforms and hooks
 * are declined too, so a program that relies on them fails under the scan (the SDK says why)
 * rather than being seen before a transform the engine would apply.
 */
const FEATURES: Record<string, boolean> = {
    secrets: true,
    resourceReferences: false,
    outputValues: false,
    deletedWith: true,
    replaceWith: true,
    aliasSpecs: true,
    parameterization: true,
    transforms: false,
    invokeTransforms: false,
    resourceHooks: false,
    errorHooks: false,
};

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** A remote (multi-language) component: its provider builds its children, which the scan cannot run. */
export interface OpaqueComponent {
    urn: string;
    type: string;
    name: string;
}

/** An invoke (or a method call) the scan could not answer as the provider would. */
export interface InvokeUse {
    token: string;
    answer: Exclude<InvokeAnswer["kind"], "rendered" | "failed">;
    count: number;
}

export interface LogEntry {
    severity: "debug" | "info" | "warning" | "error";
    message: string;
    urn: string;
}

const SEVERITIES: LogEntry["severity"][] = ["debug", "info", "warning", "error"];

export class ScanMonitor {
    private readonly server = new grpc.Server();
    private readonly recorded = new Map<string, EngineResource>();
    private readonly invokeUses = new Map<string, InvokeUse>();
    private readonly opaqueComponents: OpaqueComponent[] = [];
    readonly logs: LogEntry[] = [];
    private rootUrn = "";

    constructor(
        private readonly stack: string,
        private readonly project: string,
        private readonly values: PreviewValues,
        private readonly invokeContext: InvokeContext,
    ) {
        this.server.addService(resourceRpc.ResourceMonitorService, {
            supportsFeature: unary((req: resourceProto.SupportsFeatureRequest) => new resourceProto.SupportsFeatureResponse().setHassupport(FEATURES[req.getId()] === true)),
            registerResource: unary((req: resourceProto.RegisterResourceRequest) => this.registerResource(req)),
            registerResourceOutputs: unary((req: resourceProto.RegisterResourceOutputsRequest) => this.registerResourceOutputs(req)),
            readResource: unary((req: resourceProto.ReadResourceRequest) => this.readResource(req)),
            invoke: unary((req: resourceProto.ResourceInvokeRequest) => this.invoke(req)),
            call: unary((req: resourceProto.ResourceCallRequest) => this.call(req)),
            registerPackage: unary((req: resourceProto.RegisterPackageRequest) => new resourceProto.RegisterPackageResponse().setRef(`${req.getName()}@${req.getVersion()}`)),
            signalAndWaitForShutdown: unary(() => new Empty()),
        });
        this.server.addService(engineRpc.EngineService, {
            log: unary((req: engineProto.LogRequest) => {
                this.logs.push({ severity: SEVERITIES[req.getSeverity()] ?? "info", message: req.getMessage(), urn: req.getUrn() });
                return new Empty();
            }),
            getRootResource: unary(() => new engineProto.GetRootResourceResponse().setUrn(this.rootUrn)),
            setRootResource: unary((req: engineProto.SetRootResourceRequest) => {
                this.rootUrn = req.getUrn();
                return new engineProto.SetRootResourceResponse();
            }),
            requirePulumiVersion: unary(() => new engineProto.RequirePulumiVersionResponse()),
        });
    }

    /** Starts serving on a free loopback port and returns its address, for both services. */
    start(): Promise<string> {
        return new Promise((resolve, reject) =>
            this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(`127.0.0.1:${port}`))),
        );
    }

    stop(): void {
        this.server.forceShutdown();
    }

    /** Everything registered, in registration order, as the engine would send it to a pack. */
    resources(): EngineResource[] {
        return [...this.recorded.values()];
    }

    opaque(): OpaqueComponent[] {
        return this.opaqueComponents;
    }

    invokes(): InvokeUse[] {
        return [...this.invokeUses.values()];
    }

    private urnOf(parent: string, type: string, name: string): string {
        const parentType = parent ? parent.split("::")[2] : "";
        const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        return `urn:pulumi:${this.stack}::${this.project}::${qualified}::${name}`;
    }

    private claimUrn(parent: string, type: string, name: string): string {
        const urn = this.urnOf(parent, type, name);
        // The engine stops the deployment on a second resource with the same URN (step_generator.go generateURN).
        if (this.recorded.has(urn)) throw new RpcError(grpc.status.INVALID_ARGUMENT, `Duplicate resource URN '${urn}'; try giving it a unique name`);
        return urn;
    }

    private registerResource(req: resourceProto.RegisterResourceRequest): resourceProto.RegisterResourceResponse {
        const type = req.getType();
        const name = req.getName();
        const custom = req.getCustom();
        const parent = req.getParent();
        const urn = this.claimUrn(type === ROOT_STACK_TYPE ? "" : parent, type, name);
        const inputs = structToJs(req.getObject());
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
            propertyDependencies[key] = deps.getUrnsList();
        });
        const remote = !custom && req.getRemote();
        if (remote) this.opaqueComponents.push({ urn, type, name });
        // In preview the engine gives a new custom resource the outputs its provider plans: the
        // inputs, with what the provider computes unknown. A component's outputs are what the
        // program registers later (RegisterResourceOutputs); a remote one's come from its provider.
        const outputs = custom ? this.values.previewOutputs(type, inputs) : {};
        this.recorded.set(urn, {
            type,
            name,
            urn,
            custom,
            inputs,
            outputs: custom ? outputs : {},
            parent: parent || undefined,
            provider: req.getProvider() || undefined,
            dependencies: req.getDependenciesList(),
            propertyDependencies,
            source: sourceOf(req.getSourceposition()),
        });
        const res = new resourceProto.RegisterResourceResponse();
        res.setUrn(urn);
        // An empty id is an id the engine does not know yet: the SDK makes it unknown during a preview.
        res.setId("");
        res.setObject(Struct.fromJavaScript(outputs as any));
        return res;
    }

    private registerResourceOutputs(req: resourceProto.RegisterResourceOutputsRequest): Empty {
        const r = this.recorded.get(req.getUrn());
        if (r && !r.custom) r.outputs = structToJs(req.getOutputs());
        return new Empty();
    }

    private readResource(req: resourceProto.ReadResourceRequest): resourceProto.ReadResourceResponse {
        const type = req.getType();
        const urn = this.claimUrn(req.getParent(), type, req.getName());
        const inputs = structToJs(req.getProperties());
        // The engine reads the resource's live state from its provider; the scan has no cloud access.
        const outputs = this.values.readOutputs(type, inputs);
        this.recorded.set(urn, {
            type,
            name: req.getName(),
            urn,
            custom: true,
            read: true,
            inputs,
            outputs,
            parent: req.getParent() || undefined,
            provider: req.getProvider() || undefined,
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            source: sourceOf(req.getSourceposition()),
        });
        const res = new resourceProto.ReadResourceResponse();
        res.setUrn(urn);
        res.setProperties(Struct.fromJavaScript(outputs as any));
        return res;
    }

    private invoke(req: resourceProto.ResourceInvokeRequest): providerProto.InvokeResponse {
        const token = req.getTok();
        const answer = answerInvoke(token, structToJs(req.getArgs()), this.invokeContext, this.values.invokeResultFields(token));
        const res = new providerProto.InvokeResponse();
        if (answer.kind === "failed") {
            const failure = new providerProto.CheckFailure();
            failure.setReason(answer.reason);
            res.setFailuresList([failure]);
            return res;
        }
        if (answer.kind !== "rendered") this.countInvoke(token, answer.kind);
        res.setReturn(Struct.fromJavaScript(answer.result as any));
        return res;
    }

    /** A method of a resource (e.g. a component's `getKubeconfig()`): its provider would run it; the scan cannot. */
    private call(req: resourceProto.ResourceCallRequest): providerProto.CallResponse {
        this.countInvoke(req.getTok(), "unknown");
        const res = new providerProto.CallResponse();
        res.setReturn(Struct.fromJavaScript(unknownResult(undefined) as any));
        return res;
    }

    private countInvoke(token: string, answer: InvokeUse["answer"]): void {
        const use = this.invokeUses.get(token) ?? { token, answer, count: 0 };
        use.count++;
        this.invokeUses.set(token, use);
    }
}

/** A gRPC error with a status code, for the SDK to turn into the program's own error. */
class RpcError extends Error {
    constructor(
        readonly code: grpc.status,
        message: string,
    ) {
        super(message);
    }
}

function unary<Req, Res>(handle: (req: Req) => Res): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
        try {
            callback(null, handle(call.request));
        } catch (e) {
            const code = e instanceof RpcError ? e.code : grpc.status.INTERNAL;
            callback({ code, details: e instanceof Error ? e.message : String(e), name: "Error", message: String(e), metadata: new grpc.Metadata() });
        }
    };
}

function structToJs(s: Struct | undefined): Record<string, unknown> {
    return (s?.toJavaScript() ?? {}) as Record<string, unknown>;
}

function sourceOf(position: { getUri(): string; getLine(): number } | undefined): EngineResource["source"] {
    if (!position || !position.getUri()) return undefined;
    try {
        return { file: fileURLToPath(position.getUri()), line: position.getLine() };
    } catch {
        return undefined;
    }
}
