/**
 * Metamorphic checks built from the controls' examples. A rewrite that keeps a program's meaning
 * (the provider and the cloud read both forms the same) must keep every finding of a failing
 * example; the same rewrite of the passing example it changes (the risk removed) must give none.
 * A finding lost to a rewrite is a way past the pack.
 */
import { SIG_KEY, UNKNOWN_WIRE_VALUE } from "../../engine/resource";
import type { Control } from "../../policies/control";
import { type TestResource, urnOf } from "../harness";
import { type ControlExamples, runExample } from "../examples";
import { completed, type Finding } from "../findings";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Rewrites every value bottom-up; JSON policy documents held as strings are rewritten inside and serialised back. */
function deepMap(v: Json, f: (v: Json, key: string | undefined) => Json, key?: string): Json {
    if (typeof v === "string") {
        const doc = jsonDocument(v);
        if (doc) return JSON.stringify(deepMap(doc, f));
    }
    const inner = Array.isArray(v) ? v.map((x) => deepMap(x, f, key)) : isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepMap(x, f, k)])) : v;
    return f(inner, key);
}

/** A JSON object in a string (policy documents, ARM templates), else undefined. */
function jsonDocument(s: string): Obj | undefined {
    const t = s.trim();
    if (!t.startsWith("{")) return undefined;
    try {
        const parsed = JSON.parse(t);
        return isObj(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** IAM documents: objects with a Statement. */
const isIamDoc = (v: Json): v is Obj => isObj(v) && "Statement" in v;
const isSecret = (v: Json): v is Obj => isObj(v) && SIG_KEY in v;

const IAM_LIST_KEYS = new Set(["Action", "NotAction", "Resource", "NotResource"]);
const PRINCIPAL_KEYS = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
const AZURE_ACTION_KEYS = new Set(["actions", "notActions", "dataActions", "notDataActions"]);

/** The case-insensitive service:action form, with every letter's case flipped. */
const flipCase = (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");

function mapStrings(v: Json, f: (s: string) => Json): Json {
    return typeof v === "string" ? f(v) : Array.isArray(v) ? v.map((x) => (typeof x === "string" ? f(x) : x)) : v;
}

function inStatements(v: Json, f: (s: Obj) => Obj): Json {
    if (!isIamDoc(v)) return v;
    const s = v.Statement;
    return { ...v, Statement: Array.isArray(s) ? s.map((x) => (isObj(x) ? f(x) : x)) : isObj(s) ? f(s) : s };
}

const IPV4_ANY = new Set(["0.0.0.0/0"]);
const AZURE_ANY = new Set(["*", "0.0.0.0/0", "Internet"]);
const AZURE_PREFIX_PAIRS: [string, string][] = [
    ["sourceAddressPrefix", "sourceAddressPrefixes"],
    ["destinationAddressPrefix", "destinationAddressPrefixes"],
];
const ARM_ID = /^\/(subscriptions|providers)\//i;

export interface Rewrite {
    name: string;
    /** Props in, props out: the same meaning in another form the provider accepts. */
    props(props: Obj): Obj;
    /** The type token in another form, when the rewrite changes it. */
    type?(token: string): string;
}

const onValues = (name: string, f: (v: Json, key: string | undefined) => Json): Rewrite => ({ name, props: (p) => deepMap(p, f) as Obj });

export const MEANING_PRESERVING: Rewrite[] = [
    onValues("action case", (v, key) => {
        if (isIamDoc(v))
            return inStatements(v, (s) => Object.fromEntries(Object.entries(s).map(([k, x]) => [k, k === "Action" || k === "NotAction" ? mapStrings(x, flipCase) : x])));
        if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, AZURE_ACTION_KEYS.has(k) ? mapStrings(x, (s) => s.toUpperCase()) : x]));
        return v;
    }),
    onValues("condition key case", (v) =>
        inStatements(v, (s) =>
            isObj(s.Condition)
                ? { ...s, Condition: Object.fromEntries(Object.entries(s.Condition).map(([op, keys]) => [op, isObj(keys) ? Object.fromEntries(Object.entries(keys).map(([k, x]) => [k.toUpperCase(), x])) : keys])) }
                : s,
        ),
    ),
    onValues("string to one-element list", (v) =>
        inStatements(v, (s) => {
            const out: Obj = {};
            for (const [k, x] of Object.entries(s)) {
                if (IAM_LIST_KEYS.has(k) && typeof x === "string") out[k] = [x];
                else if ((k === "Principal" || k === "NotPrincipal") && isObj(x)) out[k] = Object.fromEntries(Object.entries(x).map(([pk, px]) => [pk, PRINCIPAL_KEYS.has(pk) && typeof px === "string" ? [px] : px]));
                else out[k] = x;
            }
            return out;
        }),
    ),
    onValues("one-element list to string", (v) =>
        inStatements(v, (s) => Object.fromEntries(Object.entries(s).map(([k, x]) => [k, IAM_LIST_KEYS.has(k) && Array.isArray(x) && x.length === 1 ? x[0] : x]))),
    ),
    onValues("statement list vs one statement", (v) => {
        if (!isIamDoc(v)) return v;
        const s = v.Statement;
        return { ...v, Statement: Array.isArray(s) && s.length === 1 ? s[0] : isObj(s) ? [s] : s };
    }),
    {
        name: "JSON string vs object",
        props: (p) =>
            Object.fromEntries(
                Object.entries(p).map(([k, x]) => {
                    if (typeof x === "string") {
                        const doc = jsonDocument(x);
                        return [k, doc && isIamDoc(doc) ? doc : x];
                    }
                    // A document holding a value unknown at preview cannot be serialised by the program: the whole string would be unknown.
                    return [k, isIamDoc(x) && !JSON.stringify(x).includes(UNKNOWN_WIRE_VALUE) ? JSON.stringify(x) : x];
                }),
            ),
    },
    onValues("key order", (v) => (isObj(v) && !isSecret(v) ? (Object.fromEntries(Object.entries(v).reverse()) as Obj) : v)),
    {
        name: "whitespace in JSON documents",
        props: (p) => deepMapStrings(p, (s) => (jsonDocument(s) ? `\n  ${JSON.stringify(JSON.parse(s), null, 4)}\n` : s)) as Obj,
    },
    onValues("equivalent CIDR split", (v, key) => {
        if (Array.isArray(v) && (key === "cidrBlocks" || key === "ipv6CidrBlocks"))
            return v.flatMap((c) => (typeof c === "string" && IPV4_ANY.has(c) ? ["0.0.0.0/1", "128.0.0.0/1"] : c === "::/0" ? ["::/1", "8000::/1"] : [c]));
        if (!isObj(v)) return v;
        let out = v;
        for (const [one, many] of AZURE_PREFIX_PAIRS) {
            const p = out[one];
            if (typeof p === "string" && AZURE_ANY.has(p) && !(many in out && Array.isArray(out[many]) && (out[many] as Json[]).length > 0)) {
                const { [one]: _, ...rest } = out;
                out = { ...rest, [many]: ["0.0.0.0/1", "128.0.0.0/1"] };
            }
        }
        return out;
    }),
    onValues("Azure role-definition id without the subscription", (v, key) =>
        key === "roleDefinitionId" && typeof v === "string" ? v.replace(/^\/subscriptions\/[^/]+(\/providers\/Microsoft\.Authorization\/roleDefinitions\/)/i, "/providers/Microsoft.Authorization/roleDefinitions/") : v,
    ),
    onValues("Azure resource-id and scope case", (v) => (typeof v === "string" && ARM_ID.test(v) ? v.toUpperCase() : v)),
    onValues("Principal \"*\" vs {AWS: \"*\"}", (v) =>
        inStatements(v, (s) => (s.Principal === "*" ? { ...s, Principal: { AWS: "*" } } : isObj(s.Principal) && s.Principal.AWS === "*" && Object.keys(s.Principal).length === 1 ? { ...s, Principal: "*" } : s)),
    ),
    onValues("account root ARN vs account id", (v) =>
        inStatements(v, (s) =>
            isObj(s.Principal) && s.Principal.AWS !== undefined
                ? { ...s, Principal: { ...s.Principal, AWS: mapStrings(s.Principal.AWS, (p) => p.replace(/^arn:aws:iam::(\d{12}):root$/, "$1")) } }
                : s,
        ),
    ),
    onValues("security-group protocol number", (v) => (isObj(v) && "fromPort" in v && typeof v.protocol === "string" ? { ...v, protocol: ({ "-1": "all", tcp: "6", udp: "17" } as Record<string, string>)[v.protocol.toLowerCase()] ?? v.protocol } : v)),
    onValues("NSG port as a list", (v) => {
        if (!isObj(v) || typeof v.destinationPortRange !== "string" || (Array.isArray(v.destinationPortRanges) && v.destinationPortRanges.length > 0)) return v;
        const { destinationPortRange, ...rest } = v;
        return { ...rest, destinationPortRanges: [destinationPortRange === "*" ? "0-65535" : destinationPortRange] };
    }),
    {
        name: "API-versioned Azure type token",
        props: (p) => p,
        type: (t) => t.replace(/^azure-native:([^/:]+):/, "azure-native:$1/v20240301:"),
    },
];

/**
 * Rewrites that grant at least as much: a failing example must keep its finding, but its fix may
 * rightly fail once widened, so they are not applied to fixes.
 */
export const WIDENING: Rewrite[] = [
    onValues("action with a ? wildcard", (v) =>
        inStatements(v, (s) => Object.fromEntries(Object.entries(s).map(([k, x]) => [k, k === "Action" ? mapStrings(x, (a) => (/^[a-z0-9-]+:[A-Za-z]{3,}$/i.test(a) ? `${a.slice(0, -1)}?` : a)) : x]))),
    ),
];

/** Like deepMap, but over raw strings (without parsing documents first). */
function deepMapStrings(v: Json, f: (s: string) => Json): Json {
    if (typeof v === "string") return f(v);
    if (Array.isArray(v)) return v.map((x) => deepMapStrings(x, f));
    if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepMapStrings(x, f)]));
    return v;
}

