import { coversAllResources, grantsAllActions, isAllow, Statement } from "../iam-document";
import { isUnknown, Unknown, UNKNOWN } from "../values";
import { describeActions, unconstrainedWith } from "./actions";

/**
 * What makes rights administrator rights, for every control that asks whether a principal or a
 * policy is privileged (administrator attachments, session length, justification): every action on
 * every resource, or an escalation action of the one action table (lib/aws/actions) on every target
 * without a constraining condition, which lets the holder grant itself the rest. An AWS managed
 * policy is privileged by what its statements allow, exactly like an inline one.
 */
/**
 * Whether an Allow statement grants every action on every resource (NotAction and NotResource
 * count): what aws-iam-no-admin-statements reports, and what the controls that judge narrower
 * grants leave to it (lib/aws/documents.ts forEachNarrowerGrant).
 */
export function grantsEverything(s: Statement): boolean | Unknown {
    const all = grantsAllActions(s);
    const everywhere = coversAllResources(s);
    if (all === false || everywhere === false) return false;
    return all === true && everywhere === true ? true : UNKNOWN;
}

// Statements are parsed once per request (an AWS managed policy's once for the pack's life) and
// asked about by several controls and for every principal that holds them: judge each once.
const adminOf = new WeakMap<Statement, string | undefined | Unknown>();

export function administratorRights(s: Statement): string | undefined | Unknown {
    if (adminOf.has(s)) return adminOf.get(s);
    const why = judgeAdministrator(s);
    adminOf.set(s, why);
    return why;
}

function judgeAdministrator(s: Statement): string | undefined | Unknown {
    if (isUnknown(s.effect)) return UNKNOWN;
    if (!isAllow(s)) return undefined;
    const everything = grantsEverything(s);
    if (everything === true) return "every action on every resource";
    const escalate = unconstrainedWith(s, "escalate");
    if (!isUnknown(escalate) && escalate.length > 0) return `${describeActions(escalate)} on every target, so it can grant itself any right`;
    return isUnknown(escalate) || isUnknown(everything) ? UNKNOWN : undefined;
}

/** The first statement's administrator rights, undefined when none has them, UNKNOWN when one that cannot be read might. */
export function firstAdministratorRights(statements: readonly Statement[]): string | undefined | Unknown {
    let unknown = false;
    for (const s of statements) {
        const why = administratorRights(s);
        if (typeof why === "string") return why;
        if (isUnknown(why)) unknown = true;
    }
    return unknown ? UNKNOWN : undefined;
}
