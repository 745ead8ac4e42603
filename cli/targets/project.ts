/**
 * A Pulumi project directory: Pulumi.yaml and the stack's config are read here, once, and the
 * project is run (Node.js) or read (YAML) from what they say.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { DEFAULT_TIMEOUT_SECONDS, ProgramError, runProgram, RuntimeOptions } from "../../engine/program";
import { UNKNOWN_WIRE_VALUE } from "../../engine/resource";
import { LoadedTarget, TargetError, TargetOptions } from "./target";
import { MAX_PROGRAM_FILE_BYTES, readTextFile } from "./files";
import { loadYamlProgram } from "./yaml";

export const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

/** What Pulumi.yaml and Pulumi.<stack>.yaml say about a project. */
export interface ProjectFiles {
    dir: string;
    file: string;
    /** Pulumi.yaml as parsed. */
    document: any;
    name: string;
    runtime: string;
    main?: string;
    options: RuntimeOptions;
    stack: string;
    /** Config as the language host passes it (`namespace:key` -> string), the scan's provider defaults included. */
    config: Record<string, string>;
    /** The config the project and stack set themselves. */
    ownConfig: Record<string, string>;
    secretKeys: string[];
    /** The stack file's config alone, with the provider defaults: a YAML program reads Pulumi.yaml's `config:` itself. */
    stackConfig: { values: Record<string, string>; secretKeys: string[] };
}

/** Provider settings a program may read; the scan makes no cloud calls, so any valid value serves. */
const PROVIDER_DEFAULTS: Record<string, string> = { "aws:region": "us-east-1", "azure-native:location": "eastus" };

function readYaml(file: string): any {
    try {
        return YAML.parse(readTextFile(file, MAX_PROGRAM_FILE_BYTES));
    } catch (e) {
        if (e instanceof TargetError) throw e;
        // The parser's own first line says where (and names alias bombs); a stack overflow means nesting no program has.
        const message = String((e as Error)?.message ?? "");
        const why = e instanceof RangeError || message.includes("Maximum call stack size exceeded") ? "it is nested too deeply to read" : message.split("\n")[0];
        throw new TargetError(`${file} is not valid YAML${why ? `: ${why}` : ""}`);
    }
}

export function readProject(dir: string, stackOption: string | undefined): ProjectFiles {
    const file = PROJECT_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (!file) throw new TargetError(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
    const document = readYaml(file) ?? {};
    const name = typeof document.name === "string" ? document.name : path.basename(path.resolve(dir));
    const runtime = typeof document.runtime === "string" ? document.runtime : document.runtime?.name;
    const raw = typeof document.runtime === "object" && document.runtime?.options ? document.runtime.options : {};
    const options: RuntimeOptions = {};
    // pulumi-language-nodejs parseOptions: typescript a boolean, tsconfig and nodeargs strings.
    if (raw.typescript !== undefined) {
        if (typeof raw.typescript !== "boolean") throw new TargetError(`${file}: runtime option typescript must be a boolean`);
        options.typescript = raw.typescript;
    }
    for (const key of ["tsconfig", "nodeargs"] as const) {
        if (raw[key] === undefined) continue;
        if (typeof raw[key] !== "string") throw new TargetError(`${file}: runtime option ${key} must be a string`);
        options[key] = raw[key];
    }
    const stack = stackOption ?? "dev";
    const own: Record<string, string> = {};
    const secretKeys = new Set<string>();
    addConfig(own, secretKeys, name, projectConfig(document.config));
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    const stackOnly: Record<string, string> = {};
    const stackSecretKeys = new Set<string>();
    if (fs.existsSync(stackFile)) {
        const stackConfig = readYaml(stackFile)?.config;
        addConfig(own, secretKeys, name, stackConfig);
        addConfig(stackOnly, stackSecretKeys, name, stackConfig);
    } else if (stackOption !== undefined) throw new TargetError(`stack ${stack} has no config file ${stackFile}`);
    return {
        dir,
        file,
        document,
        name,
        runtime: String(runtime),
        main: typeof document.main === "string" ? document.main : undefined,
        options,
        stack,
        config: { ...PROVIDER_DEFAULTS, ...own },
        ownConfig: own,
        secretKeys: [...secretKeys],
        stackConfig: { values: { ...PROVIDER_DEFAULTS, ...stackOnly }, secretKeys: [...stackSecretKeys] },
    };
}

/** Pulumi.yaml `config:` entries: a plain value, or `{ value }` / `{ default }` (a declared key's default). */
function projectConfig(config: unknown): Record<string, unknown> {
    if (!config || typeof config !== "object") return {};
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(config as Record<string, any>)) {
        if (key === "pulumi:tags") continue;
        if (v && typeof v === "object" && !Array.isArray(v) && ("value" in v || "default" in v || "type" in v)) {
            if ("value" in v) out[key] = v.value;
            else if ("default" in v) out[key] = v.default;
        } else out[key] = v;
    }
    return out;
}

/**
 * Adds config as the language host passes it: namespaced keys, strings (structured values as
 * JSON). Secure values cannot be decrypted here: they become the engine's unknown sentinel, marked
 * secret, which is what a policy sees for a value it cannot know.
 */
function addConfig(out: Record<string, string>, secretKeys: Set<string>, project: string, config: unknown): void {
    if (!config || typeof config !== "object") return;
    for (const [rawKey, value] of Object.entries(config as Record<string, unknown>)) {
        const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
        let secret = false;
        const plain = (v: unknown): unknown => {
            if (v && typeof v === "object" && !Array.isArray(v) && "secure" in v) {
                secret = true;
                return UNKNOWN_WIRE_VALUE;
            }
            if (Array.isArray(v)) return v.map(plain);
            if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
            return v;
        };
        const v = plain(value);
        out[key] = typeof v === "string" ? v : JSON.stringify(v);
        if (secret) secretKeys.add(key);
        else secretKeys.delete(key);
    }
}

export async function loadProject(dir: string, opts: TargetOptions): Promise<LoadedTarget> {
    const project = readProject(dir, opts.stack);
    const { name, stack } = project;
    if (project.runtime === "yaml") return loadYamlProgram({ document: project.document, file: project.file, project: name, stack, config: project.stackConfig.values, secretKeys: project.stackConfig.secretKeys }, dir);
    if (project.runtime !== "nodejs") throw new TargetError(`${dir} uses the ${project.runtime} runtime; phi-guard scan runs nodejs (TypeScript and JavaScript) and yaml programs`);
    try {
        const run = await runProgram(
            { root: path.resolve(dir), project: name, main: project.main, options: project.options, stack, config: project.config, secretKeys: project.secretKeys },
            {
                timeoutSeconds: opts.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
                invokes: { config: project.ownConfig, given: opts.invokes ?? {} },
                onOutput: opts.onProgramOutput,
            },
        );
        return {
            kind: "program",
            path: dir,
            project: name,
            stack,
            resources: run.resources,
            opaque: run.opaque,
            invokes: run.invokes,
            notes: run.sdk.own ? [] : [`${dir} has no @pulumi/pulumi installed: the program ran with phi-guard's own SDKs (@pulumi/pulumi ${run.sdk.version}); run npm install there to scan it with its own versions`],
        };
    } catch (e) {
        if (!(e instanceof ProgramError)) throw e;
        const err = new TargetError(e.message.startsWith("the program needs config key") ? e.message : `${dir}: ${e.message}`);
        if (e.details) err.stack = `${err.message}\n${e.details}`;
        throw err;
    }
}
