import { asList, isObject, isUnknown, Plain, PlainObject, Unknown, UNKNOWN } from "./values";
import { wildcardMatch, wildcardOverlap } from "./wildcard";

/**
 * The one reader of AWS IAM policy documents (identity, inline, bucket, key and trust policies).
 * It accepts every shape the provider takes: a JSON string or an object, Statement as an object or
 * a list, Action/Resource/Principal as a string, a list or (Principal) a map. Fields it cannot know
 * at preview are UNKNOWN so that callers decide explicitly.
 */

export type Strings = string[] | Unknown;

export interface Statement {
    /** Where the statement sits inside the document, for messages: `Statement[2]`. */
    path: string;
    effect: "Allow" | "Deny" | Unknown | undefined;
    actions?: Strings;
    notActions?: Strings;
    resources?: Strings;
    notResources?: Strings;
    /**
     * Resource item by item, an unknown item kept as UNKNOWN (where `resources` is UNKNOWN as a
     * whole), for checks that count an unknown item as the ARN of another resource.
     */
    resourceItems?: (string | Unknown)[] | Unknown;
    principal?: Principal | Unknown;
    notPrincipal?: Principal | Unknown;
    condition: PlainObject | Unknown | undefined;
}

/** Principal values by kind (`AWS`, `Service`, `Federated`, `CanonicalUser`); `"*"` is `{"*": ["*"]}`. */
export type Principal = Record<string, Strings>;

export type ParsedDocument =
    | { kind: "ok"; statements: Statement[] }
    | { kind: "unknown" }
    | { kind: "invalid"; reason: string };

/**
 * Parsed documents, kept as long as what they were read from: a frozen document object, or (for a
 * JSON string, which cannot key a WeakMap) the frozen properties of the resource that holds it.
 * Each request has its own frozen copy of a resource, shared by every control (values.ts), so a
 * document is parsed once per request however many controls read it, and forgotten with it.
 */
const parsedObjects = new WeakMap<object, ParsedDocument>();
const parsedStrings = new WeakMap<object, Map<string, ParsedDocument>>();

/**
 * Reads a policy document. The result is shared and must not be changed. `holder` is the frozen
 * object the document was read from (a resource's props, an inline policy entry): with it, a JSON
 * string is parsed once for as long as the holder lives.
 */
export function parseDocument(doc: Plain, holder?: object): ParsedDocument {
    if (typeof doc === "string") {
        if (!holder || !Object.isFrozen(holder)) return read(doc);
        let memo = parsedStrings.get(holder);
        if (!memo) parsedStrings.set(holder, (memo = new Map()));
        let parsed = memo.get(doc);
        if (!parsed) memo.set(doc, (parsed = read(doc)));
        return parsed;
    }
    if (doc === null || typeof doc !== "object" || isUnknown(doc) || !Object.isFrozen(doc)) return read(doc);
    let parsed = parsedObjects.get(doc);
    if (!parsed) parsedObjects.set(doc, (parsed = read(doc)));
    return parsed;
}

function read(doc: Plain): ParsedDocument {
    if (isUnknown(doc)) return { kind: "unknown" };
    let value: Plain = doc;
    if (typeof doc === "string") {
        try {
            value = JSON.parse(doc);
        } catch {
            // The parser's message quotes the input, which may hold secrets: say only what failed.
            return { kind: "invalid", reason: "the policy document is not valid JSON" };
        }
    }
    if (!isObject(value)) return { kind: "invalid", reason: "the policy document is not a JSON object" };
    const raw = value.Statement;
    if (isUnknown(raw)) return { kind: "unknown" };
    if (raw === undefined) return { kind: "invalid", reason: "the policy document has no Statement" };
    const list = Array.isArray(raw) ? raw : [raw];
    const statements: Statement[] = [];
    for (let i = 0; i < list.length; i++) {
        const path = Array.isArray(raw) ? `Statement[${i}]` : "Statement";
        const s = list[i];
        if (isUnknown(s)) return { kind: "unknown" };
        if (!isObject(s)) return { kind: "invalid", reason: `${path} is not an object` };
        statements.push(readStatement(s, path));
    }
    return { kind: "ok", statements };
}

function readStatement(s: PlainObject, path: string): Statement {
    const effect = s.Effect;
    return {
        path,
        effect: isUnknown(effect) ? UNKNOWN : typeof effect === "string" ? normaliseEffect(effect) : undefined,
        actions: strings(s.Action),
        notActions: strings(s.NotAction),
        resources: strings(s.Resource),
        notResources: strings(s.NotResource),
        resourceItems: items(s.Resource),
        principal: principal(s.Principal),
        notPrincipal: principal(s.NotPrincipal),
        condition: isUnknown(s.Condition) ? UNKNOWN : isObject(s.Condition) ? s.Condition : undefined,
    };
}

function normaliseEffect(e: string): "Allow" | "Deny" | undefined {
    const v = e.trim().toLowerCase();
    return v === "allow" ? "Allow" : v === "deny" ? "Deny" : undefined;
}

function strings(v: Plain): Strings | undefined {
    if (v === undefined || v === null) return undefined;
    const list = asList(v);
    if (isUnknown(list)) return UNKNOWN;
    const out: string[] = [];
    for (const item of list) {
        if (isUnknown(item)) return UNKNOWN;
        if (typeof item === "string") out.push(item.trim());
    }
    return out;
}

