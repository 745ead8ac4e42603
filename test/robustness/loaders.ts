/**
 * The target loaders under hostile documents built from real ones: the saved-file fixtures, the
 * sample stacks written out as a stack export and as a preview, and the YAML programs. Every
 * document ends in a loaded target or in one TargetError line; what is loaded is accepted by the
 * pack's runtime deserializer and judged by every control without an internal error.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import * as YAML from "yaml";
import { loadDocument } from "../../cli/targets";
import { TargetError } from "../../cli/targets/target";
import { fromYamlProgram } from "../../cli/targets/yaml";
import {
    ARCHIVE_SIG,
    ASSET_SIG,
    BYTE_STRING_SIG,
    EngineResource,
    FLOAT_SIG,
    OUTPUT_VALUE_SIG,
    RESOURCE_REFERENCE_SIG,
    SECRET_SIG,
    SIG_KEY,
    UNKNOWN_WIRE_VALUE,
} from "../../engine/resource";
import { isStackControl } from "../../policies/control";
import { controls } from "../../policies/registry";
import { proxied, runResource, runStack, TestResource, urnOf } from "../harness";
import { capturedSample, SAMPLE_STACKS } from "../samples";
import { locate, removeAt, value as arbitraryValue } from "./arbitraries";
import { invariantProblem } from "./check";

const TARGETS = path.resolve(__dirname, "../fixtures/targets");

export type Seed = { kind: "json"; name: string; doc: unknown } | { kind: "yaml"; name: string; doc: unknown; config: Record<string, string>; secretKeys: string[] };

/** A captured wire value in state form: secrets as ciphertext or (as --show-secrets writes) plaintext. */
function stateValue(v: unknown, i = 0): unknown {
    if (Array.isArray(v)) return v.map((x, j) => stateValue(x, i + j));
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG_KEY] === SECRET_SIG) return i % 2 ? { [SIG_KEY]: SECRET_SIG, ciphertext: `v1:bm9uY2U=:v1:c2VjcmV0${i}` } : { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(stateValue(o.value, i)) };
        return Object.fromEntries(Object.entries(o).map(([k, x], j) => [k, stateValue(x, i + j)]));
    }
    return v;
}

function stateResource(r: EngineResource, i: number): Record<string, unknown> {
    return {
        urn: r.urn,
        custom: r.custom,
        type: r.type,
        inputs: stateValue(r.inputs, i),
        outputs: stateValue(r.outputs, i + 1),
        ...(r.parent ? { parent: r.parent } : {}),
        dependencies: r.dependencies,
        propertyDependencies: r.propertyDependencies,
    };
}

/** The saved files among the fixtures, the sample stacks as exports (v3 and v4) and previews, and the YAML programs. */
export async function loaderSeeds(): Promise<Seed[]> {
    const seeds: Seed[] = fs
        .readdirSync(TARGETS)
        .filter((f) => f.endsWith(".json") && (f.startsWith("stack-export") || f.startsWith("preview")))
        .map((f) => ({ kind: "json" as const, name: f, doc: JSON.parse(fs.readFileSync(path.join(TARGETS, f), "utf8")) }));
    for (const [i, name] of SAMPLE_STACKS.entries()) {
        const resources = (await capturedSample(name)).map(stateResource);
        seeds.push({ kind: "json", name: `${name} (stack export)`, doc: { version: 3 + (i % 2), deployment: { manifest: {}, resources } } });
        const steps = resources.map((r) => ({ op: "create", urn: r.urn, newState: { ...r, inputs: previewValue(r.inputs), outputs: previewValue(r.outputs) } }));
        seeds.push({ kind: "json", name: `${name} (preview)`, doc: { steps, changeSummary: { create: steps.length } } });
    }
    for (const dir of fs.readdirSync(TARGETS).filter((d) => d.startsWith("yaml-"))) {
        const doc = YAML.parse(fs.readFileSync(path.join(TARGETS, dir, "Pulumi.yaml"), "utf8"));
        seeds.push({ kind: "yaml", name: dir, doc, config: { "aws:region": "us-east-1", [`${doc.name}:breakGlassPolicy`]: UNKNOWN_WIRE_VALUE }, secretKeys: [`${doc.name}:breakGlassPolicy`] });
    }
    return seeds;
}

