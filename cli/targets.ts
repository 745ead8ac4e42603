import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { captureProgram, ProgramError } from "../engine/capture";
import { EngineResource, SIG_KEY, SECRET_SIG, UNKNOWN_WIRE_VALUE, wireSecret } from "../engine/resource";

/** What `phi-guard scan` was pointed at, loaded into engine-shaped resources. */
export interface LoadedTarget {
    kind: "program" | "yaml-program" | "stack-export" | "preview";
    path: string;
    project: string;
    stack: string;
    resources: EngineResource[];
}

/** A target that cannot be scanned: the message says what is wrong and how to fix it. */
export class TargetError extends Error {}

export interface TargetOptions {
    stack?: string;
}

export async function loadTarget(target: string, opts: TargetOptions = {}): Promise<LoadedTarget> {
    if (!fs.existsSync(target)) throw new TargetError(`${target} does not exist: give a Pulumi project directory, a \`pulumi stack export\` file or a \`pulumi preview --json\` file`);
    if (fs.statSync(target).isDirectory()) return loadProject(target, opts);
    if (PROJECT_FILES.includes(path.basename(target))) return loadProject(path.dirname(target), opts);
    let doc: any;
    const text = fs.readFileSync(target, "utf8");
    try {
        doc = JSON.parse(text);
    } catch {
        throw new TargetError(
            path.extname(target).toLowerCase() === ".json"
                ? `${target} is not valid JSON: expected a \`pulumi stack export\` or \`pulumi preview --json\` file`
                : `${target} is not a file phi-guard can scan: give a Pulumi project directory, a \`pulumi stack export\` file or a \`pulumi preview --json\` file`,
        );
    }
    if (doc && typeof doc === "object" && doc.deployment && Array.isArray(doc.deployment.resources)) return withUrnLines(fromStackExport(target, doc), text);
    if (doc && typeof doc === "object" && Array.isArray(doc.steps)) return withUrnLines(fromPreview(target, doc), text);
    throw new TargetError(`${target} is neither a \`pulumi stack export\` file (deployment.resources) nor a \`pulumi preview --json\` file (steps)`);
}

// ---- Pulumi projects -------------------------------------------------------------------------

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

function projectFile(dir: string): string | undefined {
    return PROJECT_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

async function loadProject(dir: string, opts: TargetOptions): Promise<LoadedTarget> {
    const file = projectFile(dir);
    if (!file) throw new TargetError(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
    const project = readYaml(file);
    const name = typeof project?.name === "string" ? project.name : path.basename(dir);
    const runtime = typeof project?.runtime === "string" ? project.runtime : project?.runtime?.name;
    const stack = opts.stack ?? "dev";
    const config = readStackConfig(dir, stack, opts.stack !== undefined);
    if (runtime === "yaml") return { kind: "yaml-program", path: dir, project: name, stack, resources: fromYamlProgram(project, name, stack, resourceLines(file)) };
    if (runtime !== "nodejs") throw new TargetError(`${dir} uses the ${runtime} runtime; phi-guard scan runs nodejs (TypeScript) and yaml programs`);
    try {
        const resources = await captureProgram(dir, { stack, config: config.values, secretKeys: config.secretKeys });
        return { kind: "program", path: dir, project: name, stack, resources };
    } catch (e) {
        if (!(e instanceof ProgramError)) throw e;
        const missing = /Missing required configuration variable '([^']+)'/.exec(e.message);
        if (missing) throw new TargetError(`the program needs config key ${missing[1]}: set it in ${path.join(dir, `Pulumi.${stack}.yaml`)} or choose a stack with --stack`);
        throw new TargetError(`${dir}: ${e.message}`);
    }
}

function readYaml(file: string): any {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch {
        throw new TargetError(`${file} is not valid YAML`);
    }
}

/** Provider settings a program may read; mocks make no cloud calls, so any valid value serves. */
const HARMLESS_DEFAULTS: Record<string, string> = { "aws:region": "us-east-1", "azure-native:location": "eastus" };

/**
 * Stack config from Pulumi.<stack>.yaml. Secure values cannot be decrypted here; they become the
 * engine's unknown sentinel, marked secret, which is what a policy sees for a value it cannot know.
 */
