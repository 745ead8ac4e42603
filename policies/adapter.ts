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
import { CheckContext, Control, ControlMeta, isStackControl, judgedTypes, ResourceInput, Violation } from "./control";
import { today } from "./lib/clock";
import { sharedWithDefaults } from "./lib/config";
import { EXEMPTION_TAG_PREFIX, exemptionFor, exemptionTagControls, Grant, Target, unhonouredTag } from "./lib/exemptions";
import { HIPAA_SECTIONS } from "./lib/hipaa";
import { phiQuestions, readsClassification, resourceClassification, stackClassification } from "./lib/phi-scope";
import { StackIndex } from "./lib/stack-index";
import { isObject, sharedProperty, sharedSnapshot } from "./lib/values";
import { remediateResource } from "./remediate";
import { exemptNotice, exemptReason, NOTHING_JUDGED, Outcome, TYPE_NOT_JUDGED, unknownAtPreviewMessage, unlistedMessage, unverifiedMessage } from "./outcomes";
import { adoptSettings, packSettings, PackSettings, SETTINGS_OPTIONS, SETTINGS_POLICY } from "./settings";

const REPOSITORY = "https://github.com/phi-guard/phi-guard/blob/main";

/** The control's source file: the path its id names (a meta-test holds every control to it). */
export function controlSourcePath(id: string): string {
    const [prefix, folder, ...rule] = id.split("-");
    return `policies/${prefix === "az" ? "azure" : prefix}/${folder}/${rule.join("-")}.ts`;
}

/** The control's own docs page, which every finding links to (policy `url`, SARIF `helpUri`). */
export const controlDocsUrl = (id: string): string => `${REPOSITORY}/docs/controls/${id}.md`;

const NO_OPTIONS: Record<string, PolicyConfigJSONSchema> = Object.freeze({});

/** A control's own options (exemptions are pack-wide: see settings.ts). */
export function configOptions(control: ControlMeta): Record<string, PolicyConfigJSONSchema> {
    return control.config ?? NO_OPTIONS;
}

/**
 * The Pulumi CLI reads a pack's answers through the language host's proxy, which dials the pack
 * with `grpc.NewClient` and no call options (pulumi/pulumi sdk/policy_proxy.go, PolicyProxy.Attach),
 * so gRPC's default 4 MiB receive limit applies to every Analyze and AnalyzeStack response. Each
 * policy may fill an equal share of most of it; the rest is left for the summaries that stand for
 * findings beyond a share.
 */
export const CLI_RESPONSE_LIMIT = 4 * 1024 * 1024;
const POLICIES_SHARE_OF_LIMIT = 0.85;
let policiesInPack = 60;
const bytesPerPolicy = () => Math.floor((CLI_RESPONSE_LIMIT * POLICIES_SHARE_OF_LIMIT) / policiesInPack);
const FINDINGS_PART_OF_SHARE = 0.75;

/** The pack's policies: the pack-wide settings first (see settings.ts), then every control. */
export function toPolicies(controls: readonly Control[]): Policy[] {
    policiesInPack = controls.length + 1;
    return [settingsPolicy(controls.map((c) => c.id)), ...controls.map(toPolicy)];
}

const SETTINGS_DESCRIPTION =
    "Holds phi-guard's pack-wide settings, given once for every control, and reports (advisory) the tags it cannot honour: an exemption tag the policy config does not allow, a data classification it does not list.";

/**
 * The policy that carries the pack-wide settings. It is both a resource and a stack policy so that
 * the runtime calls it first in Analyze and in AnalyzeStack alike. In Analyze it also reports, once
 * per resource, the tags that it cannot honour, whichever control they name; in AnalyzeStack, a
 * stack classification tag it does not recognise.
 */
