/**
 * Runs a control the way the pack's gRPC server does: properties in wire form (with the engine's
 * secret and unknown sentinels) go through Struct, the runtime's deserializer and its
 * unknown-checking proxy, then through the adapter that turns the control into a Pulumi policy.
 * A test therefore cannot pass where a preview would crash.
 */
import type { PolicyResource, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Control } from "../policies/control";
import { controls } from "../policies/registry";
import { settingsPolicy, toPolicy } from "../policies/adapter";
import { parseDocument, Statement } from "../policies/lib/iam-document";
import { Settled } from "../policies/lib/settled";
import type { StackResource } from "../policies/lib/stack-index";
import type { PlainObject } from "../policies/lib/values";
import { UNKNOWN_WIRE_VALUE, wireSecret } from "../engine/resource";
import { isExemptNotice, isTypeGateReason, isUnverifiedMessage } from "../policies/outcomes";
import { findingsOf, observe, recordRun, type Finding } from "./findings";

/** An unknown preview value, as the engine sends it. */
export const unknown = UNKNOWN_WIRE_VALUE;
/** A secret value, as the engine sends it. */
export const secret = wireSecret;

export interface Outcome {
    /** Violation messages. */
    violations: string[];
    /** Could-not-verify reports. */
    unverified: string[];
    /** URNs the stack control attributed its violations and could-not-verify reports to, in report order. */
    urns: (string | undefined)[];
    /** Not-applicable reasons (exemptions); present only when there are some. */
    exempt?: string[];
    /** Advisory notices of honoured exemptions; present only when there are some. */
    notices?: string[];
}

export interface ReportedDiagnostic {
    message: string;
    urn?: string;
    /** The level the report overrides the policy's with (undefined: the policy's own). */
    enforcementLevel?: string;
}

const reported = new WeakMap<Outcome, ReportedDiagnostic[]>();

/** Every diagnostic of a run as the policy reported it, with its level. */
export const diagnosticsOf = (outcome: Outcome): ReportedDiagnostic[] => reported.get(outcome) ?? [];

export interface TestResource {
    type: string;
    name: string;
    /** The URN, when a test needs another project or stack than urnOf gives. */
    urn?: string;
    props: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    parent?: string;
}

export const urnOf = (r: { type: string; name: string }) => `urn:pulumi:test::test::${r.type}::${r.name}`;

// The runtime's deserializer is internal to @pulumi/policy (its typings omit it).
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(props: Struct, proxySecrets: boolean): Record<string, unknown>;
};

/**
 * A frozen wire object cannot change, so it is deserialized once: a test that runs many controls
 * on the same (deeply frozen) objects, as the secret-hygiene test does with thousands of
 * properties, pays the protobuf round trip once, not per control. Each call still gets a proxy of
 * its own; an object a test may still change is deserialized on every call.
 */
const deserialized = new WeakMap<object, Record<string, unknown>>();

/** Wire-form properties as a policy receives them: deserialized, behind the unknown-checking proxy. */
export function proxied(wire: Record<string, unknown>): Record<string, any> {
    let plain = deserialized.get(wire);
    if (!plain) {
        plain = deserializeProperties(Struct.fromJavaScript(wire as any), false);
        if (Object.isFrozen(wire)) deserialized.set(wire, plain);
    }
    return unknownCheckingProxy(plain);
}

/** Stands in for the runtime's NotApplicableError, which ends the policy's evaluation. */
class NotApplicableSignal extends Error {}

function notApplicable(outcome: Outcome) {
    return (reason?: string): never => {
        // A stack with nothing of a control's types is told to Pulumi's summary (test/engine/protocol.test.ts); `exempt` holds exemptions.
        if (!isTypeGateReason(reason ?? "")) (outcome.exempt ??= []).push(reason ?? "");
        throw new NotApplicableSignal();
    };
}

async function settle(run: () => unknown): Promise<void> {
    try {
        await run();
    } catch (e) {
        if (!(e instanceof NotApplicableSignal)) throw e;
    }
}