/** As `pulumi preview --json` writes values: every secret is "[secret]". */
function previewValue(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(previewValue);
    if (v && typeof v === "object") {
        if ((v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) return "[secret]";
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, previewValue(x)]));
    }
    return v;
}

const sig = (s: unknown, fields: Record<string, unknown> = {}) => ({ [SIG_KEY]: s, ...fields });
const URN = "urn:pulumi:dev::p::aws:iam/role:Role::r";

const SIGNATURES = [SECRET_SIG, RESOURCE_REFERENCE_SIG, ASSET_SIG, ARCHIVE_SIG, OUTPUT_VALUE_SIG, BYTE_STRING_SIG, FLOAT_SIG];
const SIGNATURE_FIELDS = ["value", "ciphertext", "plaintext", "urn", "id", "packageVersion", "path", "text", "uri", "assets", "hash", "secret", "dependencies"];

/** A signature object with any signature (known or not) and any of the fields signatures use, holding anything. */
const anySignature: fc.Arbitrary<unknown> = fc
    .tuple(fc.oneof(fc.constantFrom(...SIGNATURES), fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), maxLength: 32 }), arbitraryValue), fc.dictionary(fc.constantFrom(...SIGNATURE_FIELDS), arbitraryValue, { maxKeys: 4 }))
    .map(([s, fields]) => sig(s, fields));

/** Values the engine's serializer writes, and every way they can be malformed. */
const special: fc.Arbitrary<unknown> = fc.oneof(
    { arbitrary: anySignature, weight: 2 },
    fc.constantFrom(
        sig(SECRET_SIG, { ciphertext: "v1:abc" }),
        sig(SECRET_SIG, { plaintext: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }),
        sig(SECRET_SIG, { plaintext: JSON.stringify(sig(SECRET_SIG, { ciphertext: '"nested"' })) }),
        sig(SECRET_SIG, {}),
        sig(SECRET_SIG, { ciphertext: "a", plaintext: "1" }),
        sig(SECRET_SIG, { plaintext: "{not json" }),
        sig(SECRET_SIG, { plaintext: "" }),
        sig(SECRET_SIG, { value: "wire form" }),
        sig(RESOURCE_REFERENCE_SIG, { urn: URN, id: "role-1", packageVersion: "7.48.0" }),
        sig(RESOURCE_REFERENCE_SIG, { urn: URN }),
        sig(RESOURCE_REFERENCE_SIG, { urn: URN, id: "" }),
        sig(RESOURCE_REFERENCE_SIG, { urn: URN, id: { V: { x: 1 } } }),
        sig(RESOURCE_REFERENCE_SIG, { id: "x" }),
        sig(RESOURCE_REFERENCE_SIG, { urn: URN, id: 7 }),
        sig(RESOURCE_REFERENCE_SIG, { urn: URN, packageVersion: 3 }),
        sig(ASSET_SIG, { hash: "h", text: "print(1)" }),
        sig(ASSET_SIG, { hash: "h", text: "" }),
        sig(ASSET_SIG, { hash: "h" }),
        sig(ASSET_SIG, { path: "./a", uri: "https://x" }),
        sig(ASSET_SIG, { path: 1 }),
        sig(ARCHIVE_SIG, { assets: { "a.js": sig(ASSET_SIG, { text: "x" }), sub: sig(ARCHIVE_SIG, { path: "./d" }) } }),
        sig(ARCHIVE_SIG, { assets: { "a.js": sig(ASSET_SIG, { text: "" }) } }),
        sig(ARCHIVE_SIG, { assets: { "a.js": "text" } }),
        sig(ARCHIVE_SIG, { assets: [] }),
        sig(ARCHIVE_SIG, {}),
        sig(ARCHIVE_SIG, { uri: 5 }),
        sig(OUTPUT_VALUE_SIG, { value: "known", secret: true, dependencies: [URN] }),
        sig(OUTPUT_VALUE_SIG, {}),
        sig(OUTPUT_VALUE_SIG, { secret: "yes" }),
        sig(OUTPUT_VALUE_SIG, { dependencies: [1] }),
        sig(BYTE_STRING_SIG, { value: Buffer.from([0x61, 0xff, 0xfe]).toString("base64") }),
        sig(BYTE_STRING_SIG, { value: "%%%" }),
        sig(FLOAT_SIG, { value: "7ff8000000000000" }),
        sig(FLOAT_SIG, { value: "xyz" }),
        sig("d0e6a833031e9bbcd3f4e8bde6ca49a5"),
        sig(5),
        sig(null),
        sig(""),
        "[secret]",
        UNKNOWN_WIRE_VALUE,
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
        "030794c1-ac77-496b-92df-f27374a8bd58",
        "\ud800 lone surrogate",
        JSON.parse('{"__proto__": {"polluted": true}}'),
        { constructor: { prototype: { x: 1 } } },
    ),
    fc.integer({ min: 200, max: 2500 }).map((depth) => {
        let v: unknown = "deep";
        for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
        return v;
    }),
);