function items(v: Plain): (string | Unknown)[] | Unknown | undefined {
    if (v === undefined || v === null) return undefined;
    const list = asList(v);
    if (isUnknown(list)) return UNKNOWN;
    const out: (string | Unknown)[] = [];
    for (const item of list) {
        if (isUnknown(item)) out.push(UNKNOWN);
        else if (typeof item === "string") out.push(item.trim());
    }
    return out;
}

function principal(v: Plain): Principal | Unknown | undefined {
    if (v === undefined || v === null) return undefined;
    if (isUnknown(v)) return UNKNOWN;
    if (typeof v === "string") return { [v.trim() === "*" ? "*" : "AWS"]: [v.trim()] };
    if (!isObject(v)) return undefined;
    const out: Principal = {};
    for (const [kind, value] of Object.entries(v)) out[kind] = strings(value) ?? [];
    return out;
}

export const isAllow = (s: Statement): boolean => s.effect === "Allow";

/**
 * Whether an Allow statement grants `action` (a concrete action or a pattern such as `s3:Get*`):
 * Action patterns that overlap it, or NotAction that does not exclude it. UNKNOWN when the lists
 * cannot be read at preview.
 */
export function grantsAction(s: Statement, action: string): boolean | Unknown {
    let answers = grantedBy.get(s);
    if (!answers) grantedBy.set(s, (answers = new Map()));
    let answer = answers.get(action);
    if (answer === undefined) answers.set(action, (answer = judgeGrantsAction(s, action)));
    return answer;
}

// Statements are parsed once per document and shared (parseDocument); the access graph asks each
// statement about the same few actions once per role and function it reaches: answer each once.
const grantedBy = new WeakMap<Statement, Map<string, boolean | Unknown>>();

function judgeGrantsAction(s: Statement, action: string): boolean | Unknown {
    if (s.actions !== undefined) {
        if (isUnknown(s.actions)) return UNKNOWN;
        return s.actions.some((p) => wildcardOverlap(p, action));
    }
    if (s.notActions !== undefined) {
        if (isUnknown(s.notActions)) return UNKNOWN;
        // NotAction excludes only what it fully covers: `s3:Get*` does not exclude `s3:*`.
        return !s.notActions.some((p) => wildcardMatch(p, action));
    }
    return false;
}

/** Action `*` (any case, any list position), or NotAction with Allow, which grants nearly everything. */
export function grantsAllActions(s: Statement): boolean | Unknown {
    if (s.notActions !== undefined) return isUnknown(s.notActions) ? UNKNOWN : true;
    if (s.actions === undefined) return false;
    if (isUnknown(s.actions)) return UNKNOWN;
    return s.actions.some((a) => a === "*");
}

/** Resource `*` (or an ARN wildcard of every part), or NotResource, which covers everything else. */
export function coversAllResources(s: Statement): boolean | Unknown {
    if (s.notResources !== undefined) return isUnknown(s.notResources) ? UNKNOWN : true;
    if (s.resources === undefined) return false;
    if (isUnknown(s.resources)) return UNKNOWN;
    return s.resources.some(isEveryResource);
}

export function isEveryResource(r: string): boolean {
    return r === "*" || /^arn:(\*|aws[a-z-]*):\*(:\*)*$/i.test(r) || /^arn:\*$/i.test(r);
}

/** Principal `*`, `{"AWS": "*"}`, or any principal kind listing `*`. */
export function isPublicPrincipal(p: Principal | Unknown | undefined): boolean | Unknown {
    if (p === undefined) return false;
    if (isUnknown(p)) return UNKNOWN;
    for (const values of Object.values(p)) {
        if (isUnknown(values)) return UNKNOWN;
        if (values.some((v) => v === "*")) return true;
    }
    return false;
}

/**
 * Whether a Resource pattern reaches every resource of one kind: `template` is an ARN with
 * `{partition}`, `{region}` and `{account}` placeholders (`arn:{partition}:kms:{region}:{account}:key/x`).
 * The pattern's own literal partition, region and account are kept, so `arn:aws:kms:*:111122223333:key/*`
 * reaches every key of that account while `arn:aws:kms:us-east-1:111122223333:key/abcd` reaches one.
 */
export function reachesEveryResourceOf(pattern: string, template: string): boolean {
    if (isEveryResource(pattern)) return true;
    if (!/[*?]/.test(pattern)) return false;
    const parts = pattern.split(":");
    const literal = (i: number, fallback: string) => (parts[i] !== undefined && !/[*?]/.test(parts[i]) ? parts[i] : fallback);
    const probe = template
        .replace("{partition}", literal(1, "aws"))
        .replace("{region}", literal(3, "us-east-1"))
        .replace("{account}", literal(4, "111122223333"));
    return wildcardMatch(pattern, probe);
}

/**
 * Resource `*`, NotResource, or any Resource pattern that reaches every resource of the template's
 * kind. An unknown Resource (or item) is the output of another resource of the program, its ARN:
 * wildcards are written literally, so only the known items can reach everything.
 */
export function coversAllResourcesOf(s: Statement, template: string): boolean {
    if (s.notResources !== undefined) return true;
    if (s.resourceItems === undefined || isUnknown(s.resourceItems)) return false;
    return s.resourceItems.some((r) => !isUnknown(r) && reachesEveryResourceOf(r, template));
}