function collector(): { outcome: Outcome; report: ReportViolation } {
    const outcome: Outcome = { violations: [], unverified: [], urns: [] };
    const diagnostics: ReportedDiagnostic[] = [];
    reported.set(outcome, diagnostics);
    const report = ((d: ReportedDiagnostic) => {
        diagnostics.push(d);
        if (isExemptNotice(d.message)) {
            (outcome.notices ??= []).push(d.message);
            return;
        }
        (isUnverifiedMessage(d.message) ? outcome.unverified : outcome.violations).push(d.message);
        outcome.urns.push(d.urn);
    }) as unknown as ReportViolation;
    return { outcome, report };
}

export interface RunOptions {
    config?: Record<string, unknown>;
    /** The pack-wide settings (the phi-guard-settings policy's config). */
    settings?: Record<string, unknown>;
    stackTags?: Record<string, string>;
}

/** As the runtime does, the settings policy runs first in each request and hands its config on. */
function adoptSettings(opts: RunOptions): void {
    const policy = settingsPolicy() as unknown as { validateResource(args: object, report: ReportViolation): void };
    policy.validateResource({ getConfig: () => opts.settings ?? {} }, () => undefined);
}

/** Runs the settings policy on one resource, as the runtime does first in every Analyze request. */
export async function runSettings(r: Omit<TestResource, "name"> & { name?: string }, opts: RunOptions = {}): Promise<Outcome> {
    const policy = settingsPolicy(controls.map((c) => c.id)) as unknown as { validateResource(args: object, report: ReportViolation): void };
    const { outcome, report } = collector();
    const name = r.name ?? "res";
    policy.validateResource(
        { type: r.type, name, urn: urnOf({ type: r.type, name }), props: proxied(r.props), stackTags: new Map(Object.entries(opts.stackTags ?? {})), getConfig: () => opts.settings ?? {} },
        report,
    );
    return outcome;
}

/** Runs the settings policy's stack check (the stack's classification tag), as the runtime does first in AnalyzeStack. */
export async function runSettingsStack(opts: RunOptions = {}): Promise<Outcome> {
    const policy = settingsPolicy() as unknown as { validateStack(args: object, report: ReportViolation): void };
    const { outcome, report } = collector();
    policy.validateStack({ resources: [], stackTags: new Map(Object.entries(opts.stackTags ?? {})), getConfig: () => opts.settings ?? {} }, report);
    return outcome;
}

function analyzeArgs(r: TestResource, outcome: Outcome, opts: RunOptions): any {
    return {
        type: r.type,
        name: r.name,
        urn: r.urn ?? urnOf(r),
        props: proxied(r.props),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: [] },
        stackTags: new Map(Object.entries(opts.stackTags ?? {})),
        getConfig: () => opts.config ?? {},
        notApplicable: notApplicable(outcome),
    };
}

type EitherPolicy = Partial<ResourceValidationPolicy & StackValidationPolicy>;

/** Analyze of one resource: the control's per-resource part only (what blocks the resource's own step). */
export async function runResource(control: Control, r: Omit<TestResource, "name"> & { name?: string }, opts: RunOptions = {}): Promise<Outcome> {
    const observed = observe(control);
    const validate = (toPolicy(observed.control) as EitherPolicy).validateResource;
    if (!validate || Array.isArray(validate)) throw new Error(`${control.id} has no per-resource part`);
    Settled.forget();
    const { outcome, report } = collector();
    recordRun(outcome, control, observed.calls);
    adoptSettings(opts);
    await settle(() => validate(analyzeArgs({ ...r, name: r.name ?? "res" }, outcome, opts), report));
    return outcome;
}

/**
 * A stack as the engine analyzes it, in one new deployment: Analyze of every resource (for a
 * control with a per-resource part), each finding attributed to its resource as the engine does,
 * then AnalyzeStack with the resources linked as the server links them.
 */
export async function runStack(control: Control, resources: TestResource[], opts: RunOptions = {}): Promise<Outcome> {
    return (await runPhases(control, resources, opts)).all;
}

/** What AnalyzeStack adds after Analyze has run for every resource: what arrives only after every step. */
export async function runStackPart(control: Control, resources: TestResource[], opts: RunOptions = {}): Promise<Outcome> {
    return (await runPhases(control, resources, opts)).stack;
}

