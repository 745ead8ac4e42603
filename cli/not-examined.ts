import type { LoadedTarget } from "./targets";
import { parseUrn } from "./targets/state";
import { unreadableReason } from "./targets/unreadable";
import type { UnreadableValue } from "./targets/wire";

/**
 * What the scan did not examine, the one list every report format shows: a scan never passes
 * silently over what it could not see. The loaders record what they meet as entries of these
 * kinds; a new kind of thing the scan cannot see (resources no control judges, an opaque
 * component of a program) is added here, as a kind and where `notExaminedList` gathers it.
 */
export type NotExaminedKind =
    /** Values of a resource the scan cannot read: encrypted, hidden as "[secret]", secure config, left unknown. */
    | "unreadable-values"
    /** A resource whose properties the saved state or preview does not show (an interrupted operation, a step without its new state). */
    | "unknown-state"
    /** Resources a preview file leaves out (written without --show-sames). */
    | "left-out"
    /** A resource read from the cloud (`get`): its properties are the cloud's, not the program's. */
    | "read-from-cloud"
    /** A component whose children its provider builds, out of the scan's sight. */
    | "opaque-component"
    /** An invoke the scan could not answer: what the program built from its result is unknown. */
    | "unanswered-invoke"
    /** Resources of a type no control judges, counted by type. */
    | "unjudged-type"
    /** A program run with phi-guard's own SDKs, as its project has none installed. */
    | "scan-sdk";

/** Something in the target that no control could judge, with why and what to do. */
export interface NotExamined {
    kind: NotExaminedKind;
    /** The resource concerned, when there is one. */
    urn?: string;
    type?: string;
    /** Why it was not examined and what to do, e.g. "is a remote component: its provider creates its children ...". */
    reason: string;
    /** How many resources the entry stands for (unjudged-type). */
    count?: number;
}

/** The line a report gives when it has no finding: never "No findings." alone when something was not examined. */
export function noFindingsLine(examined: number, notExamined: readonly NotExamined[]): string {
    if (notExamined.length === 0) return "No findings.";
    const see = `see Not examined (${notExamined.length})`;
    if (examined === 0) return `No findings, but no control examined any resource: ${see}.`;
    return `No findings in the ${examined} resource${examined === 1 ? "" : "s"} the controls examined: ${see}.`;
}

export const OPAQUE_COMPONENT_REASON =
    "is a remote component: its provider creates its children, which the scan cannot see; scan the stack's `pulumi stack export` or `pulumi preview --json` output, where they appear";

/**
 * The whole list for a target: what its loader recorded, the remote components and the invokes a
 * program run met (answered with unknowns or with the scan's placeholders), then each resource's
 * unreadable values.
 */
export function notExaminedList(target: LoadedTarget): NotExamined[] {
    const byUrn = new Map<string, UnreadableValue[]>();
    for (const v of target.unreadable ?? []) byUrn.set(v.urn, [...(byUrn.get(v.urn) ?? []), v]);
    const types = new Map(target.resources.map((r) => [r.urn, r.type]));
    const values = [...byUrn].map(([urn, vs]): NotExamined => ({ kind: "unreadable-values", urn, type: types.get(urn), reason: unreadableReason(vs) }));
    const notes = (target.notes ?? []).map((reason): NotExamined => ({ kind: "scan-sdk", reason }));
    const opaque = (target.opaque ?? []).map((c): NotExamined => ({ kind: "opaque-component", urn: c.urn, type: c.type, reason: OPAQUE_COMPONENT_REASON }));
    const invokes = (target.invokes ?? []).flatMap((i): NotExamined[] =>
        i.answer === "given" ? [] : [{ kind: "unanswered-invoke", reason: invokeReason(i.token, i.answer, i.count) }],
    );
    return [...(target.notExamined ?? []), ...notes, ...opaque, ...invokes, ...values];
}

function invokeReason(token: string, answer: "unknown" | "placeholder", count: number): string {
    const uses = `${count} use${count === 1 ? "" : "s"}`;
    return answer === "unknown"
        ? `invoke ${token} was answered with unknowns (${uses}), so what the program built from its result is unknown`
        : `invoke ${token} was answered with the scan's placeholder (${uses}); give the real answer with --invoke ${token}=<json>`;
}

/** One entry as a line: what (type::name) and why. */
export function notExaminedText(n: NotExamined): string {
    const name = n.urn ? (parseUrn(n.urn)?.name ?? n.urn) : "";
    const what = n.urn ? `${n.type ? `${n.type}::` : ""}${name}` : "";
    return what ? `${what}: ${n.reason}` : n.reason;
}
