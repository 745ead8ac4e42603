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
import type { StackResource } from "../policies/lib/stack-index";
import { UNKNOWN_WIRE_VALUE, wireSecret } from "../engine/resource";
import { isExemptNotice, isUnverifiedMessage } from "../policies/outcomes";
import { observe, recordRun } from "./findings";

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

/** Wire-form properties as a policy receives them: deserialized, behind the unknown-checking proxy. */
export function proxied(wire: Record<string, unknown>): Record<string, any> {
    return unknownCheckingProxy(deserializeProperties(Struct.fromJavaScript(wire as any), false));
}

/** Stands in for the runtime's NotApplicableError, which ends the policy's evaluation. */
class NotApplicableSignal extends Error {}

function notApplicable(outcome: Outcome) {
    return (reason?: string): never => {
        (outcome.exempt ??= []).push(reason ?? "");
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

/** Runs a resource control against one resource. */
export async function runResource(control: Control, r: Omit<TestResource, "name"> & { name?: string }, opts: RunOptions = {}): Promise<Outcome> {
    const observed = observe(control);
    const policy = toPolicy(observed.control) as ResourceValidationPolicy;
    if (!policy.validateResource || Array.isArray(policy.validateResource)) throw new Error(`${control.id} is not a resource control`);
    const { outcome, report } = collector();
    recordRun(outcome, control, observed.calls);
    const name = r.name ?? "res";
    const args: any = {
        type: r.type,
        name,
        urn: r.urn ?? urnOf({ type: r.type, name }),
        props: proxied(r.props),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: [] },
        stackTags: new Map(Object.entries(opts.stackTags ?? {})),
        getConfig: () => opts.config ?? {},
        notApplicable: notApplicable(outcome),
    };
    const validate = policy.validateResource;
    adoptSettings(opts);
    await settle(() => validate(args, report));
    return outcome;
}

/** Runs a stack control against a set of resources, linked as the server links them. */
export async function runStack(control: Control, resources: TestResource[], opts: RunOptions = {}): Promise<Outcome> {
    const observed = observe(control);
    const policy = toPolicy(observed.control) as StackValidationPolicy;
    if (!policy.validateStack) throw new Error(`${control.id} is not a stack control`);
    const { outcome, report } = collector();
    recordRun(outcome, control, observed.calls);
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
        policy.validateStack(
            {
                resources: built.map((b) => b.pr),
                stackTags: new Map(Object.entries(opts.stackTags ?? {})),
                getConfig: () => (opts.config ?? {}) as any,
                notApplicable: notApplicable(outcome),
            },
            report,
        ),
    );
    return outcome;
}

/** A StackResource built directly, for tests of the lib readers that take a StackIndex. */
export function stackResource(type: string, name: string, props: StackResource["props"], propertyDependencies: Record<string, string[]> = {}): StackResource {
    return { type, name, urn: `urn:${type}::${name}`, props, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies };
}