async function runPhases(control: Control, resources: TestResource[], opts: RunOptions): Promise<{ all: Outcome; stack: Outcome }> {
    const observed = observe(control);
    const policy = toPolicy(observed.control) as EitherPolicy;
    if (!policy.validateStack) throw new Error(`${control.id} has no stack part`);
    Settled.forget();
    const all = collector();
    recordRun(all.outcome, control, observed.calls);
    const validateResource = policy.validateResource;
    if (validateResource && !Array.isArray(validateResource)) {
        for (const r of resources) {
            adoptSettings(opts);
            const urn = r.urn ?? urnOf(r);
            const attributed = ((message: unknown) => all.report((typeof message === "object" && message !== null ? { ...message, urn } : message) as string, urn)) as ReportViolation;
            await settle(() => validateResource(analyzeArgs(r, all.outcome, opts), attributed));
        }
    }
    const stack = collector();
    recordRun(stack.outcome, control, observed.calls);
    const both = ((message: unknown, urn?: string) => {
        all.report(message as string, urn);
        stack.report(message as string, urn);
    }) as ReportViolation;
    await analyzeStackInto(policy.validateStack, resources, stack.outcome, both, opts);
    if (stack.outcome.exempt) all.outcome.exempt = [...(all.outcome.exempt ?? []), ...stack.outcome.exempt];
    return { all: all.outcome, stack: stack.outcome };
}

async function analyzeStackInto(
    validate: StackValidationPolicy["validateStack"],
    resources: TestResource[],
    outcome: Outcome,
    report: ReportViolation,
    opts: RunOptions,
): Promise<void> {
    const byUrn = new Map<string, PolicyResource>();
    const built = resources.map((r) => {
        const pr: any = { type: r.type, name: r.name, urn: r.urn ?? urnOf(r), props: proxied(r.props), dependencies: [], propertyDependencies: {} };
        byUrn.set(pr.urn, pr);
        return { r, pr };
    });
    for (const { r, pr } of built) {
        pr.parent = r.parent ? byUrn.get(r.parent) : undefined;
        pr.dependencies = (r.dependencies ?? []).map((u) => byUrn.get(u)).filter(Boolean);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            pr.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter(Boolean);
            pr.dependencies.push(...pr.propertyDependencies[k]);
        }
    }
    adoptSettings(opts);
    await settle(() =>
        validate(
            {
                resources: built.map((b) => b.pr),
                stackTags: new Map(Object.entries(opts.stackTags ?? {})),
                getConfig: () => (opts.config ?? {}) as any,
                notApplicable: notApplicable(outcome),
            },
            report,
        ),
    );
}

/** A StackResource built directly, for tests of the lib readers that take a StackIndex. */
export function stackResource(type: string, name: string, props: StackResource["props"], propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:${type}::${name}`, props, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies };
}

/** One statement read by the IAM document reader, for tests of the lib readers that take a Statement. */
export function statement(s: Record<string, unknown>): Statement {
    const parsed = parseDocument({ Statement: [s] } as PlainObject);
    if (parsed.kind !== "ok") throw new Error("not a statement");
    return parsed.statements[0];
}

/**
 * One owner per concern: `control` reports nothing on the resource, and `owner` (by id) reports it
 * at `at` with this outcome, so deferring leaves no silent pass.
 */
export async function assertLeftTo(control: Control, owner: string, r: Omit<TestResource, "name"> & { name?: string }, at: string, outcome: Finding["outcome"] = "fail"): Promise<void> {
    const own = await runResource(control, r);
    if (own.violations.length + own.unverified.length > 0) throw new Error(`${control.id} reports what ${owner} owns: ${[...own.violations, ...own.unverified].join("; ")}`);
    const ownerControl = controls.find((c) => c.id === owner);
    if (!ownerControl) throw new Error(`no control ${owner}`);
    const found = findingsOf(await runResource(ownerControl, r), "res");
    if (!found.some((f) => f.at === at && f.outcome === outcome)) throw new Error(`${owner} does not report ${outcome} at ${at}: ${JSON.stringify(found)}`);
}