/** Strings a YAML runtime evaluates: interpolations well and badly formed, and builtins with good and bad arguments. */
const yamlExpression: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(
        "${", "${}", "${a.b", "${pulumi.stack}-x", "$${literal}", "${breakGlassPolicy}", "${readOnly}", "${cluster}", "${cluster.id}", "${cluster.urn}",
        "${referrals.bucket}", "${nowhere.x}", '${x["unterminated}', "${x[abc]}", "${[0]}", "${referralsKey.arn[0]}",
        { "fn::toJSON": { a: "${breakGlassPolicy}" } },
        { "fn::join": ["-", ["a", "${pulumi.project}"]] },
        { "fn::join": "not a list" },
        { "fn::select": [9, ["a"]] },
        { "fn::split": [",", "${breakGlassPolicy}"] },
        { "fn::invoke": { function: "aws:iam:getPolicyDocument", arguments: { statements: [{ actions: ["*"], resources: ["*"] }] }, return: "json" } },
        { "fn::invoke": "bad" },
        { "fn::aws:iam:getPolicyDocument": { statements: [] } },
        { "fn::secret": { "fn::unsecret": "x" } },
        { "fn::readFile": "/dev/zero" },
        { "fn::readFile": "../../../../etc/hostname" },
        { "fn::stringAsset": "" },
        { "fn::assetArchive": { a: { "fn::fileAsset": "./x" }, b: "not an asset" } },
        { "fn::length": 5 },
        { "fn::singleOrNone": [1, 2] },
        { "fn::pulumiResourceName": "x" },
        { "fn::fromBase64": "!!" },
        { "fn::unknownBuiltin": 1 },
        { "FN::TOJSON": [1] },
    ),
    fc.string().map((s) => `\${${s}}`),
);

type Json = unknown;

/** Every path in the document, parents first; without recursion, since edits nest hostile values thousands of levels deep. */
function paths(v: Json): (string | number)[][] {
    const out: (string | number)[][] = [];
    const todo: [Json, (string | number)[]][] = [[v, []]];
    while (todo.length > 0) {
        const [x, prefix] = todo.pop()!;
        out.push(prefix);
        const children: [Json, (string | number)[]][] = Array.isArray(x)
            ? x.map((c, i) => [c, [...prefix, i]])
            : x && typeof x === "object"
              ? Object.entries(x).map(([k, c]) => [c, [...prefix, k]])
              : [];
        for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]);
    }
    return out;
}

interface Edit {
    at: number;
    op: "replace" | "delete" | "duplicate" | "secret";
    with: unknown;
}

/** Applies edits at paths anywhere in the document: the loader must stand all of them. */
export function mutateDocument(doc: Json, edits: Edit[]): Json {
    let copy = structuredClone(doc);
    for (const e of edits) {
        const all = paths(copy);
        const p = all[e.at % all.length];
        if (p.length === 0) {
            if (e.op === "replace") copy = e.with;
            continue;
        }
        const at = locate(copy, p);
        if (!at) continue;
        const { parent, last } = at;
        if (e.op === "delete") {
            removeAt(at);
        } else if (e.op === "duplicate" && Array.isArray(parent)) {
            parent.push(structuredClone(parent[Number(last)]));
        } else if (e.op === "secret") {
            parent[last] = sig(SECRET_SIG, { plaintext: JSON.stringify(parent[last] ?? null) });
        } else {
            parent[last] = e.with;
        }
    }
    return copy;
}