function readStackConfig(dir: string, stack: string, explicit: boolean): { values: Record<string, string>; secretKeys: string[] } {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    const values: Record<string, string> = { ...HARMLESS_DEFAULTS };
    const secretKeys: string[] = [];
    if (!fs.existsSync(file)) {
        if (explicit) throw new TargetError(`stack ${stack} has no config file ${file}`);
        return { values, secretKeys };
    }
    const config = readYaml(file)?.config ?? {};
    for (const [key, value] of Object.entries<any>(config)) {
        if (value && typeof value === "object" && "secure" in value) {
            values[key] = UNKNOWN_WIRE_VALUE;
            secretKeys.push(key);
        } else {
            values[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { values, secretKeys };
}

// ---- Pulumi YAML programs --------------------------------------------------------------------

/** `aws:s3:Bucket` is YAML shorthand for `aws:s3/bucket:Bucket`. */
function expandToken(token: string): string {
    const [pkg, mod, name] = token.split(":");
    if (name === undefined || pkg === "azure-native" || mod.includes("/") || pkg === "pulumi") return token;
    return `${pkg}:${mod}/${name[0].toLowerCase()}${name.slice(1)}:${name}`;
}

const stackUrn = (stack: string, project: string) => `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack}`;
const childUrn = (stack: string, project: string, type: string, name: string) => `urn:pulumi:${stack}::${project}::pulumi:pulumi:Stack$${type}::${name}`;

/**
 * Static resources of a YAML program. Interpolations (`${bucket.id}`) and function calls are
 * unknown, as they are at preview; a reference to another resource becomes a dependency and a
 * propertyDependency, which is what cross-resource checks join on.
 */
function fromYamlProgram(program: any, project: string, stack: string, lines: Map<string, { file: string; line: number }>): EngineResource[] {
    const root = stackUrn(stack, project);
    const declared: Record<string, any> = program?.resources ?? {};
    const urns = new Map<string, string>();
    for (const [name, r] of Object.entries(declared)) if (r && typeof r.type === "string") urns.set(name, childUrn(stack, project, expandToken(r.type), name));
    const out: EngineResource[] = [{ type: "pulumi:pulumi:Stack", name: `${project}-${stack}`, urn: root, custom: false, inputs: {}, outputs: {}, dependencies: [], propertyDependencies: {} }];
    for (const [name, r] of Object.entries(declared)) {
        if (!r || typeof r.type !== "string") throw new TargetError(`resource ${name} in Pulumi.yaml has no type`);
        const propertyDependencies: Record<string, string[]> = {};
        const inputs: Record<string, unknown> = {};
        for (const [key, value] of Object.entries<any>(r.properties ?? {})) {
            const refs = new Set<string>();
            inputs[key] = yamlValue(value, urns, refs, { stack, project });
            propertyDependencies[key] = [...refs];
        }
        const explicit = ([] as string[]).concat(r.options?.dependsOn ?? []).map((d) => urns.get(String(d).replace(/^\$\{|\}$/g, ""))).filter((u): u is string => !!u);
        out.push({
            type: expandToken(r.type),
            name,
            urn: urns.get(name)!,
            custom: true,
            inputs,
            outputs: inputs,
            parent: root,
            dependencies: [...new Set([...Object.values(propertyDependencies).flat(), ...explicit])],
            propertyDependencies,
            source: lines.get(name),
        });
    }
    return out;
}

/** The line of each resource's key under `resources:`, so findings point at their declaration. */
function resourceLines(file: string): Map<string, { file: string; line: number }> {
    const lineCounter = new YAML.LineCounter();
    const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { lineCounter });
    const lines = new Map<string, { file: string; line: number }>();
    const resources = doc.get("resources", true);
    if (!YAML.isMap(resources)) return lines;
    for (const item of resources.items) {
        if (YAML.isScalar(item.key) && item.key.range) lines.set(String(item.key.value), { file: path.resolve(file), line: lineCounter.linePos(item.key.range[0]).line });
    }
    return lines;
}

function yamlValue(v: any, urns: Map<string, string>, refs: Set<string>, ctx: { stack: string; project: string }): unknown {
    if (typeof v === "string") {
        const interpolations = [...v.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1].trim());
        if (interpolations.length === 0) return v.replace(/\$\$\{/g, "${");
        let known = true;
        const text = v.replace(/\$\{([^}]+)\}/g, (_, expr: string) => {
            const e = expr.trim();
            if (e === "pulumi.stack") return ctx.stack;
            if (e === "pulumi.project") return ctx.project;
            const urn = urns.get(e.split(/[.[]/)[0]);
            if (urn) refs.add(urn);
            known = false;
            return "";
        });
        return known ? text : UNKNOWN_WIRE_VALUE;
    }
    if (Array.isArray(v)) return v.map((x) => yamlValue(x, urns, refs, ctx));
    if (v && typeof v === "object") {
        const keys = Object.keys(v);
        if (keys.length === 1 && keys[0] === "fn::secret") return wireSecret(yamlValue(v[keys[0]], urns, refs, ctx));
        if (keys.length === 1 && keys[0] === "fn::toJSON") {
            const inner = yamlValue(v[keys[0]], urns, refs, ctx);
            return JSON.stringify(inner).includes(UNKNOWN_WIRE_VALUE) ? UNKNOWN_WIRE_VALUE : JSON.stringify(inner);
        }
        if (keys.length === 1 && keys[0].startsWith("fn::")) {
            yamlValue(v[keys[0]], urns, refs, ctx);
            return UNKNOWN_WIRE_VALUE;
        }
        return Object.fromEntries(keys.map((k) => [k, yamlValue(v[k], urns, refs, ctx)]));
    }
    return v;
}

// ---- Saved states and previews ---------------------------------------------------------------

const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

function stackAndProject(urn: string | undefined, fallback: string): { stack: string; project: string } {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn ?? "");
    return m ? { stack: m[1], project: m[2] } : { stack: fallback, project: fallback };
}

/**
 * Secrets in a state file are ciphertext, never decrypted here: they become unknown secrets.
 * With --show-secrets they carry `plaintext` (JSON-encoded), which is passed on as a secret.
 * A preview shows secrets as "[secret]".
 */
function redactSecrets(v: unknown): unknown {
    if (v === "[secret]") return wireSecret(UNKNOWN_WIRE_VALUE);
    if (Array.isArray(v)) return v.map(redactSecrets);
    if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if (o[SIG_KEY] === SECRET_SIG) {
            if ("value" in o) return wireSecret(redactSecrets(o.value));
            if (typeof o.plaintext === "string") {
                try {
                    return wireSecret(JSON.parse(o.plaintext));
                } catch {
                    return wireSecret(UNKNOWN_WIRE_VALUE);
                }
            }
            return wireSecret(UNKNOWN_WIRE_VALUE);
        }
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, redactSecrets(x)]));
    }
    return v;
}

