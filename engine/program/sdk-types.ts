/**
 * Reads the types a provider's Node.js SDK declares (its generated `.d.ts` files), to know which
 * outputs the provider computes. Generated SDKs declare an output the provider may leave unset as
 * `T | undefined` (or `name?:`) and one it always sets as `T`, both for resource classes
 * (`readonly arn: pulumi.Output<string>`) and for nested output types in `types/output.d.ts`
 * (`principalId: string`); the inputs are `<Name>Args` and `types/input.d.ts`. Parsing is
 * tolerant: anything it cannot read is simply not known, and the values it would have filled stay
 * as the program gave them.
 */
import * as fs from "fs";
import * as path from "path";

/** One property of a resource's outputs, an output type or an invoke's result. */
export interface Member {
    name: string;
    /** The provider may leave it unset. */
    optional: boolean;
    /** The output type it holds, as `namespace.Type` in the SDK's `types/output.d.ts`. */
    ref?: string;
    /** The input type it takes, as `namespace.Type` in the SDK's `types/input.d.ts`. */
    inputRef?: string;
    container: "one" | "array" | "map";
}

type Declarations = Map<string, string[]>;

/**
 * Splits declaration text into `qualified name -> member texts` for every interface and class,
 * qualified by the namespaces around them (`web.v20220901.ManagedServiceIdentityResponse`).
 */
export function parseDeclarations(text: string): Declarations {
    const out: Declarations = new Map();
    const scopes: string[] = [];
    let i = 0;
    const n = text.length;

    const skipTrivia = () => {
        for (;;) {
            while (i < n && /\s/.test(text[i])) i++;
            if (text.startsWith("/*", i)) {
                const end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (text.startsWith("//", i)) {
                const end = text.indexOf("\n", i);
                i = end < 0 ? n : end + 1;
            } else return;
        }
    };
    /** Reads up to (not including) the first of `stops` at nesting depth 0, skipping strings and comments. */
    const readUntil = (stops: string): string => {
        const start = i;
        let depth = 0;
        while (i < n) {
            const c = text[i];
            if (c === '"' || c === "'" || c === "`") {
                i++;
                while (i < n && text[i] !== c) i += text[i] === "\\" ? 2 : 1;
                i++;
                continue;
            }
            if (text.startsWith("/*", i) || text.startsWith("//", i)) {
                skipTrivia();
                continue;
            }
            if (depth === 0 && stops.includes(c)) break;
            if (c === "{" || c === "(" || c === "[") depth++;
            else if (c === "}" || c === ")" || c === "]") depth--;
            i++;
        }
        return text.slice(start, i);
    };
    const readBody = (): string[] => {
        const members: string[] = [];
        for (;;) {
            skipTrivia();
            if (i >= n) return members;
            if (text[i] === "}") {
                i++;
                return members;
            }
            const member = readUntil(";}").trim();
            if (text[i] === ";") i++;
            if (member) members.push(member);
        }
    };

    while (i < n) {
        skipTrivia();
        if (i >= n) break;
        if (text[i] === "}") {
            scopes.pop();
            i++;
            continue;
        }
        const header = readUntil("{;");
        if (text[i] === ";" || i >= n) {
            i++;
            continue;
        }
        i++; // past "{"
        const ns = /\b(?:namespace|module)\s+([\w.$]+)\s*$/.exec(header);
        const decl = /\b(?:interface|class)\s+([\w$]+)/.exec(header);
        if (ns) scopes.push(ns[1]);
        else if (decl) out.set([...scopes, decl[1]].join("."), readBody());
        else {
            // An enum, object literal or anything else: skip its body.
            i--;
            readUntil(";\n");
        }
    }
    return out;
}

const MEMBER = /^((?:(?:public|protected|private|static|readonly|declare|abstract)\s+)*)([A-Za-z_$][\w$]*|"[^"]*")(\??)\s*:\s*([\s\S]+)$/;

/** The member texts of one declaration, read as properties; methods and static members are skipped. */
export function membersOf(texts: string[]): Member[] {
    const out: Member[] = [];
    for (const t of texts) {
        const m = MEMBER.exec(t);
        if (!m || /\bstatic\b/.test(m[1])) continue;
        const shape = shapeOf(m[4]);
        const inputRef = /\binputs\.([\w.$]+)/.exec(m[4])?.[1];
        out.push({ name: m[2].replace(/^"|"$/g, ""), optional: m[3] === "?" || shape.optional, ref: shape.ref, inputRef, container: shape.container });
    }
    return out;
}

function splitUnion(t: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < t.length; i++) {
        const c = t[i];
        if ("{([<".includes(c)) depth++;
        else if ("})]>".includes(c) && t[i - 1] !== "=") depth--;
        else if (c === "|" && depth === 0) {
            parts.push(t.slice(start, i).trim());
            start = i + 1;
        }
    }
    parts.push(t.slice(start).trim());
    return parts.filter(Boolean);
}

