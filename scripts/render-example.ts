/**
 * Renders a control's example (resources as the harness takes them: type token, name, the
 * arguments on the wire) as the Pulumi TypeScript program that declares it, for the docs pages.
 * Policy documents held as JSON strings are shown as `JSON.stringify({...})`, secrets as
 * `pulumi.secret(...)`, values unknown at preview as another resource's output.
 */
import { SIG_KEY, UNKNOWN_WIRE_VALUE } from "../engine/resource";
import type { TestResource } from "../test/harness";
import { urnOf } from "../test/harness";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const INDENT = "    ";

/** `aws:iam/policy:Policy` -> `aws.iam.Policy`; `azure-native:storage/v20230101:StorageAccount` -> `azure_native.storage.v20230101.StorageAccount`. */
export function sdkClass(token: string): string {
    const [pkg, module, name] = token.split(":");
    if (pkg === "azure-native") return ["azure_native", ...module.split("/"), name].join(".");
    return [pkg, module.split("/")[0], name].join(".");
}

/** The output a program would pass for a property: an ARN, a name, or an id (an S3 bucket's id is its name). */
const outputName = (property: string) => (/arn$/i.test(property) ? "arn" : /bucket(name)?$/i.test(property) ? "id" : /(^|[a-z])(name|role|user|group)$/i.test(property) ? "name" : "id");

const variableOf = (name: string) => {
    const camel = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""));
    return /^[0-9]/.test(camel) ? `r${camel}` : camel || "res";
};

function jsonObjectIn(s: string): object | undefined {
    const t = s.trim();
    if (!t.startsWith("{") && !t.startsWith("[")) return undefined;
    try {
        const v = JSON.parse(t);
        return typeof v === "object" && v !== null ? v : undefined;
    } catch {
        return undefined;
    }
}

class Renderer {
    usesUnknown = false;
    usesSecret = false;

    /** Property name -> the variable of the resource whose output it is (the resource's propertyDependencies). */
    constructor(private readonly outputsOf: ReadonlyMap<string, string> = new Map()) {}

    value(v: unknown, depth: number, key?: string): string {
        if (v === UNKNOWN_WIRE_VALUE) {
            const from = key !== undefined ? this.outputsOf.get(key) : undefined;
            if (from) return `${from}.${outputName(key!)}`;
            this.usesUnknown = true;
            return "unknownUntilUpdate";
        }
        if (typeof v === "string") {
            const doc = jsonObjectIn(v);
            return doc ? `JSON.stringify(${this.value(doc, depth)})` : JSON.stringify(v);
        }
        if (typeof v !== "object" || v === null) return JSON.stringify(v);
        if (!Array.isArray(v) && SIG_KEY in v) {
            this.usesSecret = true;
            return `pulumi.secret(${this.value((v as { value?: unknown }).value, depth)})`;
        }
        const pad = INDENT.repeat(depth + 1);
        const close = INDENT.repeat(depth);
        if (Array.isArray(v)) {
            if (v.length === 0) return "[]";
            const items = v.map((x) => this.value(x, depth + 1));
            const flat = `[${items.join(", ")}]`;
            return flat.length <= 80 && !flat.includes("\n") ? flat : `[\n${items.map((i) => `${pad}${i},`).join("\n")}\n${close}]`;
        }
        const entries = Object.entries(v);
        if (entries.length === 0) return "{}";
        const items = entries.map(([k, x]) => `${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${this.value(x, depth + 1, depth === 0 ? k : undefined)}`);
        const flat = `{ ${items.join(", ")} }`;
        return flat.length <= 80 && !flat.includes("\n") ? flat : `{\n${items.map((i) => `${pad}${i},`).join("\n")}\n${close}}`;
    }
}

/** The program that declares the resources, as a TypeScript code block's content. */
export function renderProgram(resources: readonly TestResource[]): string {
    const byUrn = new Map(resources.map((x) => [x.urn ?? urnOf(x), variableOf(x.name)]));
    let usesUnknown = false;
    let usesSecret = false;
    const body = resources.map((x) => {
        const outputs = new Map<string, string>();
        for (const [k, urns] of Object.entries(x.propertyDependencies ?? {})) if (urns.length === 1 && byUrn.has(urns[0])) outputs.set(k, byUrn.get(urns[0])!);
        const r = new Renderer(outputs);
        const props = r.value(x.props, 0);
        usesUnknown ||= r.usesUnknown;
        usesSecret ||= r.usesSecret;
        const opts = x.parent && byUrn.has(x.parent) ? `, { parent: ${byUrn.get(x.parent)} }` : "";
        return `const ${variableOf(x.name)} = new ${sdkClass(x.type)}(${JSON.stringify(x.name)}, ${props}${opts});`;
    });
    const clouds = new Set(resources.map((x) => x.type.split(":")[0]));
    const imports = [
        ...(usesUnknown || usesSecret ? ['import * as pulumi from "@pulumi/pulumi";'] : []),
        ...(clouds.has("aws") ? ['import * as aws from "@pulumi/aws";'] : []),
        ...(clouds.has("azure-native") ? ['import * as azure_native from "@pulumi/azure-native";'] : []),
    ];
    const unknown = usesUnknown ? ["", "// A value known only once the update runs, such as the id of a resource created in the same update.", "declare const unknownUntilUpdate: pulumi.Output<any>;"] : [];
    return [...imports, ...unknown, "", ...body].join("\n");
}