function fromState(r: any): EngineResource {
    if (!r || typeof r.urn !== "string" || typeof r.type !== "string") throw new TargetError("a resource in the file has no urn or type");
    return {
        type: r.type,
        name: nameOf(r.urn),
        urn: r.urn,
        custom: r.custom !== false,
        inputs: (redactSecrets(r.inputs ?? {}) as Record<string, unknown>) ?? {},
        outputs: (redactSecrets(r.outputs ?? r.inputs ?? {}) as Record<string, unknown>) ?? {},
        parent: r.parent || undefined,
        provider: r.provider || undefined,
        dependencies: Array.isArray(r.dependencies) ? r.dependencies : [],
        propertyDependencies: r.propertyDependencies && typeof r.propertyDependencies === "object" ? r.propertyDependencies : {},
    };
}

function fromStackExport(file: string, doc: any): LoadedTarget {
    if (doc.version !== undefined && doc.version !== 3) throw new TargetError(`${file} is a deployment of version ${doc.version}; phi-guard reads version 3 (\`pulumi stack export\` of Pulumi 3.x)`);
    const resources = (doc.deployment.resources as any[]).filter((r) => !r?.delete).map(fromState);
    return { kind: "stack-export", path: file, ...stackAndProject(resources[0]?.urn, path.basename(file, ".json")), resources };
}

function fromPreview(file: string, doc: any): LoadedTarget {
    const resources = (doc.steps as any[]).filter((s) => s && s.op !== "delete" && s.newState).map((s) => fromState({ urn: s.urn, ...s.newState }));
    return { kind: "preview", path: file, ...stackAndProject(resources[0]?.urn, path.basename(file, ".json")), resources };
}

/** Each resource of a saved file is located at the first line that names its urn (`"urn": ...`). */
function withUrnLines(loaded: LoadedTarget, text: string): LoadedTarget {
    const lines = new Map<string, number>();
    text.split("\n").forEach((line, i) => {
        const m = /^\s*"urn"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line);
        if (!m) return;
        const urn = JSON.parse(m[1]) as string;
        if (!lines.has(urn)) lines.set(urn, i + 1);
    });
    const file = path.resolve(loaded.path);
    return { ...loaded, resources: loaded.resources.map((r) => (lines.has(r.urn) ? { ...r, source: { file, line: lines.get(r.urn)! } } : r)) };
}
