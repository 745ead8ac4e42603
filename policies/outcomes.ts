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
    exempt: "the control found the problem, and an exemption granted in the policy config excuses it until a date",
    "not-applicable": "the control judges nothing in this target (no resource of the kinds it checks)",
    "not-examined": "no control judged the resource, or the scan could not see it (an opaque component's children)",
    remediated: "the control changed the resource's properties to fix the problem before it was deployed",
    pass: "the control judged at least one resource and found no problem",
};

/** Most serious first: the order a reader triages in, and how one control's outcomes over many resources combine. */
export const OUTCOME_ORDER: readonly Outcome[] = ["fail", "unverified", "exempt", "remediated", "not-applicable", "not-examined", "pass"];

/** The first words of a could-not-verify message and of an exemption's reason, as the pack writes them. */
const UNVERIFIED_PREFIX = `${OUTCOME_LABELS.unverified} `;
const EXEMPT_PREFIX = `${OUTCOME_LABELS.exempt}:`;

/** `why` starts with the circumstance: "during preview: ...", "because it is encrypted in the state: ...". */
export function unverifiedMessage(at: string, why: string): string {
    return `${UNVERIFIED_PREFIX}${at} ${why}`;
}

export function exemptReason(details: string): string {
    return `${EXEMPT_PREFIX} ${details}`;
}

/** A finding's outcome, read back from the message the pack wrote. */
export const isUnverifiedMessage = (message: string) => message.startsWith(UNVERIFIED_PREFIX);

/** Whether a not-applicable reason is an honoured exemption rather than "nothing to judge". */
export const isExemptReason = (reason: string) => reason.startsWith(EXEMPT_PREFIX);