function shapeOf(typeText: string): { optional: boolean; ref?: string; container: Member["container"] } {
    let t = typeText.trim();
    const wrapped = /^pulumi\.Output<([\s\S]*)>$/.exec(t);
    if (wrapped) t = wrapped[1].trim();
    const parts = splitUnion(t);
    const optional = parts.includes("undefined");
    const rest = parts.filter((p) => p !== "undefined" && p !== "null");
    if (rest.length !== 1) return { optional, container: "one" };
    const one = rest[0];
    let m = /^outputs\.([\w.$]+)$/.exec(one);
    if (m) return { optional, ref: m[1], container: "one" };
    m = /^outputs\.([\w.$]+)\[\]$/.exec(one);
    if (m) return { optional, ref: m[1], container: "array" };
    m = /^\{\s*\[\w+:\s*string\]\s*:\s*outputs\.([\w.$]+);?\s*\}$/.exec(one);
    if (m) return { optional, ref: m[1], container: "map" };
    return { optional, container: /\[\]$/.test(one) ? "array" : "one" };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The type declarations of the provider SDKs a program resolves, read on demand. */
export class SdkTypes {
    private readonly packages = new Map<string, string | undefined>();
    private readonly files = new Map<string, Declarations | undefined>();

    /** @param searchFrom directories to resolve `@pulumi/<package>` from, the program's own first. */
    constructor(private readonly searchFrom: string[]) {}

    /** The outputs a resource class declares, or undefined when its SDK is not found. */
    resourceOutputs(token: string): Member[] | undefined {
        const found = this.declarationsFor(token);
        const name = token.split(":")[2];
        const texts = found && name ? found.get(name) : undefined;
        return texts && membersOf(texts);
    }

    /** The inputs a resource takes (`<Name>Args`), or undefined when its SDK is not found. */
    resourceInputs(token: string): Member[] | undefined {
        const found = this.declarationsFor(token);
        const name = token.split(":")[2];
        const texts = found && name ? found.get(`${name}Args`) : undefined;
        return texts && membersOf(texts);
    }

    /** The fields of an invoke's result (`Get<Name>Result`), or undefined when its SDK is not found. */
    invokeResult(token: string): Member[] | undefined {
        const found = this.declarationsFor(token);
        const name = token.split(":")[2];
        const texts = found && name ? found.get(`${upperFirst(name)}Result`) : undefined;
        return texts && membersOf(texts);
    }

    /** The members of a nested output (or input) type, from the SDK that declares `token`. */
    nestedType(token: string, ref: string, kind: "output" | "input"): Member[] | undefined {
        const dir = this.packageDir(token);
        const decls = dir ? this.parse(path.join(dir, "types", `${kind}.d.ts`)) : undefined;
        const texts = decls?.get(ref);
        return texts && membersOf(texts);
    }

    private packageDir(token: string): string | undefined {
        const pkg = token.split(":")[0];
        if (!/^[a-z0-9-]+$/.test(pkg) || pkg === "pulumi") return undefined;
        if (!this.packages.has(pkg)) {
            let dir: string | undefined;
            try {
                dir = path.dirname(require.resolve(`@pulumi/${pkg}/package.json`, { paths: this.searchFrom }));
            } catch {
                dir = undefined;
            }
            this.packages.set(pkg, dir);
        }
        return this.packages.get(pkg);
    }

    /** `aws:s3/bucket:Bucket` -> s3/bucket.d.ts; `azure-native:web/v20220901:WebApp` -> web/v20220901/webApp.d.ts. */
    private declarationsFor(token: string): Declarations | undefined {
        const dir = this.packageDir(token);
        const [, mod, name] = token.split(":");
        if (!dir || mod === undefined || !name) return undefined;
        const segments = mod.split("/");
        const candidates = [
            [...segments.slice(0, -1), lowerFirst(name)],
            [...segments, lowerFirst(name)],
        ].map((parts) => parts.filter((p, idx) => !(idx === 0 && p === "index")).join("/"));
        for (const rel of candidates) {
            const file = path.join(dir, `${rel}.d.ts`);
            if (fs.existsSync(file)) return this.parse(file);
        }
        return undefined;
    }

    private parse(file: string): Declarations | undefined {
        if (!this.files.has(file)) {
            let decls: Declarations | undefined;
            try {
                decls = parseDeclarations(fs.readFileSync(file, "utf8"));
            } catch {
                decls = undefined;
            }
            this.files.set(file, decls);
        }
        return this.files.get(file);
    }
}
