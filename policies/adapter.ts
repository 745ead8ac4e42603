import type {
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { CheckContext, Control, ControlMeta, isStackControl, ResourceInput, Violation } from "./control";
import { withDefaults } from "./lib/config";
import { ConfigExemption, EXEMPTION_OPTIONS, exemptionFor } from "./lib/exemptions";
import { HIPAA_SECTIONS } from "./lib/hipaa";
import { isPhi } from "./lib/phi-scope";
import { StackIndex } from "./lib/stack-index";
import { isObject, PlainObject, sharedSnapshot } from "./lib/values";
import { exemptReason, unverifiedMessage } from "./outcomes";
import { adoptSettings, packSettings, SETTINGS_OPTIONS, SETTINGS_POLICY } from "./settings";

export const DOCS_URL = "https://github.com/phi-guard/phi-guard/blob/main/docs/controls.md";

// Every evaluation applies defaults from these options: build them once per control, not per resource.
const optionsOf = new WeakMap<ControlMeta, Record<string, PolicyConfigJSONSchema>>();

/** A control's own options and its exemptions. */
export function configOptions(control: ControlMeta): Record<string, PolicyConfigJSONSchema> {
    let options = optionsOf.get(control);
    if (!options) {
        options = { ...control.config, ...EXEMPTION_OPTIONS };
        optionsOf.set(control, options);
    }
    return options;
}

/** The pack's policies: the pack-wide settings first (see settings.ts), then every control. */
export function toPolicies(controls: readonly Control[]): Policy[] {
    return [settingsPolicy(), ...controls.map(toPolicy)];
}

/**
 * The policy that carries the pack-wide settings. It judges nothing; it is both a resource and a
 * stack policy so that the runtime calls it first in Analyze and in AnalyzeStack alike.
 */
export function settingsPolicy(): Policy {
    const adopt = (args: { getConfig<T extends object>(): T }) => adoptSettings(args.getConfig());
    const policy = {
        name: SETTINGS_POLICY,
        displayName: "phi-guard pack-wide settings",
        description: "Holds phi-guard's pack-wide settings (PHI scope, given once for every control); it reports nothing itself.",
        enforcementLevel: "advisory",
        configSchema: { properties: SETTINGS_OPTIONS },
        validateResource: adopt,
        validateStack: adopt,
    };
    return policy as Policy;
}

/** Turns a control into a CrossGuard policy, carrying its metadata into Pulumi's native fields. */
export function toPolicy(control: Control): ResourceValidationPolicy | StackValidationPolicy {
    const policy = describe(control);
    if (isStackControl(control)) {
        return {
            ...policy,
            validateStack: (args: StackValidationArgs, report: ReportViolation) => {
                const stack = StackIndex.forRequest(args.resources as PolicyResource[]);
                const run = new Run(control, args, report, (urn) => stack.get(urn));
                run.guarded(() => control.checkStack(stack, run.context));
                run.finish(args.notApplicable);
            },
        };
    }
    return {
        ...policy,
        validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
            if (!control.types.has(args.type)) return;
            let input: ResourceInput | undefined;
            const run = new Run(control, args, report, () => input);
            run.guarded(() => {
                const props = sharedSnapshot(args.props);
                input = { type: args.type, name: args.name, urn: args.urn, props: isObject(props) ? props : {} };
                control.checkResource(input, run.context);
            });
            run.finish(args.notApplicable);
        },
    };
}

function describe(control: ControlMeta): Policy {
    return {
        name: control.id,
        displayName: control.title,
        description: control.description,
        enforcementLevel: control.enforcementLevel ?? "mandatory",
        severity: control.severity,
        remediationSteps: control.remediation,
        url: `${DOCS_URL}#${control.id}`,
        tags: [control.cloud, control.category, "hipaa"],
        framework: {
            name: "HIPAA Security Rule",
            version: "45 CFR Part 164",
            reference: control.hipaa.map((c) => c.section).join(", "),
            specification: control.hipaa.map((c) => `${c.section} ${HIPAA_SECTIONS[c.section]}`).join("; "),
        },
        configSchema: { properties: configOptions(control) },
    };
}

export function formatViolation(control: ControlMeta, v: Violation): string {
    return `${v.problem} at ${v.at}: ${v.fix ?? control.remediation}`;
}

type Lookup = (urn: string) => { urn: string; name: string; props: PlainObject } | undefined;

/**
 * One evaluation of a control: its context, the exemptions it honours, and its error guard.
 * A finding on an exempt resource is not reported; the exemption is reported as not applicable
 * (with reason and expiry) so it stays visible. An expired or malformed exemption leaves the
 * finding in place and says why.
 */
class Run<C> {
    readonly context: CheckContext<C>;
    private readonly exempt = new Map<string, string>();

    constructor(
        private readonly control: Control,
        args: { getConfig<T extends object>(): T; stackTags: ReadonlyMap<string, string>; urn?: string },
        private readonly report: ReportViolation,
        private readonly lookup: Lookup,
    ) {
        const config = withDefaults<C & { exemptions: ConfigExemption[] }>(configOptions(control), args.getConfig());
        const judged = (urn: string | undefined, emit: (suffix: string) => void) => {
            const target = this.lookup(urn ?? args.urn ?? "");
            const status = target && exemptionFor(control.id, target, config.exemptions);
            if (status?.status === "active") this.exempt.set(target!.urn, `${target!.name}: ${status.note}`);
            else emit(status ? `; ${status.note}` : "");
        };
        const settings = packSettings();
        this.context = {
            config,
            settings,
            stackTags: args.stackTags,
            isPhi: (r) => isPhi(r.props, args.stackTags, settings),
            fail: (v) => judged(v.urn, (suffix) => report(`${formatViolation(control, v)}${suffix}`, v.urn)),
            unverified: (at, urn) =>
                judged(urn, (suffix) =>
                    reportAdvisory(
                        report,
                        control,
                        unverifiedMessage(at, `during preview: the value is unknown until the update; the check runs again on \`pulumi up\`${suffix}`),
                        urn,
                    ),
                ),
        };
    }

    /**
     * A control must never stop a preview by throwing, nor pass a resource it failed to read. An
     * unexpected error is reported as a violation at the control's level (fail closed) naming only
     * the error's class: error texts can quote the input (JSON.parse does), which may be secret.
     */
    guarded(check: () => void): void {
        try {
            check();
        } catch (e) {
            const kind = e instanceof Error ? e.name : "non-Error value";
            this.report(`phi-guard could not evaluate this resource (internal ${kind} in ${this.control.id}); please report it`);
        }
    }

    /** Reports exemptions that suppressed findings as not applicable, after every finding is out. */
    finish(notApplicable: (reason: string) => never): void {
        if (this.exempt.size > 0) notApplicable(exemptReason([...this.exempt.values()].join(" | ")));
    }
}

/**
 * The runtime's reportViolation also takes an object that overrides the enforcement level (its
 * own "can't run during preview" diagnostics are built the same way); the typings only show the
 * string form. Could-not-verify is advisory so that a preview is not blocked on a value that the
 * update will check.
 */
function reportAdvisory(report: ReportViolation, control: ControlMeta, message: string, urn?: string): void {
    (report as unknown as (d: object) => void)({ message: `${control.description}\n${message}`, urn, enforcementLevel: "advisory" });
}
