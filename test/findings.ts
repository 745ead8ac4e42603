/**
 * Exact findings: what a control reported, as structured records (outcome, property path, resource,
 * level) instead of message text. The harness runs the control through a spy that notes each
 * `ctx.fail` and `ctx.unverified` call, then pairs every diagnostic the policy reported with the
 * call that produced it, so a test can assert exactly which findings came out (no more, no less)
 * without parsing paths out of prose (paths can hold spaces and " at ").
 */
import { strict as assert } from "assert";
import type { CheckContext, Control } from "../policies/control";
import { formatViolation } from "../policies/adapter";
import { isExemptNotice, isUnverifiedMessage, unverifiedMessage } from "../policies/outcomes";
import { diagnosticsOf, type Outcome } from "./harness";

export type Level = "mandatory" | "advisory";

export interface Finding {
    /** "fail" for a violation, "unverified" for could-not-verify, "error" for an internal error or a summary of unlisted findings. */
    outcome: "fail" | "unverified" | "error";
    /** The property path at fault, as the control gave it. */
    at: string;
    /** The resource it concerns: the URN the policy reported, or the one the engine attributes it to. */
    urn?: string;
    level: Level;
}

/** A finding as a test expects it: outcome defaults to "fail", level to the outcome's usual one. */
export type Expected = Omit<Finding, "outcome" | "level"> & Partial<Pick<Finding, "outcome" | "level">>;

interface Call {
    outcome: "fail" | "unverified";
    at: string;
    urn?: string;
    /** The start of the message the adapter sends for this call. */
    prefix: string;
}

const runs = new WeakMap<Outcome, { control: Control; calls: Call[] }>();

/** The control with a spy on its context; the harness hands the spy's calls to `recordRun`. */
export function observe(control: Control): { control: Control; calls: Call[] } {
    const calls: Call[] = [];
    const spy = <C>(ctx: CheckContext<C>): CheckContext<C> => ({
        ...ctx,
        fail: (v) => {
            calls.push({ outcome: "fail", at: v.at, urn: v.urn, prefix: formatViolation(control, v) });
            ctx.fail(v);
        },
        unverified: (at, urn, why) => {
            calls.push({ outcome: "unverified", at, urn, prefix: unverifiedMessage(at, "") });
            ctx.unverified(at, urn, why);
        },
    });
    const wrapped: any = { ...control };
    const parts = control as unknown as Record<string, unknown>;
    for (const part of ["checkResource", "checkStack"] as const) {
        const check = parts[part];
        if (typeof check === "function") wrapped[part] = (input: unknown, ctx: CheckContext<unknown>) => check.call(control, input, spy(ctx));
    }
    return { control: wrapped as Control, calls };
}

export function recordRun(outcome: Outcome, control: Control, calls: Call[]): void {
    runs.set(outcome, { control, calls });
}

/** The findings of a run, in report order; `attributeTo` stands in for the engine, which attributes an Analyze finding to its resource. */
export function findingsOf(outcome: Outcome, attributeTo?: string): Finding[] {
    const run = runs.get(outcome);
    if (!run) throw new Error("findingsOf: this outcome did not come from the harness");
    const unused = [...run.calls];
    const findings: Finding[] = [];
    for (const d of diagnosticsOf(outcome)) {
        if (isExemptNotice(d.message)) continue;
        const kind = isUnverifiedMessage(d.message) ? "unverified" : "fail";
        const i = unused.findIndex((c) => c.outcome === kind && d.message.startsWith(c.prefix));
        const level = (d.enforcementLevel ?? run.control.enforcementLevel ?? "mandatory") as Level;
        const urn = d.urn ?? attributeTo;
        if (i < 0) {
            findings.push({ outcome: "error", at: d.message, urn, level });
            continue;
        }
        const [call] = unused.splice(i, 1);
        findings.push({ outcome: call.outcome, at: call.at, urn, level });
    }
    return findings;
}

/** An expected finding with its defaults filled in: a violation at the policy's level, a could-not-verify advisory. */
export function completed(e: Expected, control: Control): Finding {
    const outcome = e.outcome ?? "fail";
    const level = e.level ?? (outcome === "unverified" ? "advisory" : ((control.enforcementLevel ?? "mandatory") as Level));
    return { outcome, at: e.at, ...(e.urn !== undefined ? { urn: e.urn } : {}), level };
}

const key = (f: Finding) => JSON.stringify([f.outcome, f.at, f.urn ?? null, f.level]);
const sorted = (fs: Finding[]) => fs.map(key).sort();

/** Asserts that a run gave exactly these findings, in any order. */
export function assertFindings(outcome: Outcome, expected: Expected[], attributeTo?: string): void {
    const run = runs.get(outcome);
    if (!run) throw new Error("assertFindings: this outcome did not come from the harness");
    const actual = findingsOf(outcome, attributeTo).map((f) => (f.urn === undefined ? (({ urn, ...rest }) => rest)(f) : f));
    assert.deepEqual(sorted(actual as Finding[]), sorted(expected.map((e) => completed(e, run.control))));
}
