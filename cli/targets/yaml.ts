import { createHash } from "crypto";
import * as path from "path";
import * as YAML from "yaml";
import { ARCHIVE_SIG, ASSET_SIG, EngineResource, SECRET_SIG, SIG_KEY, UNKNOWN_ARCHIVE_WIRE_VALUE, UNKNOWN_ASSET_WIRE_VALUE, UNKNOWN_WIRE_VALUE, wireSecret } from "../../engine/resource";
import { POLICY_DOCUMENT, PolicyDocumentError, renderPolicyDocument } from "../../engine/invokes";
import { MAX_PROGRAM_FILE_BYTES, readFileBytes, readTextFile } from "./files";
import { OPAQUE_COMPONENT_REASON, type NotExamined } from "../not-examined";
import { LoadedTarget, TargetError } from "./target";
import { childPath, MAX_NESTING, plainObject, shortPath, UnreadableValue } from "./wire";

/**
 * A Pulumi YAML program read as its runtime evaluates it during a preview, without running it
 * (verified in pulumi/pulumi-yaml: pkg/pulumiyaml/ast/expr.go for the syntax, run.go for the
 * evaluation):
 * - strings are interpolations: `${a.b[0]["c"]}` reads a resource, variable, config key or
 *   `pulumi.*`, `$$` is a literal `$`, and a string that is one `${...}` keeps the value's type;
 * - an object with one `fn::` key (any casing) is a builtin: invoke (and its `fn::<pkg>:<mod>:<fn>`
 *   shorthand), join, split, select, toJSON, to/fromBase64, secret, unsecret, readFile, length,
 *   singleOrNone, sha1, filebase64(sha256), pulumiResourceName/Type, assets and archives; any other
 *   `fn::` key is a plain key;
 * - config comes from the stack (project namespace stripped) and the program's `config:`
 *   declarations (type, default, secret); variables are evaluated on first use.
 * What a preview cannot know is unknown here too: a resource's id, outputs it does not set itself,
 * invokes the scan cannot answer. A secure config value is unknown and secret, and recorded as a
 * value the scan cannot read.
 */

/** A value a preview does not know; `secure` when it comes from a secure config value. */
class Unknown {
    constructor(readonly secure: boolean) {}
}
class Secret {
    constructor(readonly value: Val) {}
}
/** A resource used as a value (`${bucket}`). */
class Ref {
    constructor(readonly resource: Declared) {}
}
/** An asset or archive, already in wire form. */
class Wire {
    constructor(readonly value: unknown) {}
}
type Val = null | boolean | number | string | Val[] | { [key: string]: Val } | Unknown | Secret | Ref | Wire;

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isPlainVal = (v: Val): v is { [key: string]: Val } => isMap(v) && !(v instanceof Unknown || v instanceof Secret || v instanceof Ref || v instanceof Wire);

/** Known component packages: their resources are built by a provider the scan cannot run. */
const COMPONENT_PACKAGES = new Set(["awsx", "eks", "aws-apigateway", "aws-static-website", "azure-static-website", "kubernetes-ingress-nginx", "kubernetes-cert-manager", "kubernetes-coredns"]);

/** Providers bridged from Terraform name a module member `<mod>/<member>:<Member>`. */
const BRIDGED = new Set(["aws", "azure", "azuread", "gcp", "random", "tls", "cloudflare", "datadog", "github", "okta", "vault"]);

/**
 * The full token of a YAML type or function: `aws:s3:Bucket` is `aws:s3/bucket:Bucket`,
 * `eks:Cluster` is `eks:index:Cluster`. Native providers (azure-native, aws-native) use the short
 * form as it is.
 */
export function canonicalToken(token: string): string {
    const parts = token.split(":");
    if (parts.length === 2) parts.splice(1, 0, "index");
    const [pkg, mod, member] = parts;
    if (parts.length !== 3 || !pkg || !mod || !member || mod.includes("/") || pkg === "pulumi" || !BRIDGED.has(pkg)) return parts.join(":");
    return `${pkg}:${mod}/${member[0].toLowerCase()}${member.slice(1)}:${member}`;
}

export interface YamlProgramInput {
    /** Pulumi.yaml as parsed. */
    document: unknown;
    file: string;
    project: string;
    stack: string;
    /** Stack config as the language host passes it: `namespace:key` -> string; secure values are the unknown sentinel. */
    config: Record<string, string>;
    secretKeys: string[];
}

export interface YamlProgram {
    resources: EngineResource[];
    unreadable: UnreadableValue[];
    notExamined: NotExamined[];
}

