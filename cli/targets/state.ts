import * as path from "path";
import type { EngineResource } from "../../engine/resource";
import { SIG_KEY } from "../../engine/resource";
import type { NotExamined } from "../not-examined";
import { LoadedTarget, TargetError } from "./target";
import { childPath, MalformedValue, plainObject, toWire, UnreadableReason, UnreadableValue } from "./wire";

/**
 * `pulumi stack export` and `pulumi preview --json` files, read as the engine reads them (verified
 * in pulumi/pulumi):
 * - A stack export is an UntypedDeployment (sdk/go/common/apitype/core.go): `version`, `features`
 *   and `deployment`. Version 3 is current; version 4 (DeploymentSchemaVersionLatest) is written when
 *   a resource uses a newer feature (pkg/resource/stack/deployment.go, ApplyFeatures: views, hooks,
 *   taint, replaceWith, refreshBeforeUpdate, snippets, extension parameterization, and byteString
 *   for strings that are not UTF-8). Both decode into DeploymentV3: the resources have the same
 *   shape, and the one new value encoding (byte strings) is read in wire.ts. `resources` is omitted
 *   for an empty stack; `pending_operations` lists resources whose create, update or delete was
 *   interrupted.
 * - A preview is a PreviewDigest (pkg/display/json.go, pkg/backend/display/json.go): `steps`, each
 *   with `op`, `urn` and the resource's `newState` serialized like a state resource but with every
 *   secret replaced by "[secret]", `--show-secrets` or not. Unchanged resources ("same" steps) are
 *   listed only with `--show-sames`, which `changeSummary` lets us notice.
 */