export function settingsPolicy(controlIds: readonly string[] = []): Policy {
    const known = new Set(controlIds);
    const policy = {
        name: SETTINGS_POLICY,
        displayName: "phi-guard pack-wide settings",
        description: SETTINGS_DESCRIPTION,
        enforcementLevel: "advisory",
        configSchema: { properties: SETTINGS_OPTIONS },
        validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
            const settings = adoptSettings(args.getConfig());
            if (!args.props) return;
            const out = new Findings(report, SETTINGS_DESCRIPTION, SETTINGS_POLICY, settings);
            try {
                // Only the tags: copying every resource whole is the controls' business, for the types they judge.
                const tags = sharedProperty(args.props, "tags");
                const props = tags === undefined ? {} : { tags };
                tagFindings({ urn: args.urn, type: args.type, props }, settings, known).forEach((m) => out.emit("fail", m, undefined, true));
            } catch (e) {
                out.emit("fail", `phi-guard could not read this resource's tags (internal ${e instanceof Error ? e.name : "non-Error value"} in ${SETTINGS_POLICY}); please report it`, undefined, true);
            }
            out.close();
        },
        validateStack: (args: StackValidationArgs, report: ReportViolation) => {
            const settings = adoptSettings(args.getConfig());
            if (!args.stackTags || !readsClassification(settings) || stackClassification(args.stackTags, settings) !== "unrecognised") return;
            const out = new Findings(report, SETTINGS_DESCRIPTION, SETTINGS_POLICY, settings);
            out.emit("fail", unrecognised(`stack tag ${settings.phiTagKey}`, "every store of this stack"), undefined, true);
            out.close();
        },
    };
    return policy as Policy;
}

/** What the settings policy says about one resource's tags: exemption tags it does not honour, an unrecognised classification. */
function tagFindings(t: Target, settings: PackSettings, known: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const control of exemptionTagControls(t.props)) {
        const why = known.has(control) ? unhonouredTag(control, t, settings, today(settings.asOf)) : "phi-guard has no control of that id";
        if (why) out.push(`exemption tag not honoured at tags.${EXEMPTION_TAG_PREFIX}${control}: ${why}; it exempts nothing`);
    }
    if (readsClassification(settings) && resourceClassification(t.props, settings) === "unrecognised") out.push(unrecognised(`tags.${settings.phiTagKey}`, "this resource"));
    return out;
}

const unrecognised = (at: string, what: string) =>
    `unrecognised classification at ${at}: its value is in neither phiTagValues nor nonPhiTagValues of the policy config, so phi-guard treats ${what} as PHI: use a listed value, or ask the config owner to list it`;

/**
 * Turns a control into a CrossGuard policy, carrying its metadata into Pulumi's native fields. A
 * control with both parts is one policy with both validateResource and validateStack: the runtime
 * runs the first in Analyze and the second in AnalyzeStack (@pulumi/policy server.js), and reports
 * the policy as a resource policy.
 */
export function toPolicy(control: Control): ResourceValidationPolicy | StackValidationPolicy {
    const policy: Policy & Partial<ResourceValidationPolicy & StackValidationPolicy> = describe(control);
    if (!isStackControl(control)) {
        const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
            if (!control.types.has(args.type)) return;
            let input: ResourceInput | undefined;
            const run = new Run(control, args, report, () => input);
            run.guarded(() => {
                const props = sharedSnapshot(args.props);
                input = { type: args.type, name: args.name, urn: args.urn, props: isObject(props) ? props : {} };
                control.checkResource(input, run.context);
            });
            run.finish(args.notApplicable);
        };
        // The runtime (patches/) does not call a validation for a type it says it does nothing for,
        // and lists the policy as not applicable to that resource with the reason given.
        const typeGate = { appliesToType: (type: string) => control.types.has(type), notApplicableReason: TYPE_NOT_JUDGED };
        policy.validateResource = Object.assign(validateResource, typeGate);
        const remediable = control;
        if (remediable.remediate) {
            // Pulumi's remediation summary counts a remediating policy as passed unless it says
            // otherwise: the same type gate, which the runtime answers without calling it.
            const remediate = (args: ResourceValidationArgs) => remediateResource(remediable, args, sharedWithDefaults(configOptions(remediable), args.getConfig()));
            policy.remediateResource = Object.assign(remediate, typeGate);
        }
    }
    const checkStack = control.checkStack?.bind(control);
    if (checkStack) {
        policy.validateStack = (args: StackValidationArgs, report: ReportViolation) => {
            const stack = StackIndex.forRequest(args.resources as PolicyResource[]);
            const run = new Run(control, args, report, (urn) => stack.get(urn), stack);
            run.guarded(() => checkStack(stack, run.context));
            run.finish(args.notApplicable);
            // Said in Pulumi's words too: its summary counts a stack policy that neither reports nor is not applicable as passed.
            if (!run.reported && !stack.holdsAny(judgedTypes(control))) args.notApplicable(NOTHING_JUDGED);
        };
    }
    return policy as ResourceValidationPolicy | StackValidationPolicy;
}

