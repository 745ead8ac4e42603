/**
 * Generators of hostile input for every control: arbitrary and malformed property bags (wrong
 * types, nulls, empty and huge arrays, deep nesting, unknown preview values anywhere, secrets),
 * shaped by the vocabulary the controls themselves use so that generated bags reach their logic.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { readsOneResource, type Control } from "../../policies/control";
import { ARCHIVE_SIG, ASSET_SIG, SIG_KEY, UNKNOWN_ARCHIVE_WIRE_VALUE, UNKNOWN_ASSET_WIRE_VALUE } from "../../engine/resource";
import { secret, TestResource, unknown, urnOf } from "../harness";

const POLICIES = path.resolve(__dirname, "../../policies");
// The generated AWS tables are data (action names, packed documents), not code that reads properties.
const GENERATED = path.join(POLICIES, "lib", "aws", "generated");

function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (p === GENERATED) return [];
        return e.isDirectory() ? sources(p) : e.name.endsWith(".ts") ? [fs.readFileSync(p, "utf8")] : [];
    });
}

const FILES = sources(POLICIES);
const TEXT = FILES.join("\n");
const wordsOf = (text: string) => [...new Set(text.match(/\b[a-z][A-Za-z0-9]{2,40}\b/g) ?? [])];

/** Every type token the policies mention: the resources any control may read. */
export const TYPE_TOKENS = [...new Set(TEXT.match(/(?:aws|azure-native):[A-Za-z0-9/]+:[A-Za-z0-9]+/g) ?? [])].sort();

/** Property names and enum-like words the policies mention, plus the IAM document grammar. */
const WORDS = [...new Set([...(TEXT.match(/\b[a-z][A-Za-z0-9]{2,40}\b/g) ?? []), ...(TEXT.match(/"([A-Z][A-Za-z0-9]{1,30})"/g) ?? []).map((w) => w.slice(1, -1))])];
const IAM_KEYS = ["Version", "Statement", "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition", "AWS", "Service", "Federated"];
export const KEYS = [...IAM_KEYS, ...WORDS];

/** Strings a control might mistake or choke on. */
const TRICKY = [
    "*", "", " ", "Allow", "allow", "Deny", "Outbound", "Inbound", "Internet", "0.0.0.0/0", "::/0", "0.0.0.0/1", "10.0.0.0/8", "22", "0-65535", "20-25", "-1",
    "aws:kms", "AES256", "alias/aws/s3", "NONE", "AWS_IAM", "Disabled", "Enabled", "TLS1_0", "TLS1_2", "1.2", "true", "false", "PT12H", "PT1H", "2192", "0",
    "/", "/subscriptions/00000000-0000-0000-0000-000000000000", "/subscriptions/x/resourceGroups/rg", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    "b24988ac-6180-42a0-ab88-20f7382dd24c", "arn:aws:iam::aws:policy/AdministratorAccess", "s3:*", "s3:Get*", "*Object", "iam:PassRole", "kms:*",
    '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', '{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}', "{not json", "[]", "null",
    "x".repeat(5000), "\u0000", "😀", "__proto__", "constructor",
];

export const secretValues = [
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "-----BEGIN RSA PRIVATE KEY-----MIIEpAIBAAKCAQEA7bq-----END RSA PRIVATE KEY-----",
    "Sup3r$ecretPassw0rd!",
    "Server=tcp:db.example.net;Database=phi;User ID=admin;Password=Hunter2Hunter2;",
    "postgres://phi_admin:S3cretPw9@db.internal:5432/records",
    "q8Zr3Lk0Vb7Nw2Xc5Mp9Ts4Gh1Jd6Fy0Ae8Ku3Wo",
];

/** Assets and archives as the engine sends them (a Lambda's code, an S3 object's source), and unknown ones. */
const ASSETS = [
    { [SIG_KEY]: ASSET_SIG, text: "exports.handler = async () => 1;" },
    { [SIG_KEY]: ASSET_SIG, path: "./policy.json" },
    { [SIG_KEY]: ASSET_SIG, uri: "https://example.com/a.zip" },
    { [SIG_KEY]: ARCHIVE_SIG, path: "./app" },
    { [SIG_KEY]: ARCHIVE_SIG, assets: { "index.js": { [SIG_KEY]: ASSET_SIG, text: "x" }, lib: { [SIG_KEY]: ARCHIVE_SIG, uri: "s3://b/k.zip" } } },
    { [SIG_KEY]: ARCHIVE_SIG, assets: {} },
    UNKNOWN_ASSET_WIRE_VALUE,
    UNKNOWN_ARCHIVE_WIRE_VALUE,
];

export const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constantFrom(...TRICKY),
        fc.constantFrom(...ASSETS),
        fc.constant(unknown),
        fc.constantFrom(...secretValues),
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom(...WORDS.slice(0, 400)),
        tie("v").map((v) => secret(v)),
        fc.array(tie("v"), { maxLength: 5 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 6 }),
        fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 6 }).map((d) => JSON.stringify(d)),
    ),
})).v;

