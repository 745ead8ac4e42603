/**
 * CPU profiles of a pack under the engine's launcher: `run-policy-pack` starts the pack as usual,
 * with profile-preload.js required into it, and the profile is written when the pack is stopped.
 * Used by `npm run bench` to show why a target is missed, and on its own:
 *
 *   npm run bench:profile -- <workload> [size] [pack dir]      (default: identity-heavy 10000 .)
 *
 * prints where the time went and writes the .cpuprofile (open it in Chrome DevTools).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeEach, PackProcess } from "../../engine/driver";
import type { PolicyPackConfigFile } from "../../engine/pack-config";
import type { EngineResource } from "../../engine/resource";

const PRELOAD = path.join(__dirname, "profile-preload.js");

interface CallFrame {
    functionName: string;
    url: string;
    lineNumber: number;
}
interface ProfileNode {
    id: number;
    callFrame: CallFrame;
    children?: number[];
}
export interface CpuProfile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
}

/** Starts a pack with `preloads` required into it (through NODE_OPTIONS, which the launcher's child inherits) and `env` set for it. */
export async function startWithPreload(packDir: string, preloads: readonly string[], env: Record<string, string>): Promise<PackProcess> {
    const saved = Object.fromEntries(["NODE_OPTIONS", ...Object.keys(env)].map((name) => [name, process.env[name]]));
    Object.assign(process.env, env, { NODE_OPTIONS: [saved.NODE_OPTIONS ?? "", ...preloads.map((p) => `--require ${p}`)].join(" ").trim() });
    try {
        return await PackProcess.start(packDir, { maxResponseBytes: Infinity });
    } finally {
        for (const [name, value] of Object.entries(saved)) restore(name, value);
    }
}

/** Starts a pack with the profiler preloaded. */
const startProfiled = (packDir: string, out: string) => startWithPreload(packDir, [PRELOAD], { PHI_GUARD_CPU_PROFILE: out });

function restore(name: string, value: string | undefined): void {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
}

/** One full evaluation (every Analyze, then AnalyzeStack) of `resources` under the profiler. */
export async function profiledRun(packDir: string, resources: readonly EngineResource[], config: PolicyPackConfigFile, out: string): Promise<CpuProfile> {
    const p = await startProfiled(packDir, out);
    try {
        await p.configureStack({ project: "bench", stack: "bench", dryRun: true });
        await p.configure(await p.info(), { all: "advisory", ...config });
        await analyzeEach(p, resources);
        await p.analyzeStack(resources);
    } finally {
        await p.stop();
    }
    return JSON.parse(fs.readFileSync(out, "utf8"));
}

/** Where a function lives, in the words of the report; `dist` is the profiled pack's compiled code. */
function areaOf(frame: CallFrame, dist: string): string {
    const url = frame.url;
    if (url === "") {
        if (frame.functionName === "(garbage collector)") return "garbage collection";
        return "V8 and native code";
    }
    if (url.startsWith(`${dist}policies/aws/`) || url.startsWith(`${dist}policies/azure/`)) return "phi-guard controls";
    if (url.startsWith(`${dist}policies/lib/`)) return "phi-guard readers (policies/lib)";
    if (url.startsWith(dist)) return "phi-guard adapter and settings";
    if (url.includes("/@pulumi/policy/")) return "@pulumi/policy runtime";
    if (url.includes("/google-protobuf/") || url.includes("_pb.js")) return "protobuf decode and encode";
    if (url.includes("/@grpc/")) return "gRPC";
    if (url.startsWith("node:")) return "Node.js internals";
    return "other JavaScript";
}

