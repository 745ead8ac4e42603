import * as path from "path";
import { EngineResource, SIG_KEY, SECRET_SIG, UNKNOWN_WIRE_VALUE, wireSecret } from "../../engine/resource";
import { LoadedTarget, TargetError } from "./target";

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

export function fromStackExport(file: string, doc: any): LoadedTarget {
    if (doc.version !== undefined && doc.version !== 3) throw new TargetError(`${file} is a deployment of version ${doc.version}; phi-guard reads version 3 (\`pulumi stack export\` of Pulumi 3.x)`);
    const resources = (doc.deployment.resources as any[]).filter((r) => !r?.delete).map(fromState);
    return { kind: "stack-export", path: file, ...stackAndProject(resources[0]?.urn, path.basename(file, ".json")), resources };
}

export function fromPreview(file: string, doc: any): LoadedTarget {
    const resources = (doc.steps as any[]).filter((s) => s && s.op !== "delete" && s.newState).map((s) => fromState({ urn: s.urn, ...s.newState }));
    return { kind: "preview", path: file, ...stackAndProject(resources[0]?.urn, path.basename(file, ".json")), resources };
}

/** Each resource of a saved file is located at the first line that names its urn (`"urn": ...`). */
export function withUrnLines(loaded: LoadedTarget, text: string): LoadedTarget {
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