function describe(control: ControlMeta): Policy {
    return {
        name: control.id,
        displayName: control.title,
        description: control.description,
        enforcementLevel: control.enforcementLevel ?? "mandatory",
        severity: control.severity,
        remediationSteps: control.remediation,
        url: controlDocsUrl(control.id),
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

/**
 * The findings of one policy in one response, within its share of the response limit. Each goes
 * out once, without the description the runtime would put in front of a plain message (the
 * diagnostic carries the description in its own field). Beyond the share, findings are counted
 * and one summary at the highest level among them stands for them all, unless the config asks to
 * list everything (`listEveryFinding`, which `phi-guard scan` sets).
 */
class Findings {
    private spent = 0;
    /** Whether anything was reported (a finding, a notice or a summary). */
    reported = false;
    private readonly unlisted: Partial<Record<Outcome, number>> = {};
    private unlistedCount = 0;
    private unlistedAtPolicyLevel = false;
    private overhead?: number;

    constructor(
        private readonly report: ReportViolation,
        private readonly description: string,
        private readonly policyName: string,
        private readonly settings: PackSettings,
    ) {}

    /**
     * Whether `bytes` more fit in `part` of this policy's share; spends them if so. Findings and
     * notices may take most of it; the rest is kept for the record of exemptions, which goes last.
     */
    fits(bytes: number, part = 1): boolean {
        if (!this.settings.listEveryFinding && this.spent + bytes > bytesPerPolicy() * part) return false;
        this.spent += bytes;
        return true;
    }

    /** Reports a finding at the policy's configured level, or advisory. */
    emit(outcome: Outcome, message: string, urn: string | undefined, advisory: boolean): void {
        // The fields every diagnostic repeats (policy and pack names, version, description, level), plus
        // protobuf framing; counted at the first finding, as most evaluations have none.
        this.overhead ??= Buffer.byteLength(this.description) + this.policyName.length + 64;
        if (this.fits(this.overhead + Buffer.byteLength(message) + (urn?.length ?? 0), FINDINGS_PART_OF_SHARE)) {
            this.send(message, urn, advisory);
            return;
        }
        this.unlisted[outcome] = (this.unlisted[outcome] ?? 0) + 1;
        this.unlistedCount++;
        this.unlistedAtPolicyLevel ||= !advisory;
    }

    /** The summary of what did not fit, if anything did not. */
    close(): void {
        if (this.unlistedCount > 0) this.send(unlistedMessage(this.unlistedCount, this.unlisted), undefined, !this.unlistedAtPolicyLevel);
    }

    /**
     * The runtime's reportViolation also takes an object, whose message goes out as given and whose
     * level, when set, overrides the policy's (its own "can't run during preview" diagnostics are
     * built the same way); the typings show only the string form.
     */
    private send(message: string, urn: string | undefined, advisory: boolean): void {
        this.reported = true;
        (this.report as unknown as (d: object) => void)({ message, urn, ...(advisory ? { enforcementLevel: "advisory" } : {}) });
    }
}

type Lookup = (urn: string) => Target | undefined;

/**
 * One evaluation of a control: its context, the exemptions it honours, and its error guard.
 * A finding on an exempt resource is not reported as a violation: the exemption is recorded as
 * not applicable (resource, expiry, who granted it, reason) and, unless the config turns it off,
 * reported as an advisory notice so that it shows where Pulumi users look. A refused or expired
 * exemption leaves the finding in place and says why.
 */
class Run<C> {
    readonly context: CheckContext<C>;
    private readonly exempt = new Map<string, Grant>();
    private readonly findings: Findings;
    private readonly settings: PackSettings;

    constructor(
        private readonly control: Control,
        args: { getConfig<T extends object>(): T; stackTags: ReadonlyMap<string, string>; urn?: string },
        report: ReportViolation,
        private readonly lookup: Lookup,
        /** The stack, in AnalyzeStack (a stack control, or the stack part of a resource control). */
        index?: StackIndex,
    ) {
        const stack = index !== undefined;
        const config = sharedWithDefaults<C>(configOptions(control), args.getConfig());
        const settings = (this.settings = packSettings());
        this.findings = new Findings(report, control.description, control.id, settings);
        // Read at the first finding, as most evaluations have none.
        let asOf: string | undefined;
        // A date pinned in the config (to re-run an audit) shows on every exemption it keeps alive.
        const pinned = settings.asOf !== "" && settings.asOf !== undefined;
        const judged = (urn: string | undefined, emit: (suffix: string) => void) => {
            const target = this.lookup(urn ?? args.urn ?? "");
            asOf ??= today(settings.asOf);
            const status = target && exemptionFor(control.id, target, settings, asOf);
            if (status && "granted" in status) this.grant(target!.urn, urn, pinned ? { ...status.granted, source: `${status.granted.source}; judged as of ${asOf}` } : status.granted);
            else emit(status ? `; ${status.refused}` : "");
        };
        const unverifiedAdvisory = !(stack && settings.failClosedStackChecks);
        this.context = {
            config,
            settings,
            stackTags: args.stackTags,
            ...phiQuestions(settings, args.stackTags, index),
            fail: (v) => judged(v.urn, (suffix) => this.findings.emit("fail", `${formatViolation(control, v)}${suffix}`, v.urn, false)),
            unverified: (at, urn) =>
                judged(urn, (suffix) =>
                    this.findings.emit("unverified", unknownAtPreviewMessage(at, stack, suffix), urn, unverifiedAdvisory),
                ),
            cannotTell: (at, why, urn) => judged(urn, (suffix) => this.findings.emit("unverified", `${unverifiedMessage(at, why)}${suffix}`, urn, true)),
        };
    }

    get reported(): boolean {
        return this.findings.reported;
    }

    private grant(target: string, reportedUrn: string | undefined, g: Grant): void {
        if (this.exempt.has(target)) return;
        this.exempt.set(target, g);
        if (this.settings.reportExemptions) this.findings.emit("exempt", exemptNotice(this.control.id, g), reportedUrn, true);
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
            this.findings.emit("fail", `phi-guard could not evaluate this resource (internal ${kind} in ${this.control.id}); please report it`, undefined, false);
        }
    }

    /** Sends the summary of unlisted findings, then records the exemptions as not applicable (which ends the policy's evaluation). */
    finish(notApplicable: (reason: string) => never): void {
        this.findings.close();
        if (this.exempt.size === 0) return;
        const entries = [...this.exempt].map(([urn, g]) => ({ urn, ...g }));
        let listed = 0;
        while (listed < entries.length && this.findings.fits(Buffer.byteLength(exemptReason([entries[listed]])))) listed++;
        notApplicable(exemptReason(entries.slice(0, listed), entries.length - listed));
    }
}
