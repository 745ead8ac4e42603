/**
 * Each control's examples, in `test/policies/<cloud>/<folder>/<rule>.examples.ts` beside its test:
 * a compliant baseline and named one-change failures, written as the arguments a Pulumi program
 * gives the provider SDK, each failure with the exact findings it must give. One spec
 * (test/policies/examples.test.ts) runs them all; `npm run fuzz` rewrites the failures; `npm run
 * docs` renders them as Pulumi TypeScript on each control's page. They stay under test/ so that
 * the published pack does not carry them.
 */
import * as fs from "fs";
import * as path from "path";
import { controlSourcePath } from "../policies/adapter";
import type { Control } from "../policies/control";
import { controls } from "../policies/registry";
import { UNKNOWN_WIRE_VALUE } from "../engine/resource";
import { runResource, runStack, type RunOptions, type TestResource, urnOf } from "./harness";
import { type Expected, type Finding, findingsOf } from "./findings";

export interface PassingExample {
    /** What the case shows, one sentence. */
    says: string;
    resources: TestResource[];
    options?: RunOptions;
}

export interface FailingExample extends PassingExample {
    /** Exactly the findings the control must give. */
    findings: Expected[];
    /** The passing example this one changes in one place ("baseline" when omitted): the fix is to go back to it. */
    from?: string;
}

export interface ControlExamples {
    control: Control;
    /** `baseline` first: the compliant stack the failures change. */
    passing: { baseline: PassingExample } & Record<string, PassingExample>;
    failing: Record<string, FailingExample>;
}

export const defineExamples = (e: ControlExamples): ControlExamples => e;

/** A resource as a program declares it: type token, logical name, the arguments given to the SDK. */
export function resource(type: string, name: string, props: Record<string, unknown>, links: Omit<TestResource, "type" | "name" | "props"> = {}): TestResource {
    return { type, name, props, ...links };
}

/** The stack with one resource's arguments changed: keys set to `undefined` are removed. */
export function change(stack: TestResource[], name: string, props: Record<string, unknown>): TestResource[] {
    if (!stack.some((r) => r.name === name)) throw new Error(`change: no resource named ${name}`);
    return stack.map((r) => {
        if (r.name !== name) return r;
        const merged: Record<string, unknown> = { ...r.props, ...props };
        for (const [k, v] of Object.entries(props)) if (v === undefined) delete merged[k];
        return { ...r, props: merged };
    });
}

/** The stack without the named resources. */
export const without = (stack: TestResource[], ...names: string[]): TestResource[] => stack.filter((r) => !names.includes(r.name));

/** A violation at `at` on resource `r`. */
export const fails = (r: TestResource, at: string): Expected => ({ at, urn: r.urn ?? urnOf(r) });
/** A could-not-verify report at `at` on resource `r`. */
export const unverifiedAt = (r: TestResource, at: string): Expected => ({ at, urn: r.urn ?? urnOf(r), outcome: "unverified" });

/** Whether a control has a part that runs in AnalyzeStack (read from its definition, so it stays right as controls change). */
export const hasStackPart = (c: Control): boolean => typeof (c as { checkStack?: unknown }).checkStack === "function";
/** Whether a control has a part that runs in Analyze, per resource. */
export const hasResourcePart = (c: Control): boolean => typeof (c as { checkResource?: unknown }).checkResource === "function";

/**
 * The findings of one example as the engine would give them: a control with a stack part runs on
 * the whole stack; a per-resource control runs on each resource, its findings attributed to it.
 */
export async function runExample(control: Control, resources: TestResource[], options: RunOptions = {}): Promise<Finding[]> {
    if (hasStackPart(control)) return findingsOf(await runStack(control, resources, options));
    const out: Finding[] = [];
    for (const r of resources) out.push(...findingsOf(await runResource(control, r, options), r.urn ?? urnOf(r)));
    return out;
}

/** The examples file of a control: test/policies/<cloud>/<folder>/<rule>.examples.ts, beside its test. */
export const examplesFile = (control: Control): string => path.join(__dirname, controlSourcePath(control.id)).replace(/\.ts$/, ".examples.ts");

/** Every control's examples, by id (controls without a file are absent). */
export function allExamples(): Map<string, ControlExamples> {
    const out = new Map<string, ControlExamples>();
    for (const control of controls) {
        const file = examplesFile(control);
        if (!fs.existsSync(file)) continue;
        const loaded = require(file).default as ControlExamples;
        out.set(control.id, loaded);
    }
    return out;
}

/** An IAM policy document as a program writes it: `JSON.stringify` of the object. */
export const iamDoc = (...Statement: object[]): string => JSON.stringify({ Version: "2012-10-17", Statement });
/** A role's trust policy for an AWS service. */
export const serviceTrust = (service: string): string => iamDoc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });

/** A resource whose `property` is another resource's output, unknown at preview and linked as the engine links it. */
export function linked(type: string, name: string, property: string, target: TestResource, props: Record<string, unknown> = {}): TestResource {
    return resource(type, name, { [property]: UNKNOWN_WIRE_VALUE, ...props }, { propertyDependencies: { [property]: [target.urn ?? urnOf(target)] } });
}

/** An Azure subscription id and a built-in role's definition id as programs write them. */
export const AZ_SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
export const azRole = (guid: string): string => `${AZ_SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
export const AZ_ROLES = {
    owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    websiteContributor: "de139f84-1756-47ae-9be6-808fbbe84772",
} as const;

/** The organisation boundary the Azure exfiltration examples configure, and ids outside it. */
export const AZ_BOUNDARY = {
    subscription: "5d1e4c2a-7b3f-4e8a-9c61-0a2b3c4d5e6f",
    tenant: "33333333-3333-3333-3333-333333333333",
    foreignSubscription: "f0f0f0f0-1111-4222-8333-944445555666",
    foreignTenant: "e1e1e1e1-2222-4333-8444-955556666777",
};
export const azBoundarySettings = { settings: { trustedAzureSubscriptionIds: [AZ_BOUNDARY.subscription], trustedAzureTenantIds: [AZ_BOUNDARY.tenant] } };
export const azIdIn = (subscription: string, rest: string): string => `/subscriptions/${subscription}/resourceGroups/${rest}`;