function editsOf(values: fc.Arbitrary<unknown>): fc.Arbitrary<Edit[]> {
    return fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom("replace" as const, "replace" as const, "delete" as const, "duplicate" as const, "secret" as const), with: values }), {
        minLength: 1,
        maxLength: 3,
    });
}

export function hostileDocuments(seeds: readonly Seed[]): fc.Arbitrary<{ seed: Seed; doc: Json }> {
    return fc.constantFrom(...seeds).chain((seed) =>
        editsOf(seed.kind === "yaml" ? fc.oneof(yamlExpression, special, arbitraryValue) : fc.oneof({ arbitrary: special, weight: 3 }, { arbitrary: arbitraryValue, weight: 1 })).map((edits) => ({
            seed,
            doc: mutateDocument(seed.doc, edits),
        })),
    );
}

/** Loads one document; anything but a loaded target or a one-line TargetError is a failure. */
export function load(seed: Seed, doc: Json): { resources?: EngineResource[]; problem?: string } {
    try {
        const resources =
            seed.kind === "json"
                ? loadDocument(`${seed.name}.json`, JSON.stringify(doc)).resources
                : fromYamlProgram({ document: doc, file: path.join(TARGETS, seed.name, "Pulumi.yaml"), project: "fuzz", stack: "dev", config: seed.config, secretKeys: seed.secretKeys }, new Map()).resources;
        return { resources };
    } catch (e) {
        if (e instanceof TargetError) return e.message.includes("\n") ? { problem: `a TargetError of more than one line: ${e.message}` } : {};
        return { problem: `${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` };
    }
}

/** As the pack receives them, keyed as the harness keys resources. */
function asTestResources(resources: EngineResource[], props: "inputs" | "outputs"): TestResource[] {
    const urns = new Map(resources.map((r) => [r.urn, urnOf(r)]));
    const mapped = (us: string[]) => us.map((u) => urns.get(u)).filter((u): u is string => !!u);
    return resources.map((r) => ({
        type: r.type,
        name: r.name,
        props: r[props],
        parent: r.parent ? urns.get(r.parent) : undefined,
        dependencies: mapped(r.dependencies),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, us]) => [k, mapped(us)])),
    }));
}

/**
 * What the pack does with a loaded target: every property bag through the runtime's deserializer,
 * then every control. `limit` bounds the resources judged per case, so a large sample stays quick.
 */
export async function judge(resources: EngineResource[], limit = 40): Promise<string | undefined> {
    for (const r of resources) {
        try {
            proxied(r.inputs);
            proxied(r.outputs);
        } catch (e) {
            return `the runtime rejects what the loader passed for ${r.urn}: ${(e as Error).message}`;
        }
    }
    const some = resources.length > limit ? resources.filter((_, i) => i % Math.ceil(resources.length / limit) === 0) : resources;
    const inputs = asTestResources(some, "inputs");
    const outputs = asTestResources(some, "outputs");
    for (const control of controls) {
        const outcomes = isStackControl(control) ? [await runStack(control, outputs)] : await Promise.all(inputs.filter((r) => control.types.has(r.type)).map((r) => runResource(control, r)));
        for (const o of outcomes) {
            const problem = invariantProblem(o);
            if (problem) return `${control.id}: ${problem}`;
        }
    }
    return undefined;
}

/** The property: every hostile document is loaded or refused in one line, and what is loaded does not trouble the pack. */
export function loaderProperty(seeds: readonly Seed[], counts: { loaded: number; refused: number }) {
    return fc.asyncProperty(hostileDocuments(seeds), async ({ seed, doc }) => {
        const { resources, problem } = load(seed, doc);
        if (problem) throw new Error(`${seed.name}: ${problem}`);
        if (!resources) {
            counts.refused++;
            return;
        }
        counts.loaded++;
        const judged = await judge(resources);
        if (judged) throw new Error(`${seed.name}: ${judged}`);
    });
}