/** Property bags whose keys come mostly from the words of one control's own file, so they reach its logic. */
function propsFor(control: Control): fc.Arbitrary<Record<string, unknown>> {
    const own = FILES.find((f) => f.includes(`id: "${control.id}"`));
    const local = own ? wordsOf(own) : [];
    const key = local.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...local) }, { weight: 1, arbitrary: fc.constantFrom(...KEYS) }) : fc.constantFrom(...KEYS);
    return fc.dictionary(key, value, { maxKeys: 12 });
}

/** Inputs for one control: a resource of one of its types, or a small linked stack. */
export function inputsFor(control: Control): fc.Arbitrary<TestResource[]> {
    const types = readsOneResource(control) ? control.types.canonical : TYPE_TOKENS;
    const resource = fc.record({
        type: fc.constantFrom(...types).chain((t) => fc.constantFrom(t, t.replace(/^azure-native:([^:]+):/, "azure-native:$1/v20230101:"))),
        props: propsFor(control),
    });
    const count = readsOneResource(control) ? 1 : 6;
    return fc.array(resource, { minLength: 1, maxLength: count }).chain((rs) =>
        fc.tuple(...rs.map(() => fc.dictionary(fc.constantFrom(...KEYS), fc.array(fc.nat(rs.length - 1), { maxLength: 2 }), { maxKeys: 3 }))).map((links) =>
            rs.map((r, i) => {
                const named = { ...r, name: `r${i}` };
                const propertyDependencies = Object.fromEntries(
                    Object.entries(links[i]).map(([k, targets]) => [k, targets.map((t) => urnOf({ type: rs[t].type, name: `r${t}` }))]),
                );
                return { ...named, propertyDependencies };
            }),
        ),
    );
}

/** Captured sample-stack resources as test resources, their links rewritten to the harness's URNs. */
export function asTestResources(captured: readonly { type: string; name: string; urn: string; inputs: Record<string, unknown>; propertyDependencies: Record<string, string[]> }[]): TestResource[] {
    const urns = new Map(captured.map((r) => [r.urn, urnOf(r)]));
    return captured
        .filter((r) => r.type !== "pulumi:pulumi:Stack")
        .map((r) => ({
            type: r.type,
            name: r.name,
            props: r.inputs,
            propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, us.map((u) => urns.get(u)).filter((u): u is string => !!u)])),
        }));
}

type Json = unknown;

/**
 * Every path to a value inside a property bag, for mutation. The engine's own sentinel objects
 * (secrets, resource references) are leaves: the engine never sends a malformed one.
 */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    if (prefix.length > 0) out.push(prefix);
    if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
    else if (v && typeof v === "object" && !(SIG_KEY in v)) for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
    return out;
}

/** The object holding the value at a path, and its key there; undefined once an earlier edit removed the way. */
export function locate(root: unknown, p: (string | number)[]): { parent: any; last: string | number } | undefined {
    let parent: any = root;
    for (const k of p.slice(0, -1)) parent = parent?.[k];
    return parent && typeof parent === "object" && p.length > 0 ? { parent, last: p[p.length - 1] } : undefined;
}

export function removeAt({ parent, last }: { parent: any; last: string | number }): void {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
}

function mutate(props: Record<string, unknown>, edits: { at: number; op: "replace" | "delete" | "secret" | "unknown"; with: unknown }[]): Record<string, unknown> {
    const copy = structuredClone(props);
    const all = paths(copy);
    if (all.length === 0) return copy;
    for (const e of edits) {
        const at = locate(copy, all[e.at % all.length]);
        if (!at) continue;
        const { parent, last } = at;
        if (e.op === "delete") removeAt(at);
        else if (parent[last] !== undefined) parent[last] = e.op === "replace" ? e.with : e.op === "unknown" ? unknown : secret(parent[last]);
    }
    return copy;
}

const edits = fc.array(
    fc.record({ at: fc.nat(), op: fc.constantFrom("replace" as const, "delete" as const, "secret" as const, "unknown" as const), with: value }),
    { minLength: 1, maxLength: 4 },
);

/**
 * Realistic inputs made hostile: resources from the sample stacks (which exercise every control)
 * with a few values replaced by arbitrary ones, deleted, made unknown or wrapped as secrets. These
 * reach the deep paths of each control that purely random bags rarely do.
 */
export function mutatedFor(control: Control, seeds: readonly TestResource[]): fc.Arbitrary<TestResource[]> {
    if (!readsOneResource(control)) {
        return fc.array(fc.tuple(fc.nat(seeds.length - 1), edits), { minLength: 1, maxLength: 3 }).map((changes) => {
            const out = seeds.map((r) => ({ ...r }));
            for (const [i, e] of changes) out[i] = { ...out[i], props: mutate(out[i].props, e) };
            return out;
        });
    }
    const own = seeds.filter((r) => control.types.has(r.type));
    if (own.length === 0) return inputsFor(control);
    return fc.tuple(fc.constantFrom(...own), edits).map(([r, e]) => [{ ...r, props: mutate(r.props, e) }]);
}