/** The resources rewritten; a new type token changes the URN, so links between the resources follow it. */
export function rewritten(resources: TestResource[], r: Rewrite): TestResource[] {
    const moved = new Map<string, string>();
    const out = resources.map((x) => {
        const type = r.type ? r.type(x.type) : x.type;
        const urn = x.urn ?? urnOf(x);
        const next = { ...x, type, props: r.props(x.props as Obj) };
        if (type !== x.type && !x.urn) moved.set(urn, urnOf(next));
        return next;
    });
    if (moved.size === 0) return out;
    const follow = (u: string) => moved.get(u) ?? u;
    return out.map((x) => ({
        ...x,
        ...(x.parent ? { parent: follow(x.parent) } : {}),
        ...(x.dependencies ? { dependencies: x.dependencies.map(follow) } : {}),
        ...(x.propertyDependencies ? { propertyDependencies: Object.fromEntries(Object.entries(x.propertyDependencies).map(([k, us]) => [k, us.map(follow)])) } : {}),
    }));
}

const same = (a: TestResource[], b: TestResource[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What a rewrite must keep: each finding's outcome, level and resource (its URN without an API
 * version). Its property path may move with the rewrite (Statement[0] -> Statement,
 * sourceAddressPrefix -> sourceAddressPrefixes), so it is shown but not compared.
 */
const loose = (f: Finding) => JSON.stringify([f.outcome, f.level, f.urn?.replace(/\/v[0-9a-z]+:/i, ":") ?? null]);
const shown = (fs: Finding[]) => fs.map((f) => `${f.outcome} ${f.level} at ${f.at} on ${f.urn ?? "the stack"}`).join("; ") || "nothing";
const multiset = (fs: Finding[]) => fs.map(loose).sort().join("\n");

export interface MetamorphicResult {
    /** Meaning-preserving and widening rewrites of failing examples that kept their findings. */
    kept: number;
    /** How many examples each rewrite changed. */
    applied: Map<string, number>;
    /** The same rewrites of the examples' fixes that gave no finding. */
    removed: number;
    problems: string[];
}

/** Every applicable rewrite of every failing example of a control, and of the passing example it changes. */
export async function metamorphic(e: ControlExamples): Promise<MetamorphicResult> {
    const out: MetamorphicResult = { kept: 0, removed: 0, problems: [], applied: new Map() };
    const count = (r: Rewrite) => out.applied.set(r.name, (out.applied.get(r.name) ?? 0) + 1);
    const control: Control = e.control;
    for (const [name, f] of Object.entries(e.failing)) {
        const fix = e.passing[f.from ?? "baseline"];
        const expected = f.findings.map((x) => completed(x, control));
        for (const r of [...MEANING_PRESERVING, ...WIDENING]) {
            const variant = rewritten(f.resources, r);
            if (!same(variant, f.resources)) {
                count(r);
                const got = await runExample(control, variant, f.options);
                if (multiset(got) === multiset(expected)) out.kept++;
                else out.problems.push(`${control.id} ${name}, ${r.name}: expected ${shown(expected)}, got ${shown(got)}`);
            }
            if (WIDENING.includes(r)) continue;
            const fixed = rewritten(fix.resources, r);
            if (!same(fixed, fix.resources) || !same(variant, f.resources)) {
                const got = await runExample(control, fixed, fix.options);
                if (got.length === 0) out.removed++;
                else out.problems.push(`${control.id} ${f.from ?? "baseline"} (the fix of ${name}), ${r.name}: expected no finding, got ${shown(got)}`);
            }
        }
    }
    return out;
}