interface Declared {
    key: string;
    decl: Record<string, unknown>;
    type: string;
    name: string;
    urn?: string;
    qualifiedType?: string;
    state: "new" | "naming" | "named" | "evaluating" | "done";
    inputs?: Record<string, Val>;
    propertyDependencies?: Record<string, string[]>;
    component: boolean;
}

/** Reads a record's field whatever its casing, as pulumi-yaml does. */
function field(record: Record<string, unknown>, name: string): unknown {
    const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : record[key];
}

const stackUrn = (stack: string, project: string) => `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;

export function fromYamlProgram(input: YamlProgramInput, lines: Map<string, { file: string; line: number }>): YamlProgram {
    return new Evaluator(input).run(lines);
}

/** A Pulumi YAML project as a scan target. */
export function loadYamlProgram(input: YamlProgramInput, dir: string): LoadedTarget {
    const program = fromYamlProgram(input, resourceLines(input.file, readTextFile(input.file, MAX_PROGRAM_FILE_BYTES)));
    return { kind: "yaml-program", path: dir, project: input.project, stack: input.stack, ...program };
}

class Evaluator {
    private readonly resources = new Map<string, Declared>();
    private readonly variables = new Map<string, { expr: unknown; state: "new" | "evaluating" | "done"; value?: Val; deps?: Set<string> }>();
    private readonly config = new Map<string, Val>();
    private readonly unreadable: UnreadableValue[] = [];
    private readonly notExamined: NotExamined[] = [];
    private readonly invokes = new Map<string, number>();
    private readonly dir: string;
    private readonly root: string;

    constructor(private readonly input: YamlProgramInput) {
        this.dir = path.dirname(path.resolve(input.file));
        this.root = stackUrn(input.stack, input.project);
        const doc = isMap(input.document) ? input.document : {};
        const resources = field(doc, "resources") ?? {};
        if (!isMap(resources)) this.fail("resources", "is not a map of resources");
        for (const [key, decl] of Object.entries(resources)) {
            if (!isMap(decl)) this.fail(`resource ${key}`, "is not an object with a type");
            const type = field(decl, "type");
            if (typeof type !== "string" || type === "") this.fail(`resource ${key}`, "has no type");
            const name = field(decl, "name");
            const token = canonicalToken(type);
            const component = COMPONENT_PACKAGES.has(token.split(":")[0]);
            this.resources.set(key, { key, decl, type: token, name: typeof name === "string" && name ? name : key, state: "new", component });
        }
        const variables = field(doc, "variables") ?? {};
        if (!isMap(variables)) this.fail("variables", "is not a map");
        for (const [key, expr] of Object.entries(variables)) this.variables.set(key, { expr, state: "new" });
        this.readConfig(doc);
    }

    fail(where: string, what: string): never {
        throw new TargetError(`${this.input.file}: ${where} ${what}`);
    }

    run(lines: Map<string, { file: string; line: number }>): YamlProgram {
        const out: EngineResource[] = [{ type: "pulumi:pulumi:Stack", name: `${this.input.project}-${this.input.stack}`, urn: this.root, custom: false, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} }];
        const urns = new Set<string>([this.root]);
        for (const r of this.resources.values()) {
            this.name(r);
            if (urns.has(r.urn!)) this.fail(`resource ${r.key}`, `has the same URN as another resource (${r.urn})`);
            urns.add(r.urn!);
            if (field(r.decl, "get") !== undefined) {
                this.notExamined.push({ kind: "read-from-cloud", urn: r.urn, type: r.type, reason: "is read from the cloud (`get`), so the scan cannot see its properties" });
                continue;
            }
            this.evaluateResource(r);
            const wire = this.toWireProperties(r);
            const explicit = this.resourceList(field(this.options(r), "dependsOn"), `resource ${r.key} options.dependsOn`).map((d) => this.name(d));
            const parent = this.parentOf(r);
            out.push({
                type: r.type,
                name: r.name,
                urn: r.urn!,
                custom: !r.component,
                inputs: wire,
                outputs: wire,
                parent: parent ? parent.urn : this.root,
                dependencies: [...new Set([...Object.values(r.propertyDependencies!).flat(), ...explicit, ...(parent ? [parent.urn!] : [])])],
                propertyDependencies: r.propertyDependencies!,
                source: lines.get(r.key),
            });
            if (r.component) {
                this.notExamined.push({
                    kind: "opaque-component",
                    urn: r.urn,
                    type: r.type,
                    reason: OPAQUE_COMPONENT_REASON,
                });
            }
        }
        for (const [why, count] of this.invokes) {
            this.notExamined.push({ kind: "unanswered-invoke", reason: `${why} (${count} use${count === 1 ? "" : "s"}), so what the program built from its result is unknown` });
        }
        return { resources: out, unreadable: this.unreadable, notExamined: this.notExamined };
    }

    private options(r: Declared): Record<string, unknown> {
        const options = field(r.decl, "options") ?? {};
        if (!isMap(options)) this.fail(`resource ${r.key}`, "has options that are not a map");
        return options;
    }

    private parentOf(r: Declared): Declared | undefined {
        const parent = field(this.options(r), "parent");
        if (parent === undefined || parent === null) return undefined;
        const [p] = this.resourceList([parent], `resource ${r.key} options.parent`);
        return p;
    }

    /** The URN: a child's type is qualified by its parent's (pulumi sdk/go/common/resource/urn.go, NewURN). */
    private name(r: Declared): string {
        if (r.state === "naming") this.fail(`resource ${r.key}`, "is its own ancestor (options.parent)");
        if (r.state !== "new") return r.urn!;
        r.state = "naming";
        const parent = this.parentOf(r);
        if (parent) this.name(parent);
        r.qualifiedType = parent ? `${parent.qualifiedType}$${r.type}` : r.type;
        r.urn = `urn:pulumi:${this.input.stack}::${this.input.project}::${r.qualifiedType}::${r.name}`;
        r.state = "named";
        return r.urn;
    }

    /** Resources named by `${res}` expressions, or an expression giving a list of them (options.dependsOn, options.parent). */
    private resourceList(v: unknown, where: string): Declared[] {
        if (v === undefined || v === null) return [];
        const value = this.evaluate(v, new Set(), where, 0);
        const items = Array.isArray(value) ? value : [value];
        return items.map((item) => {
            if (!(item instanceof Ref)) this.fail(where, "must name resources, as ${resource}");
            return item.resource;
        });
    }

    private evaluateResource(r: Declared): Record<string, Val> {
        if (r.state === "evaluating") this.fail(`resource ${r.key}`, "depends on itself through its properties");
        if (r.state === "done") return r.inputs!;
        this.name(r);
        r.state = "evaluating";
        const where = `resource ${r.key} properties`;
        const props = field(r.decl, "properties");
        const inputs: Record<string, Val> = {};
        const propertyDependencies: Record<string, string[]> = {};
        if (isMap(props) && !this.isBuiltin(props)) {
            for (const [key, expr] of Object.entries(props)) {
                const deps = new Set<string>();
                inputs[key] = this.evaluate(expr, deps, `${where}.${key}`, 1);
                propertyDependencies[key] = [...deps];
            }
        } else if (props !== undefined && props !== null) {
            // `properties: ${variable}`: the whole map is an expression.
            const deps = new Set<string>();
            const value = this.evaluate(props, deps, where, 0);
            if (value instanceof Unknown) this.fail(where, "is unknown during preview, so the scan cannot see any of them");
            if (!isPlainVal(value)) this.fail(where, "do not evaluate to a map");
            for (const [key, v] of Object.entries(value)) {
                inputs[key] = v;
                propertyDependencies[key] = [...deps];
            }
        }
        r.inputs = plainObject(Object.entries(inputs)) as Record<string, Val>;
        r.propertyDependencies = propertyDependencies;
        r.state = "done";
        return r.inputs;
    }

    private readConfig(doc: Record<string, unknown>): void {
        const ns = `${this.input.project}:`;
        const secret = new Set(this.input.secretKeys);
        const stackValue = (key: string): Val | undefined => {
            const full = key.includes(":") ? key : `${ns}${key}`;
            const raw = this.input.config[full];
            if (raw === undefined) return undefined;
            if (raw === UNKNOWN_WIRE_VALUE) return new Secret(new Unknown(secret.has(full)));
            return secret.has(full) ? new Secret(raw) : raw;
        };
        for (const key of Object.keys(this.input.config)) {
            const short = key.startsWith(ns) ? key.slice(ns.length) : key;
            this.config.set(short, parseConfigString(stackValue(key)!));
        }
        const declared = field(doc, "config") ?? field(doc, "configuration") ?? {};
        if (!isMap(declared)) this.fail("config", "is not a map");
        for (const [key, decl] of Object.entries(declared)) {
            const short = key.startsWith(ns) ? key.slice(ns.length) : key;
            const isDeclaration = isMap(decl) && ["type", "default", "secret", "value", "name", "items"].some((f) => field(decl, f) !== undefined);
            const given = stackValue(short);
            if (!isDeclaration) {
                if (given === undefined) this.config.set(short, decl as Val);
                continue;
            }
            const type = String(field(decl, "type") ?? "").toLowerCase();
            let value: Val | undefined = given === undefined ? undefined : typed(given, type);
            if (value === undefined) {
                const fallback = field(decl, "value") ?? field(decl, "default");
                if (fallback === undefined) {
                    throw new TargetError(`the program needs config key ${key.includes(":") ? key : `${ns}${key}`}: set it in ${path.join(this.dir, `Pulumi.${this.input.stack}.yaml`)} or choose a stack with --stack`);
                }
                value = this.evaluate(fallback, new Set(), `config ${key}`, 0);
            }
            this.config.set(short, field(decl, "secret") === true && !(value instanceof Secret) ? new Secret(value) : value);
        }
        for (const [key, value] of this.config) this.checkData(value, `config ${key}`, 0);
    }

    private limitNesting(depth: number, where: string): void {
        if (depth > MAX_NESTING) this.fail(shortPath(where), `is nested more than ${MAX_NESTING} levels deep`);
    }

    /** A literal map with the signature key would reach the pack as a secret, asset or archive it never was. */
    private refuseSignature(map: object, where: string): void {
        if (SIG_KEY in map) this.fail(where, `uses ${SIG_KEY}, the key Pulumi reserves for secrets, assets and archives`);
    }

    /**
     * Config values are data (a literal in the config section, JSON text in stack config) that the
     * evaluation does not walk: a map in them with the signature key, or nesting past the limit, is
     * refused as it is in a resource's properties.
     */
    private checkData(v: Val, where: string, depth: number): void {
        this.limitNesting(depth, where);
        if (v instanceof Secret) this.checkData(v.value, where, depth);
        else if (Array.isArray(v)) v.forEach((x, i) => this.checkData(x, `${where}[${i}]`, depth + 1));
        else if (isPlainVal(v)) {
            this.refuseSignature(v, where);
            for (const [k, x] of Object.entries(v)) this.checkData(x, childPath(where, k), depth + 1);
        }
    }

    private isBuiltin(o: Record<string, unknown>): boolean {
        const keys = Object.keys(o);
        return keys.length === 1 && builtinName(keys[0]) !== undefined;
    }

    evaluate(expr: unknown, deps: Set<string>, where: string, depth: number): Val {
        this.limitNesting(depth, where);
        if (expr === null || expr === undefined) return null;
        if (typeof expr === "boolean" || typeof expr === "number") return expr;
        if (typeof expr === "string") return this.interpolate(expr, deps, where);
        if (Array.isArray(expr)) return expr.map((x, i) => this.evaluate(x, deps, `${where}[${i}]`, depth + 1));
        if (!isMap(expr)) this.fail(where, "holds a value YAML cannot express");
        const keys = Object.keys(expr);
        if (keys.length === 1) {
            const fn = builtinName(keys[0]);
            if (fn) return this.builtin(fn, keys[0], expr[keys[0]], deps, where, depth);
        }
        this.refuseSignature(expr, where);
        const entries: [string, Val][] = [];
        for (const key of keys) {
            const k = this.interpolate(key, deps, where);
            const v = this.evaluate(expr[key], deps, childPath(where, key), depth + 1);
            if (k instanceof Unknown) return new Unknown(k.secure);
            entries.push([typeof k === "string" ? k : stringOf(k), v]);
        }
        return plainObject(entries) as Val;
    }

    private interpolate(text: string, deps: Set<string>, where: string): Val {
        let parts: Part[];
        try {
            parts = parseInterpolation(text);
        } catch (e) {
            this.fail(where, `has a malformed interpolation: ${(e as Error).message}`);
        }
        if (parts.length === 0) return "";
        if (parts.length === 1 && !parts[0].access) return parts[0].text;
        if (parts.length === 1 && parts[0].text === "") return this.access(parts[0].access!, deps, where);
        // A resource written into a string is its id, unknown in a preview.
        const values: Val[] = parts.flatMap((p) => (p.access ? [p.text, asText(this.access(p.access, deps, where))] : [p.text]));
        return lift(values, (vs) => vs.map(stringOf).join(""));
    }

    private access(accessors: Accessor[], deps: Set<string>, where: string): Val {
        const [head, ...rest] = accessors;
        if (typeof head !== "string") this.fail(where, "reads a property without naming a resource, variable or config key");
        let receiver: Val;
        const resource = this.resources.get(head);
        if (resource) {
            this.name(resource);
            deps.add(resource.urn!);
            if (rest.length === 0) return new Ref(resource);
            if (rest[0] === "urn") return readPath(resource.urn!, rest.slice(1), this, where);
            if (rest[0] === "id") return new Unknown(false);
            const inputs = this.evaluateResource(resource);
            // In a preview the provider echoes the inputs; what it computes is unknown.
            const first = rest[0];
            if (typeof first !== "string" || !(first in inputs)) return new Unknown(false);
            return readPath(inputs[first], rest.slice(1), this, where, true);
        }
        if (this.config.has(head)) receiver = this.config.get(head)!;
        else if (this.variables.has(head)) receiver = this.variable(head, deps);
        else if (this.config.has(head.replace(`${this.input.project}:`, ""))) receiver = this.config.get(head.replace(`${this.input.project}:`, ""))!;
        else if (head === "pulumi") receiver = { stack: this.input.stack, project: this.input.project, organization: "organization", cwd: this.dir, rootDirectory: this.dir };
        else this.fail(where, `refers to ${head}, which is not a resource, variable or config key of the program`);
        return readPath(receiver, rest, this, where);
    }

    private variable(name: string, deps: Set<string>): Val {
        const v = this.variables.get(name)!;
        if (v.state === "evaluating") this.fail(`variable ${name}`, "depends on itself");
        if (v.state === "new") {
            v.state = "evaluating";
            v.deps = new Set();
            v.value = this.evaluate(v.expr, v.deps, `variable ${name}`, 0);
            v.state = "done";
        }
        for (const d of v.deps!) deps.add(d);
        return v.value!;
    }

    private builtin(fn: string, key: string, arg: unknown, deps: Set<string>, where: string, depth: number): Val {
        const at = `${where} ${key}`;
        const evalArg = () => this.evaluate(arg, deps, at, depth + 1);
        const pair = (): [Val, Val] => {
            const v = evalArg();
            if (!Array.isArray(v) || v.length !== 2) this.fail(at, "takes a two-valued list");
            return [v[0], v[1]];
        };
        switch (fn) {
            case "invoke":
                return this.invoke(arg, deps, at, depth);
            case "invoke:shorthand":
                return this.invoke({ function: key.slice("fn::".length), arguments: arg ?? {} }, deps, at, depth);
            case "join":
                return lift(pair(), ([delimiter, values]) => {
                    if (!Array.isArray(values)) this.fail(at, "joins a list");
                    return lift(values, (vs) => vs.map(stringOf).join(stringOf(delimiter)));
                });
            case "split":
                return lift(pair(), ([delimiter, source]) => stringOf(source).split(stringOf(delimiter)));
            case "select":
                return lift(pair(), ([index, values]) => {
                    if (!Array.isArray(values) || typeof index !== "number" || !Number.isInteger(index)) this.fail(at, "takes an index and a list");
                    if (index < 0 || index >= values.length) this.fail(at, `selects index ${index} of a list of ${values.length}`);
                    return values[index];
                });
            case "toJSON":
                return lift([evalArg()], ([v]) => JSON.stringify(sortedJson(v)), true);
            case "toBase64":
                return lift([evalArg()], ([v]) => Buffer.from(stringOf(v)).toString("base64"));
            case "fromBase64":
                return lift([evalArg()], ([v]) => Buffer.from(stringOf(v), "base64").toString("utf8"));
            case "secret":
                return new Secret(evalArg());
            case "unsecret":
                return unsecret(evalArg());
            case "readFile":
                return lift([evalArg()], ([p]) => this.readFile(stringOf(p), at).toString("utf8"));
            case "filebase64":
                return lift([evalArg()], ([p]) => this.readFile(stringOf(p), at).toString("base64"));
            case "filebase64sha256":
                return lift([evalArg()], ([p]) => createHash("sha256").update(this.readFile(stringOf(p), at)).digest("base64"));
            case "sha1":
                return lift([evalArg()], ([v]) => createHash("sha1").update(stringOf(v)).digest("hex"));
            case "length":
                return lift([evalArg()], ([v]) => (Array.isArray(v) ? v.length : isPlainVal(v) ? Object.keys(v).length : [...stringOf(v)].length));
            case "singleOrNone":
                return lift([evalArg()], ([v]) => {
                    if (!Array.isArray(v) || v.length > 1) this.fail(at, "takes a list of at most one element");
                    return v.length === 0 ? null : v[0];
                });
            case "pulumiResourceName":
            case "pulumiResourceType": {
                const v = evalArg();
                if (!(v instanceof Ref)) this.fail(at, "takes a resource, as ${resource}");
                return fn === "pulumiResourceName" ? v.resource.name : v.resource.type;
            }
            case "stackReference":
                evalArg();
                return new Unknown(false);
            case "assetArchive":
                return this.assetArchive(arg, deps, at, depth);
            default:
                return this.asset(fn, evalArg());
        }
    }

    /**
     * `aws:iam:getPolicyDocument` is rendered as the provider renders it (engine/invokes.ts) once its
     * arguments are known; every other invoke, and that one with unknown arguments, is unknown, as a
     * preview cannot know its result either, and listed as not examined.
     */
    private invoke(arg: unknown, deps: Set<string>, where: string, depth: number): Val {
        if (!isMap(arg)) this.fail(where, "takes an object with function, arguments and return");
        const token = field(arg, "function");
        if (typeof token !== "string" || token === "") this.fail(where, "names no function");
        const ret = field(arg, "return");
        if (ret !== undefined && typeof ret !== "string") this.fail(where, "has a return that is not a string");
        const args = this.evaluate(field(arg, "arguments") ?? {}, deps, `${where}.arguments`, depth + 1);
        const canonical = canonicalToken(token);
        const unanswered = (why: string) => {
            const key = `${canonical}: ${why}`;
            this.invokes.set(key, (this.invokes.get(key) ?? 0) + 1);
        };
        if (canonical !== POLICY_DOCUMENT) {
            unanswered("the scan cannot answer this invoke");
            return new Unknown(false);
        }
        const result = lift(
            [args],
            ([plain]) => {
                if (!isPlainVal(plain)) this.fail(where, "has arguments that are not a map");
                try {
                    return renderPolicyDocument(plain as Record<string, unknown>);
                } catch (e) {
                    if (e instanceof PolicyDocumentError) this.fail(where, `fails as the provider would fail it: ${e.message}`);
                    throw e;
                }
            },
            true,
        );
        if (result instanceof Unknown) unanswered("its arguments hold values unknown during preview");
        return ret === undefined ? result : readPath(result, [ret], this, where);
    }

    private asset(fn: string, v: Val): Val {
        const archive = fn.endsWith("Archive");
        if (v instanceof Unknown || v instanceof Secret) return new Wire(archive ? UNKNOWN_ARCHIVE_WIRE_VALUE : UNKNOWN_ASSET_WIRE_VALUE);
        const source = stringOf(v);
        const kind = { stringAsset: "text", fileAsset: "path", remoteAsset: "uri", fileArchive: "path", remoteArchive: "uri" }[fn]!;
        // The runtime cannot build an asset from an empty string.
        if (source === "") return new Wire(archive ? UNKNOWN_ARCHIVE_WIRE_VALUE : UNKNOWN_ASSET_WIRE_VALUE);
        return new Wire({ [SIG_KEY]: archive ? ARCHIVE_SIG : ASSET_SIG, [kind]: source });
    }

    private assetArchive(arg: unknown, deps: Set<string>, where: string, depth: number): Val {
        if (!isMap(arg)) this.fail(where, "takes a map of paths to assets and archives");
        const members: [string, unknown][] = [];
        for (const [name, member] of Object.entries(arg)) {
            const v = this.evaluate(member, deps, childPath(where, name), depth + 1);
            if (!(v instanceof Wire)) this.fail(childPath(where, name), "is not an asset or archive");
            if (typeof v.value === "string") return new Wire(UNKNOWN_ARCHIVE_WIRE_VALUE);
            members.push([name, v.value]);
        }
        return new Wire({ [SIG_KEY]: ARCHIVE_SIG, assets: plainObject(members) });
    }

    private readFile(file: string, where: string): Buffer {
        const full = path.resolve(this.dir, file);
        try {
            return readFileBytes(full, MAX_PROGRAM_FILE_BYTES);
        } catch (e) {
            if (e instanceof TargetError) this.fail(where, `cannot read ${file}: ${e.message.slice(full.length + 1)}`);
            throw e;
        }
    }

    /** A resource's inputs in wire form, recording the values the scan cannot read. */
    private toWireProperties(r: Declared): Record<string, unknown> {
        const unreadable = (p: string) => this.unreadable.push({ urn: r.urn!, path: p, reason: "secure-config" });
        return plainObject(Object.entries(r.inputs!).map(([k, v]) => [k, toWire(v, childPath("", k), unreadable)]));
    }
}

function toWire(v: Val, at: string, unreadable: (path: string) => void): unknown {
    if (v instanceof Unknown) {
        if (!v.secure) return UNKNOWN_WIRE_VALUE;
        unreadable(at);
        return wireSecret(UNKNOWN_WIRE_VALUE);
    }
    if (v instanceof Secret) {
        const inner = toWire(v.value, at, unreadable);
        return isMap(inner) && inner[SIG_KEY] === SECRET_SIG ? inner : wireSecret(inner);
    }
    // The engine sends a custom resource's id (unknown until it is created) and a component's URN.
    if (v instanceof Ref) return v.resource.component ? v.resource.urn : UNKNOWN_WIRE_VALUE;
    if (v instanceof Wire) return v.value;
    if (Array.isArray(v)) return v.map((x, i) => toWire(x, childPath(at, i), unreadable));
    if (isPlainVal(v)) return plainObject(Object.entries(v).map(([k, x]) => [k, toWire(x, childPath(at, k), unreadable)]));
    return v;
}

/**
 * Applies `f` to known values, as pulumi-yaml lifts a builtin over outputs: any unknown makes the
 * result unknown (secure if any was), any secret makes it secret. `deep` looks inside lists and maps.
 */
function lift(values: Val[], f: (vs: Val[]) => Val, deep = false): Val {
    let secret = false;
    let unknown: Unknown | undefined;
    const strip = (v: Val, inside: boolean): Val => {
        // Inside a value written out whole (toJSON), a resource or asset has no value the scan knows.
        if (inside && (v instanceof Ref || v instanceof Wire)) v = new Unknown(false);
        if (v instanceof Unknown) {
            unknown = unknown && unknown.secure ? unknown : v;
            return null;
        }
        if (v instanceof Secret) {
            secret = true;
            return strip(v.value, inside);
        }
        if (inside && Array.isArray(v)) return v.map((x) => strip(x, true));
        if (inside && isPlainVal(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x, true)]));
        return v;
    };
    const known = values.map((v) => strip(v, deep));
    if (unknown) return secret && !unknown.secure ? new Secret(new Unknown(false)) : unknown;
    const result = f(known);
    return secret ? new Secret(result) : result;
}

function unsecret(v: Val): Val {
    if (v instanceof Secret) return unsecret(v.value);
    if (Array.isArray(v)) return v.map(unsecret);
    if (isPlainVal(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unsecret(x)]));
    return v;
}

const asText = (v: Val): Val => (v instanceof Ref ? new Unknown(false) : v);

/** A value as Go's `%v` writes it into an interpolation (close enough for what controls read). */
function stringOf(v: Val): string {
    if (typeof v === "string") return v;
    if (v === null) return "<nil>";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return JSON.stringify(v);
}

/** Go's json.Marshal orders map keys; lift has left only plain values. */
function sortedJson(v: Val): unknown {
    if (Array.isArray(v)) return v.map(sortedJson);
    if (isPlainVal(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedJson(v[k])]));
    return v;
}

/** Follows `.name` and `[index]` accessors through a value; unknown and secret values carry through. */
function readPath(value: Val, accessors: Accessor[], ev: Evaluator, where: string, fromResource = false): Val {
    let v = value;
    let secret = false;
    for (const a of accessors) {
        while (v instanceof Secret) {
            secret = true;
            v = v.value;
        }
        if (v instanceof Unknown) return v;
        if (v instanceof Ref) return new Unknown(false);
        if (Array.isArray(v)) {
            if (typeof a !== "number") ev.fail(where, "reads a list element by name");
            if (a < 0 || a >= v.length) ev.fail(where, `reads index ${a} of a list of ${v.length}`);
            v = v[a];
        } else if (isPlainVal(v)) {
            const key = String(a);
            // What a resource was not given may be computed by its provider: unknown in a preview.
            if (!Object.prototype.hasOwnProperty.call(v, key)) return fromResource ? new Unknown(false) : null;
            v = v[key];
        } else if (v === null) {
            return null;
        } else {
            ev.fail(where, "reads a property of a value that is not a list or map");
        }
    }
    return secret && !(v instanceof Secret) ? new Secret(v) : v;
}

/** A stack config value: structured values arrive as JSON text. */
function parseConfigString(v: Val): Val {
    if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return v;
    try {
        return JSON.parse(v) as Val;
    } catch {
        return v;
    }
}

/** A config value of a declared type (pulumi-yaml config types: String, Number, Integer, Boolean, List<...>, Object). */
function typed(v: Val, type: string): Val {
    if (v instanceof Secret) return new Secret(typed(v.value, type));
    if (typeof v !== "string") return v;
    if (type === "number" || type === "integer" || type === "int") return Number.isFinite(Number(v)) ? Number(v) : v;
    if (type === "boolean") return v === "true" ? true : v === "false" ? false : v;
    return type.startsWith("list") || type === "object" ? parseConfigString(v) : v;
}

const BUILTINS = [
    "invoke", "join", "split", "select", "toJSON", "toBase64", "fromBase64", "secret", "unsecret", "readFile", "filebase64", "filebase64sha256", "sha1",
    "length", "singleOrNone", "pulumiResourceName", "pulumiResourceType", "stackReference", "assetArchive",
    "stringAsset", "fileAsset", "remoteAsset", "fileArchive", "remoteArchive",
];
const BUILTIN_BY_LOWER = new Map(BUILTINS.map((b) => [`fn::${b.toLowerCase()}`, b]));

/** The builtin an object key names (case-insensitive), `invoke` for the `fn::<pkg>:<mod>:<fn>` shorthand, else undefined. */
function builtinName(key: string): string | undefined {
    const lower = key.toLowerCase();
    return BUILTIN_BY_LOWER.get(lower) ?? (/^fn::[^:]+:[^:]+(:[^:]+)?$/.test(lower) ? "invoke:shorthand" : undefined);
}

type Accessor = string | number;
interface Part {
    text: string;
    access?: Accessor[];
}

/** pulumi-yaml's interpolation grammar (ast/interpolation.go, ast/property.go). */
export function parseInterpolation(value: string): Part[] {
    const parts: Part[] = [];
    let text = "";
    let i = 0;
    while (i < value.length) {
        if (value.startsWith("$$", i)) {
            text += "$";
            i += 2;
        } else if (value.startsWith("${", i)) {
            const [access, next] = parseAccess(value, i + 2);
            parts.push({ text, access });
            text = "";
            i = next;
        } else {
            text += value[i++];
        }
    }
    if (text !== "") parts.push({ text });
    return parts;
}

function parseAccess(s: string, start: number): [Accessor[], number] {
    const accessors: Accessor[] = [];
    let i = start;
    while (i < s.length) {
        const c = s[i];
        if (c === "}") return [accessors, i + 1];
        if (c === ".") {
            i++;
        } else if (c === "[") {
            if (s[i + 1] === '"') {
                let key = "";
                let j = i + 2;
                for (;;) {
                    if (j >= s.length) throw new Error("missing closing quote in property name");
                    if (s[j] === '"') break;
                    if (s[j] === "\\" && s[j + 1] === '"') {
                        key += '"';
                        j += 2;
                    } else key += s[j++];
                }
                if (s[j + 1] !== "]") throw new Error("missing closing bracket in property access");
                accessors.push(key);
                i = j + 2;
            } else {
                const close = s.indexOf("]", i);
                if (close < 0) throw new Error("missing closing bracket in list index");
                const index = s.slice(i + 1, close);
                if (!/^-?\d+$/.test(index)) throw new Error("invalid list index");
                if (accessors.length === 0) throw new Error("the root property must be a string subscript or a name");
                accessors.push(Number(index));
                i = close + 1;
            }
        } else {
            let j = i;
            while (j < s.length && !".[}".includes(s[j])) j++;
            accessors.push(s.slice(i, j));
            i = j;
        }
    }
    throw new Error("unterminated interpolation");
}

/** The line of each resource's key under `resources:`, so findings point at their declaration. */
export function resourceLines(file: string, text: string): Map<string, { file: string; line: number }> {
    const lineCounter = new YAML.LineCounter();
    const lines = new Map<string, { file: string; line: number }>();
    let doc: YAML.Document.Parsed;
    try {
        doc = YAML.parseDocument(text, { lineCounter });
    } catch {
        return lines;
    }
    const resources = doc.get("resources", true);
    if (!YAML.isMap(resources)) return lines;
    for (const item of resources.items) {
        if (YAML.isScalar(item.key) && item.key.range) lines.set(String(item.key.value), { file: path.resolve(file), line: lineCounter.linePos(item.key.range[0]).line });
    }
    return lines;
}
