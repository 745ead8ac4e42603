import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { EngineResource, UNKNOWN_WIRE_VALUE, wireSecret } from "../../engine/resource";
import { TargetError } from "./target";

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
export function fromYamlProgram(program: any, project: string, stack: string, lines: Map<string, { file: string; line: number }>): EngineResource[] {
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
export function resourceLines(file: string): Map<string, { file: string; line: number }> {
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
