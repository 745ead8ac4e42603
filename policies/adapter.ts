import type {
    Policy,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { CheckContext, Control, ControlMeta, isStackControl, Violation } from "./control";
import { HIPAA_SECTIONS } from "./lib/hipaa";
import { withDefaults } from "./lib/config";
import { StackIndex } from "./lib/stack-index";
import { isPhi, PHI_SCOPE_OPTIONS, PhiScopeConfig } from "./lib/phi-scope";
import { isObject, snapshot } from "./lib/values";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export const DOCS_URL = "https://github.com/phi-guard/phi-guard/blob/main/docs/controls.md";

/** Turns a control into a CrossGuard policy, carrying its metadata into Pulumi's native fields. */
export function toPolicy(control: Control): ResourceValidationPolicy | StackValidationPolicy {
    const policy = describe(control);
    if (isStackControl(control)) {
        return {
            ...policy,
            validateStack: (args: StackValidationArgs, report: ReportViolation) =>
                guarded(control, report, () =>
                    control.checkStack(StackIndex.fromPolicyResources(args.resources as PolicyResource[]), context(control, args, report)),
                ),
        };
    }
    return {
        ...policy,
        validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
            if (!control.types.has(args.type)) return;
            guarded(control, report, () => {
                const props = snapshot(args.props);
                const input = { type: args.type, name: args.name, urn: args.urn, props: isObject(props) ? props : {} };
                control.checkResource(input, context(control, args, report));
            });
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
        configSchema: hasOptions(control) ? { properties: configOptions(control) } : undefined,
    };
}

/** A control's own options plus the PHI scope options when it concerns PHI stores. */
export function configOptions(control: ControlMeta): Record<string, PolicyConfigJSONSchema> {
    return control.phiScoped ? { ...PHI_SCOPE_OPTIONS, ...control.config } : { ...control.config };
}

const hasOptions = (control: ControlMeta) => control.phiScoped || Object.keys(control.config ?? {}).length > 0;

export function formatViolation(control: ControlMeta, v: Violation): string {
    return `${v.problem} at ${v.at}: ${v.fix ?? control.remediation}`;
}

function context<C>(
    control: Control,
    args: { getConfig<T extends object>(): T; stackTags: ReadonlyMap<string, string> },
    report: ReportViolation,
): CheckContext<C> {
    const config = withDefaults<C>(configOptions(control), args.getConfig());
    return {
        config,
        stackTags: args.stackTags,
        isPhi: (r) => isPhi(r.props, args.stackTags, config as unknown as PhiScopeConfig),
        fail: (v) => report(formatViolation(control, v), v.urn),
        unverified: (at, urn) =>
            reportAdvisory(
                report,
                control,
                `could not verify ${at} during preview: the value is unknown until the update; the check runs again on \`pulumi up\``,
                urn,
            ),
    };
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

/**
 * A control must never stop a preview by throwing, nor pass a resource it failed to read. An
 * unexpected error is reported as a violation at the control's level (fail closed) naming only the
 * error's class: error texts can quote the input (JSON.parse does), which may be secret.
 */
function guarded(control: ControlMeta, report: ReportViolation, check: () => void): void {
    try {
        check();
    } catch (e) {
        const kind = e instanceof Error ? e.name : "non-Error value";
        report(`phi-guard could not evaluate this resource (internal ${kind} in ${control.id}); please report it`);
    }
}
