/**
 * The outcomes phi-guard reaches, named once: the pack writes its messages with these words and
 * every report reads them back with the same words. A resource never passes silently: when no
 * control judged it, or the scan could not see it, it is "not examined", not "pass".
 */
export const OUTCOME_LABELS = {
    fail: "fail",
    unverified: "could not verify",
    exempt: "exempt",
    "not-applicable": "not applicable",
    "not-examined": "not examined",
    remediated: "remediated",
    pass: "pass",
} as const;

export type Outcome = keyof typeof OUTCOME_LABELS;

/** What each outcome means, for the docs and the reports' legends. */
export const OUTCOME_MEANINGS: Record<Outcome, string> = {
    fail: "the control judged the resource and found the problem it looks for",
    unverified: "a value the control needs could not be read (unknown at preview, or encrypted in a saved state), so it could not decide",
    exempt: "the control found the problem, and an exemption the policy config grants (or lets a tag take) excuses it until a date",
    "not-applicable": "the control judges nothing in this target (no resource of the kinds it checks)",
    "not-examined": "no control judged the resource, or the scan could not see it (an opaque component's children)",
    remediated: "the control changed the resource's properties to fix the problem before it was deployed",
    pass: "the control judged at least one resource and found no problem",
};

/** Most serious first: the order a reader triages in, and how one control's outcomes over many resources combine. */
export const OUTCOME_ORDER: readonly Outcome[] = ["fail", "unverified", "exempt", "remediated", "not-applicable", "not-examined", "pass"];

/** The first words of a could-not-verify message, an exemption's record and notice, and a summary of unlisted findings. */
const UNVERIFIED_PREFIX = `${OUTCOME_LABELS.unverified} `;
const EXEMPT_PREFIX = `${OUTCOME_LABELS.exempt}:`;
const EXEMPT_NOTICE_PREFIX = `${OUTCOME_LABELS.exempt} from `;
const UNLISTED_PREFIX = "not listed: ";

/** `why` starts with the circumstance: "during preview: ...", "because it is encrypted in the state: ...". */
export function unverifiedMessage(at: string, why: string): string {
    return `${UNVERIFIED_PREFIX}${at} ${why}`;
}

/** One honoured exemption: the resource, its last day, who granted it and why. */
export interface ExemptEntry {
    urn: string;
    until: string;
    source: string;
    reason: string;
}

// The record is read back by reports: one entry per line, fields separated by tabs, so no field may hold either.
const field = (s: string) => s.replace(/[\t\r\n]+/g, " ").trim();

/**
 * The not-applicable reason that records a control's honoured exemptions, one line per resource
 * (a stack policy reports them all at once); `more` counts entries left out to keep the response small.
 */
export function exemptReason(entries: readonly ExemptEntry[], more = 0): string {
    const lines = entries.map((e) => [e.urn, e.until, e.source, e.reason].map(field).join("\t"));
    if (more > 0) lines.push(`and ${more} more not listed`);
    return [EXEMPT_PREFIX, ...lines].join("\n");
}

/** The entries of an exemption record (lines that are not entries, such as "and N more", are skipped). */
export function parseExemptReason(reason: string): ExemptEntry[] {
    return reason
        .split("\n")
        .slice(1)
        .map((line) => line.split("\t"))
        .filter((f) => f.length === 4)
        .map(([urn, until, source, reason]) => ({ urn, until, source, reason }));
}

/** The advisory finding that makes an honoured exemption visible in `pulumi preview` and Pulumi Cloud. */
export function exemptNotice(controlId: string, e: Omit<ExemptEntry, "urn">): string {
    return `${EXEMPT_NOTICE_PREFIX}${controlId} until ${e.until}: ${field(e.reason)} (${field(e.source)})`;
}

/** The one finding that stands for a control's findings beyond its share of a response. */
export function unlistedMessage(count: number, byOutcome: Partial<Record<Outcome, number>>): string {
    const parts = (Object.entries(byOutcome) as [Outcome, number][]).map(([o, n]) => `${n} ${OUTCOME_LABELS[o]}`).join(", ");
    return (
        `${UNLISTED_PREFIX}${count} more finding${count === 1 ? "" : "s"} of this control (${parts}), to keep the response within the 4 MiB the Pulumi CLI accepts. ` +
        "`phi-guard scan` lists them all: run it with the same policy config on `pulumi stack export` or `pulumi preview --json` output."
    );
}

/** The circumstance of a value unknown at preview. */
const UNKNOWN_AT_PREVIEW = "during preview: the value is unknown until the update";

/**
 * When the check runs again: Analyze runs again during the update, with the inputs known, before
 * the resource is changed; AnalyzeStack runs on `pulumi up` only after every change is made.
 */
const RUNS_AGAIN = {
    resource: "the check runs again during `pulumi up`, with the value known, before the resource is changed",
    stack: "this stack check runs again on `pulumi up` only after the resources are changed",
};

/** Could not verify `at` because its value is unknown at preview; `suffix` adds what follows (an exemption's note). */
export function unknownAtPreviewMessage(at: string, stack: boolean, suffix = ""): string {
    return unverifiedMessage(at, `${UNKNOWN_AT_PREVIEW}; ${stack ? RUNS_AGAIN.stack : RUNS_AGAIN.resource}${suffix}`);
}

/** The parts of a message unknownAtPreviewMessage wrote (the property and the suffix), or undefined for any other. */
export function readUnknownAtPreview(message: string): { at: string; rest: string } | undefined {
    if (!message.startsWith(UNVERIFIED_PREFIX)) return undefined;
    for (const again of Object.values(RUNS_AGAIN)) {
        const circumstance = ` ${UNKNOWN_AT_PREVIEW}; ${again}`;
        const i = message.indexOf(circumstance);
        if (i >= 0) return { at: message.slice(UNVERIFIED_PREFIX.length, i), rest: message.slice(i + circumstance.length) };
    }
    return undefined;
}

/** A finding's outcome, read back from the message the pack wrote. */
export const isUnverifiedMessage = (message: string) => message.startsWith(UNVERIFIED_PREFIX);

/**
 * The not-applicable reason a resource control gives for a resource of a type it does not judge.
 * Pulumi counts a policy that neither reports on a resource nor calls it not applicable as passed
 * (pulumi/pulumi pkg/resource/analyzer/summary.go), which would credit every control with every
 * resource of the stack. Short: most resource controls send it in every Analyze response, whose
 * cost follows its bytes (docs/performance.md, "Not-applicable records").
 */
export const TYPE_NOT_JUDGED = "type not judged";

/** The same for a stack control (or a resource control's stack part) when the stack holds nothing of the types it judges. */
export const NOTHING_JUDGED = "no resource of the types it judges";

/** Whether a not-applicable reason is one of those two, which a scan report reads from the controls' types instead. */
export const isTypeGateReason = (reason: string) => reason === TYPE_NOT_JUDGED || reason === NOTHING_JUDGED;

/** Whether a not-applicable reason is an honoured exemption rather than "nothing to judge". */
export const isExemptReason = (reason: string) => reason.startsWith(EXEMPT_PREFIX);

/** Whether a diagnostic is the notice of an honoured exemption (recorded as not applicable too), not a finding. */
export const isExemptNotice = (message: string) => message.startsWith(EXEMPT_NOTICE_PREFIX);

export const isUnlistedMessage = (message: string) => message.startsWith(UNLISTED_PREFIX);
