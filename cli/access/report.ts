import type { LoadedTarget } from "../targets";
import { accessGraph, Access, ACCESSES, AccessNode, AccessPath, chain, hops } from "../../policies/lib/access";
import { withDefaults } from "../../policies/lib/config";
import { phiQuestions } from "../../policies/lib/phi-scope";
import { PackSettings, SETTINGS_OPTIONS, SETTINGS_POLICY } from "../../policies/settings";
import { stackOf } from "./stack";

/** What `phi-guard access` reports: every PHI store with the principals that reach it, each by its shortest chain. */
export interface AccessReport {
    target: { path: string; kind: LoadedTarget["kind"]; project: string; stack: string };
    /** The kinds of access reported (read by default). */
    access: Access[];
    stores: StoreEntry[];
    /** Rights the graph could not read (a policy unknown at preview, outside the stack): they may add paths. */
    notRead: string[];
    summary: { stores: number; paths: number; unverified: number; principals: number; humans: number; external: number };
}

export interface StoreEntry {
    name: string;
    type: string;
    urn: string;
    cloud: "aws" | "azure";
    paths: PathEntry[];
}

export interface PathEntry {
    principal: { id: string; name: string; kind: AccessNode["kind"]; human: boolean; external: boolean; urn?: string };
    access: Access;
    hops: number;
    chain: string;
    unverified: boolean;
    /** Each step, with the node it leads to (a principal, or the store). */
    steps: { kind: string; text: string; via: string; unverified: boolean; to: { id: string; name: string; kind: AccessNode["kind"] } }[];
}

export interface AccessOptions {
    config?: Record<string, unknown>;
    stackTags?: Record<string, string>;
    stores?: string[];
    principals?: string[];
    access?: Access[];
}

const matches = (wanted: readonly string[] | undefined, ...names: (string | undefined)[]): boolean =>
    !wanted || wanted.length === 0 || wanted.some((w) => names.some((n) => n !== undefined && n.toLowerCase() === w.trim().toLowerCase()));

function entry(p: AccessPath, nodes: ReadonlyMap<string, AccessNode>): PathEntry {
    const { id, name, kind, human, external, urn } = p.principal;
    return {
        principal: { id, name, kind, human, external, ...(urn ? { urn } : {}) },
        access: p.access,
        hops: hops(p),
        chain: chain(p),
        unverified: p.unverified,
        steps: p.edges.map((e) => {
            const to = nodes.get(e.to)!;
            return { kind: e.kind, text: e.text, via: e.via, unverified: e.unverified, to: { id: to.id, name: to.name, kind: to.kind } };
        }),
    };
}

/** Builds the graph of a scanned target with the pack-wide settings of the config file (PHI scope, boundary). */
export function buildAccessReport(target: LoadedTarget, opts: AccessOptions = {}): AccessReport {
    const given = opts.config?.[SETTINGS_POLICY];
    const settings = withDefaults<PackSettings>(SETTINGS_OPTIONS, given && typeof given === "object" ? given : {});
    const stack = stackOf(target.resources);
    const tags = new Map(Object.entries(opts.stackTags ?? {}));
    const { isPhi } = phiQuestions(settings, tags, stack);
    const graph = accessGraph(stack, { isPhi, settings });
    const access = opts.access && opts.access.length > 0 ? ACCESSES.filter((a) => opts.access!.includes(a)) : (["read"] as Access[]);
    const stores: StoreEntry[] = [];
    for (const s of graph.stores()) {
        if (!matches(opts.stores, s.name, s.urn)) continue;
        const paths = access
            .flatMap((a) => graph.pathsTo(s.id, a))
            .filter((p) => matches(opts.principals, p.principal.name, p.principal.urn, p.principal.id, p.principal.id.replace(/^[a-z-]+:(id:)?/, "")))
            .map((p) => entry(p, graph.nodes));
        stores.push({ name: s.name, type: s.type!, urn: s.urn!, cloud: s.cloud, paths });
    }
    stores.sort((a, b) => a.cloud.localeCompare(b.cloud) || a.name.localeCompare(b.name) || a.urn.localeCompare(b.urn));
    const all = stores.flatMap((s) => s.paths);
    const principals = new Map(all.map((p) => [`${p.principal.kind}:${p.principal.urn ?? p.principal.name}`, p.principal]));
    return {
        target: { path: target.path, kind: target.kind, project: target.project, stack: target.stack },
        access,
        stores,
        notRead: [...graph.unread].sort(),
        summary: {
            stores: stores.length,
            paths: all.length,
            unverified: all.filter((p) => p.unverified).length,
            principals: principals.size,
            humans: [...principals.values()].filter((p) => p.human).length,
            external: [...principals.values()].filter((p) => p.external).length,
        },
    };
}