const short = (url: string) => url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "node_modules/").replace(/^\/.*\/dist\//, "dist/");
const keyOf = (f: CallFrame) => `${f.functionName || "(anonymous)"} ${short(f.url)}:${f.lineNumber + 1}`;

export interface ProfileSummary {
    /** Time the pack was busy (idle samples, waiting for the next request, are left out). */
    totalMs: number;
    areas: { area: string; ms: number }[];
    /** Functions by their own time. */
    self: { fn: string; ms: number }[];
    /** phi-guard functions by the time spent in them and what they call. */
    inclusive: { fn: string; ms: number }[];
    /**
     * phi-guard's own time by control and by part (Analyze or AnalyzeStack): each sample counts for
     * the control whose code is outermost on its stack; a reader that controls share (the stack
     * index, the access graph, principal rights) counts for the first control that asks for it.
     */
    byControl: { control: string; analyzeMs: number; stackMs: number }[];
}

/** The control a compiled file of the pack is: `policies/aws/iam/trust-policy.js` is aws-iam-trust-policy. */
function controlOfUrl(url: string, dist: string): string | undefined {
    const m = /^policies\/(aws|azure)\/([^/]+)\/([^/]+)\.js$/.exec(url.slice(dist.length));
    return m ? `${m[1] === "azure" ? "az" : m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** Time by area and by function; `packDir` tells the pack's own code from the rest. */
export function summarise(profile: CpuProfile, packDir: string, top = 12): ProfileSummary {
    const dist = `file://${path.resolve(packDir)}/dist/`;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<string, number>();
    const areas = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const byControl = new Map<string, { analyzeMs: number; stackMs: number }>();
    let total = 0;
    for (let i = 0; i < profile.samples.length; i++) {
        // A sample's time runs until the next sample.
        const us = profile.timeDeltas[i + 1] ?? 0;
        const node = byId.get(profile.samples[i])!;
        if (node.callFrame.functionName === "(idle)") continue;
        total += us;
        const k = keyOf(node.callFrame);
        self.set(k, (self.get(k) ?? 0) + us);
        const seen = new Set<string>();
        let loading = false;
        let control: string | undefined;
        let part: "analyzeMs" | "stackMs" | undefined;
        for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
            const frame = byId.get(id)!.callFrame;
            if (frame.functionName === "Module._load") loading = true;
            // Walking from the sample to the root, the last control file met is the outermost.
            control = controlOfUrl(frame.url, dist) ?? control;
            if (frame.url === `${dist}policies/adapter.js`) {
                if (frame.functionName === "policy.validateStack") part = "stackMs";
                else if (frame.functionName === "validateResource") part ??= "analyzeMs";
            }
            if (!frame.url.startsWith(dist)) continue;
            const fk = keyOf(frame);
            if (seen.has(fk)) continue;
            seen.add(fk);
            inclusive.set(fk, (inclusive.get(fk) ?? 0) + us);
        }
        if (part && !loading) {
            const key = control ?? "(outside any control: the adapter, the settings policy)";
            const row = byControl.get(key) ?? byControl.set(key, { analyzeMs: 0, stackMs: 0 }).get(key)!;
            row[part] += us / 1000;
        }
        // Loading the pack's modules is start-up, whatever code runs while it loads.
        const area = loading ? "loading modules (start-up)" : areaOf(node.callFrame, dist);
        areas.set(area, (areas.get(area) ?? 0) + us);
    }
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
    return {
        totalMs: total / 1000,
        areas: sorted(areas).map(([area, us]) => ({ area, ms: us / 1000 })),
        self: sorted(self).slice(0, top).map(([fn, us]) => ({ fn, ms: us / 1000 })),
        inclusive: sorted(inclusive).slice(0, top).map(([fn, us]) => ({ fn, ms: us / 1000 })),
        byControl: [...byControl].map(([control, t]) => ({ control, ...t })).sort((a, b) => b.analyzeMs + b.stackMs - (a.analyzeMs + a.stackMs)),
    };
}

/** The summary as Markdown lines: areas, then the top functions by own and by inclusive time. */
export function describeProfile(s: ProfileSummary): string[] {
    const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1)}%`;
    return [
        `Busy ${(s.totalMs / 1000).toFixed(1)} s (sampled). By area: ${s.areas.map((a) => `${a.area} ${pct(a.ms)}`).join(", ")}.`,
        "",
        "| own time | function |",
        "| --- | --- |",
        ...s.self.map((f) => `| ${pct(f.ms)} | \`${f.fn}\` |`),
        "",
        "| with callees | phi-guard function |",
        "| --- | --- |",
        ...s.inclusive.map((f) => `| ${pct(f.ms)} | \`${f.fn}\` |`),
        ...describeByControl(s),
    ];
}

/** phi-guard's own time by control: whether one control dominates, or the cost is spread over many. */
function describeByControl(s: ProfileSummary, shown = 10): string[] {
    if (s.byControl.length === 0) return [];
    const own = s.byControl.reduce((sum, c) => sum + c.analyzeMs + c.stackMs, 0);
    const rest = s.byControl.slice(shown);
    const restMs = rest.reduce((sum, c) => sum + c.analyzeMs + c.stackMs, 0);
    const ms = (x: number) => x.toFixed(0);
    return [
        "",
        `phi-guard's own time, ${ms(own)} ms, by control (a reader several controls share counts for the first that asks):`,
        "",
        "| control | Analyze ms | AnalyzeStack ms |",
        "| --- | --- | --- |",
        ...s.byControl.slice(0, shown).map((c) => `| ${c.control} | ${ms(c.analyzeMs)} | ${ms(c.stackMs)} |`),
        ...(rest.length > 0 ? [`| ${rest.length} more controls | ${ms(rest.reduce((sum, c) => sum + c.analyzeMs, 0))} | ${ms(rest.reduce((sum, c) => sum + c.stackMs, 0))} |`] : []),
        "",
        `The largest control takes ${((100 * (s.byControl[0].analyzeMs + s.byControl[0].stackMs)) / own).toFixed(0)}% of it; the ${rest.length} not listed take ${((100 * restMs) / own).toFixed(0)}%.`,
    ];
}

async function main(): Promise<void> {
    const [name = "identity-heavy", size = "10000", dir = path.join(__dirname, "..", "..")] = process.argv.slice(2);
    const { workloads } = await import("./workloads");
    const workload = (await workloads()).find((w) => w.name === name);
    if (!workload) throw new Error(`no workload ${name}`);
    const out = path.join(os.tmpdir(), `phi-guard-${name}-${size}-${process.pid}.cpuprofile`);
    const profile = await profiledRun(path.resolve(dir), workload.stack(Number(size)), workload.config, out);
    console.log(describeProfile(summarise(profile, dir, 25)).join("\n"));
    console.log(`\nProfile: ${out}`);
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