export interface ParsedUrn {
    stack: string;
    project: string;
    /** The parent types and the resource's type, `$`-separated. */
    qualifiedType: string;
    name: string;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the name may itself contain "::". */
export function parseUrn(urn: string): ParsedUrn | undefined {
    const prefix = "urn:pulumi:";
    if (!urn.startsWith(prefix)) return undefined;
    const parts = urn.slice(prefix.length).split("::");
    if (parts.length < 4 || parts.slice(0, 3).some((p) => p === "")) return undefined;
    return { stack: parts[0], project: parts[1], qualifiedType: parts[2], name: parts.slice(3).join("::") };
}

/** A URN (or any file-supplied text) as it may be shown on one line of a message. */
export function showUrn(urn: string): string {
    return JSON.stringify(urn.length > 300 ? `${urn.slice(0, 300)}...` : urn);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** Whether a parsed JSON document is a stack export: an UntypedDeployment with its deployment. */
export const isStackExport = (doc: unknown): doc is Record<string, unknown> => isObject(doc) && "deployment" in doc && ("version" in doc || isObject(doc.deployment));

/** Whether a parsed JSON document is a preview digest. */
export const isPreview = (doc: unknown): doc is Record<string, unknown> => isObject(doc) && !("deployment" in doc) && (Array.isArray(doc.steps) || isObject(doc.changeSummary));

/** Reads the resources of one file, collecting what it cannot read; every problem names the resource. */
class ResourceReader {
    readonly unreadable: UnreadableValue[] = [];
    private readonly seen = new Set<string>();

    constructor(
        private readonly file: string,
        private readonly preview: boolean,
    ) {}

    fail(where: string, what: string): never {
        throw new TargetError(`${this.file}: ${where} ${what}`);
    }

    read(r: unknown, where: string): EngineResource {
        if (!isObject(r)) this.fail(where, "is not a resource object");
        if (typeof r.urn !== "string") this.fail(where, "has no urn");
        const urn = parseUrn(r.urn);
        if (!urn) this.fail(where, `has urn ${showUrn(r.urn)}, which is not a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)`);
        const at = `resource ${showUrn(r.urn)}`;
        if (typeof r.type !== "string" || r.type === "") this.fail(at, "has no type");
        if (r.custom !== undefined && typeof r.custom !== "boolean") this.fail(at, "has a custom flag that is not true or false");
        const inputs = this.properties(r.urn, r.inputs, "inputs");
        return {
            type: r.type,
            name: urn.name,
            urn: r.urn,
            custom: r.custom !== false,
            inputs,
            outputs: r.outputs === undefined || r.outputs === null ? inputs : this.properties(r.urn, r.outputs, "outputs"),
            parent: this.optionalUrn(r.parent, at, "parent"),
            provider: this.optionalUrn(r.provider, at, "provider"),
            dependencies: this.urnList(r.dependencies, at, "dependencies"),
            propertyDependencies: this.propertyDependencies(r.propertyDependencies, at),
        };
    }

    /** Each URN once: a second resource with the same URN would be joined to the first one's relations. */
    unique(resources: EngineResource[]): void {
        for (const r of resources) {
            if (this.seen.has(r.urn)) this.fail(`resource ${showUrn(r.urn)}`, "appears twice");
            this.seen.add(r.urn);
        }
    }

    /**
     * Properties as the engine sends them to an analyzer: wire values, and without the top-level
     * internal keys (`__defaults`, `__meta`) it skips (MarshalOptions.SkipInternalKeys).
     */
    private properties(urn: string, props: unknown, field: string): Record<string, unknown> {
        if (props === undefined || props === null) return {};
        const at = `resource ${showUrn(urn)}`;
        if (!isObject(props) || SIG_KEY in props) this.fail(at, `has ${field} that are not an object of properties`);
        const found = new Set(this.unreadable.filter((u) => u.urn === urn).map((u) => `${u.path} ${u.reason}`));
        const unreadable = (p: string, reason: UnreadableReason) => {
            if (found.has(`${p} ${reason}`)) return;
            found.add(`${p} ${reason}`);
            this.unreadable.push({ urn, path: p, reason });
        };
        try {
            return plainObject(
                Object.entries(props)
                    .filter(([k]) => !k.startsWith("__"))
                    .map(([k, v]) => [k, toWire(v, { preview: this.preview, unreadable }, childPath("", k), 1)]),
            );
        } catch (e) {
            if (e instanceof MalformedValue) this.fail(at, `has a value at ${field} ${e.path} that ${e.message}`);
            throw e;
        }
    }

    private optionalUrn(v: unknown, at: string, field: string): string | undefined {
        if (v === undefined || v === null || v === "") return undefined;
        if (typeof v !== "string") this.fail(at, `has a ${field} that is not a URN`);
        return v;
    }

    private urnList(v: unknown, at: string, field: string): string[] {
        if (v === undefined || v === null) return [];
        if (!Array.isArray(v) || !v.every((u) => typeof u === "string")) this.fail(at, `has ${field} that are not a list of URNs`);
        return v;
    }

    private propertyDependencies(v: unknown, at: string): Record<string, string[]> {
        if (v === undefined || v === null) return {};
        if (!isObject(v)) this.fail(at, "has propertyDependencies that are not an object");
        return plainObject(Object.entries(v).map(([k, urns]) => [k, this.urnList(urns, at, `propertyDependencies ${JSON.stringify(k)}`)])) as Record<string, string[]>;
    }
}

/** Project and stack from the root stack resource's URN (or any resource's), else the file name. */
function stackAndProject(resources: EngineResource[], file: string): { stack: string; project: string } {
    const root = resources.find((r) => r.type === "pulumi:pulumi:Stack") ?? resources[0];
    const urn = root && parseUrn(root.urn);
    const fallback = path.basename(file, path.extname(file));
    return urn ? { stack: urn.stack, project: urn.project } : { stack: fallback, project: fallback };
}

/** Deployment versions that decode into DeploymentV3. */
const READABLE_VERSIONS = [3, 4];

export function fromStackExport(file: string, doc: Record<string, unknown>): LoadedTarget {
    const version = doc.version;
    if (!READABLE_VERSIONS.includes(version as number)) {
        const which = typeof version === "number" ? `is a deployment of version ${version}` : "has no deployment version";
        const advice =
            typeof version === "number" && version > 4
                ? "a newer Pulumi CLI wrote it than phi-guard knows"
                : "export the stack again with a current Pulumi CLI (`pulumi stack export --file <file>`)";
        throw new TargetError(`${file} ${which}; phi-guard reads versions 3 and 4 (what \`pulumi stack export\` writes): ${advice}`);
    }
    const deployment = doc.deployment;
    if (!isObject(deployment)) throw new TargetError(`${file}: deployment is not an object`);
    const listed = deployment.resources ?? [];
    if (!Array.isArray(listed)) throw new TargetError(`${file}: deployment.resources is not a list`);
    const reader = new ResourceReader(file, false);
    // Resources marked for deletion are the old halves of replacements: the engine drops them.
    const resources = listed.flatMap((r, i) => (isObject(r) && r.delete === true ? [] : [reader.read(r, `deployment.resources[${i}]`)]));
    reader.unique(resources);
    return {
        kind: "stack-export",
        path: file,
        ...stackAndProject(resources, file),
        resources,
        unreadable: reader.unreadable,
        notExamined: pendingOperations(file, deployment.pending_operations),
    };
}

/** apitype.OperationType */
const PENDING: Record<string, string> = { creating: "being created", updating: "being updated", deleting: "being deleted", reading: "being read" };

/** Resources whose operation was interrupted: the state does not say what exists in the cloud. */
function pendingOperations(file: string, ops: unknown): NotExamined[] {
    if (ops === undefined || ops === null) return [];
    if (!Array.isArray(ops)) throw new TargetError(`${file}: deployment.pending_operations is not a list`);
    return ops.map((op, i) => {
        const r = isObject(op) && isObject(op.resource) ? op.resource : undefined;
        if (!r || typeof r.urn !== "string") throw new TargetError(`${file}: deployment.pending_operations[${i}] names no resource`);
        const doing = isObject(op) && typeof op.type === "string" ? (PENDING[op.type] ?? op.type) : "being changed";
        return {
            kind: "unknown-state",
            urn: r.urn,
            type: typeof r.type === "string" ? r.type : undefined,
            reason: `was ${doing} when the state was saved (pending_operations), so the state does not show what exists: run \`pulumi refresh\` and export again`,
        };
    });
}

/** Steps that end a resource: it is not in the stack the preview leads to. */
const REMOVING_OPS = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

export function fromPreview(file: string, doc: Record<string, unknown>): LoadedTarget {
    const steps = doc.steps ?? [];
    if (!Array.isArray(steps)) throw new TargetError(`${file}: steps is not a list`);
    const reader = new ResourceReader(file, true);
    const byUrn = new Map<string, EngineResource>();
    const notExamined: NotExamined[] = [];
    let sames = 0;
    steps.forEach((s, i) => {
        if (!isObject(s) || typeof s.op !== "string") throw new TargetError(`${file}: steps[${i}] is not a step (op, urn, newState)`);
        if (s.op === "same") sames++;
        if (REMOVING_OPS.has(s.op)) return;
        if (s.newState === undefined || s.newState === null) {
            // The CLI leaves newState out when it could not serialize it.
            if (typeof s.urn === "string") notExamined.push({ kind: "unknown-state", urn: s.urn, reason: "has no newState in the preview file, so its properties are unknown" });
            return;
        }
        if (!isObject(s.newState)) throw new TargetError(`${file}: steps[${i}].newState is not a resource object`);
        const r = reader.read({ urn: s.urn, ...s.newState }, `steps[${i}].newState`);
        // With --show-replacement-steps a replacement appears twice: the later step is the new resource.
        byUrn.delete(r.urn);
        byUrn.set(r.urn, r);
    });
    const resources = [...byUrn.values()];
    const summary = isObject(doc.changeSummary) ? doc.changeSummary : {};
    const unchanged = typeof summary.same === "number" ? summary.same - sames : 0;
    if (unchanged > 0) {
        notExamined.push({
            kind: "left-out",
            reason: `${unchanged} unchanged resource${unchanged === 1 ? " is" : "s are"} not in the file (\`pulumi preview --json\` lists them only with --show-sames), so controls that join resources across the stack did not see ${unchanged === 1 ? "it" : "them"}: run \`pulumi preview --json --show-sames\``,
        });
    }
    return { kind: "preview", path: file, ...stackAndProject(resources, file), resources, unreadable: reader.unreadable, notExamined };
}

/** Each resource of a saved file is located at the first line that names its urn (`"urn": ...`). */
export function withUrnLines(loaded: LoadedTarget, text: string): LoadedTarget {
    const lines = new Map<string, number>();
    text.split("\n").forEach((line, i) => {
        const m = /^\s*"urn"\s*:\s*("(?:[^"\\]|\\.)*")/.exec(line);
        if (!m) return;
        let urn: unknown;
        try {
            urn = JSON.parse(m[1]);
        } catch {
            return;
        }
        if (typeof urn === "string" && !lines.has(urn)) lines.set(urn, i + 1);
    });
    const file = path.resolve(loaded.path);
    return { ...loaded, resources: loaded.resources.map((r) => (lines.has(r.urn) ? { ...r, source: { file, line: lines.get(r.urn)! } } : r)) };
}
