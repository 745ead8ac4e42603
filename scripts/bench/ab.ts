/**
 * Two builds of the pack side by side, alternating, on one workload: CPU time of Analyze and
 * AnalyzeStack (the pack process's own, from /proc) and peak RSS for each run, and the medians. For judging
 * one optimisation on a shared machine, where only runs interleaved in one session compare.
 *
 *   ts-node scripts/bench/ab.ts [--threads] [--gc] [--jit] <workload> <size> <runs> <pack dir A> <pack dir B>
 *
 * With --threads each run also sends AnalyzeStack a second time, and each phase's CPU time is split
 * between the main thread (the JavaScript) and the other threads (V8's optimizing compiler and
 * garbage collector helpers). The engine sends one AnalyzeStack per preview, so what the first pays
 * beyond the second (compiling the stack policies' code) is paid on every preview, once per process.
 * With --gc each run also counts the garbage collections each phase paused the main thread for, and
 * how long (gc-preload.js). With --jit it counts, per phase, the functions V8's optimizing compiler
 * compiled and the time V8 gives for those compilations (their sum: on a busy machine it also counts
 * waiting for a CPU) (jit-preload.js).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeEach, PackProcess } from "../../engine/driver";
import { startWithPreload } from "./profile";
import { workloads } from "./workloads";

type Cpu = { main: number; other: number };
type Run = { analyze: Cpu; stack: Cpu; again?: Cpu; rssMb: number; gc?: string; jit?: string };

const total = (c: Cpu) => c.main + c.other;

// perf_hooks' kinds of collection (constants.NODE_PERFORMANCE_GC_*).
const GC_KINDS: Record<number, string> = { 1: "scavenge", 4: "mark-compact", 8: "incremental marking", 16: "weak callbacks" };

/** The collections of each phase, from the pauses gc-preload.js wrote ([start ms since the epoch, kind, ms]) and the phases' bounds. */
function describeGc(log: string, phases: [string, number, number][]): string {
    const pauses = JSON.parse(fs.readFileSync(log, "utf8")) as [number, number, number][];
    fs.rmSync(log, { force: true });
    return phases
        .map(([name, from, to]) => {
            const counts = new Map<number, { n: number; ms: number }>();
            for (const [at, kind, ms] of pauses) {
                if (at < from || at >= to) continue;
                const c = counts.get(kind) ?? counts.set(kind, { n: 0, ms: 0 }).get(kind)!;
                c.n++;
                c.ms += ms;
            }
            return `${name}: ${[...counts].map(([kind, c]) => `${GC_KINDS[kind] ?? kind} ${c.n}x ${Math.round(c.ms)} ms`).join(", ") || "none"}`;
        })
        .join("; ");
}

/** What V8's optimizing compiler did in each phase, from the trace jit-preload.js had written, placed by the times written beside it. */
function describeJit(log: string, phases: [string, number, number][]): string {
    const counts = phases.map(() => ({ compiled: 0, ms: 0 }));
    let now = 0;
    for (const line of fs.readFileSync(log, "utf8").split("\n")) {
        if (line.startsWith("=== ")) {
            now = Number(line.slice(4));
            continue;
        }
        const phase = phases.findIndex(([, from, to]) => now >= from && now < to);
        if (phase < 0) continue;
        const took = /^\[completed compiling .* took ([\d.]+), ([\d.]+), ([\d.]+) ms\]/.exec(line);
        if (!took) continue;
        counts[phase].compiled++;
        counts[phase].ms += Number(took[1]) + Number(took[2]) + Number(took[3]);
    }
    fs.rmSync(log, { force: true });
    return phases.map(([name], i) => `${name}: ${counts[i].compiled} functions, ${Math.round(counts[i].ms)} ms`).join("; ");
}

type Diagnostics = { gcLog?: string; jitLog?: string };

function startPack(dir: string, d: Diagnostics): Promise<PackProcess> {
    const preloads = [...(d.gcLog ? ["gc-preload.js"] : []), ...(d.jitLog ? ["jit-preload.js"] : [])].map((f) => path.join(__dirname, f));
    const env = { ...(d.gcLog ? { PHI_GUARD_GC_LOG: d.gcLog } : {}), ...(d.jitLog ? { PHI_GUARD_JIT_LOG: d.jitLog } : {}) };
    return preloads.length > 0 ? startWithPreload(path.resolve(dir), preloads, env) : PackProcess.start(path.resolve(dir), { maxResponseBytes: Infinity });
}

async function once(dir: string, w: Awaited<ReturnType<typeof workloads>>[number], resources: ReturnType<typeof w.stack>, twice: boolean, flags: ReadonlySet<string>): Promise<Run> {
    const log = (what: string) => (flags.has(`--${what}`) ? path.join(os.tmpdir(), `phi-guard-${what}-${process.pid}.${what === "gc" ? "json" : "log"}`) : undefined);
    const diagnostics = { gcLog: log("gc"), jitLog: log("jit") };
    const p = await startPack(dir, diagnostics);
    const bounds: [string, number, number][] = [];
    let run: Run;
    try {
        await p.configureStack({ project: "bench", stack: "bench", dryRun: true });
        await p.configure(await p.info(), { all: "advisory", ...w.config });
        const since = (start: Cpu): Cpu => {
            const now = p.cpuByThread()!;
            return { main: now.main - start.main, other: now.other - start.other };
        };
        // Each phase's bounds in wall-clock time, to place what gc-preload.js and jit-preload.js saw.
        const timed = async (name: string, phase: () => Promise<unknown>): Promise<Cpu> => {
            const start = p.cpuByThread()!;
            const from = Date.now();
            await phase();
            bounds.push([name, from, Date.now()]);
            return since(start);
        };
        const analyze = await timed("Analyze", () => analyzeEach(p, resources));
        const stack = await timed("AnalyzeStack", () => p.analyzeStack(resources));
        const rssMb = Math.round((p.peakRss() ?? 0) / 2 ** 20);
        run = { analyze, stack, rssMb, ...(twice ? { again: await timed("AnalyzeStack again", () => p.analyzeStack(resources)) } : {}) };
    } finally {
        await p.stop();
    }
    if (diagnostics.gcLog) run.gc = describeGc(diagnostics.gcLog, bounds);
    if (diagnostics.jitLog) run.jit = describeJit(diagnostics.jitLog, bounds);
    return run;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const flags = new Set(args.filter((a) => a.startsWith("--")));
    const twice = flags.has("--threads");
    const [name, size, runs, ...dirs] = args.filter((a) => !a.startsWith("--"));
    const w = (await workloads()).find((x) => x.name === name)!;
    const resources = w.stack(Number(size));
    const got = dirs.map(() => [] as Run[]);
    const split = (c: Cpu) => (twice ? ` (${c.main} + ${c.other})` : "");
    for (let i = 0; i < Number(runs); i++) {
        for (let d = 0; d < dirs.length; d++) {
            const r = await once(dirs[d], w, resources, twice, flags);
            got[d].push(r);
            const again = r.again ? `, AnalyzeStack again ${total(r.again)} ms${split(r.again)}` : "";
            console.log(`${dirs[d]}: Analyze ${total(r.analyze)} ms${split(r.analyze)}, AnalyzeStack ${total(r.stack)} ms${split(r.stack)}${again}, peak RSS ${r.rssMb} MB${r.gc ? `\n  collections the main thread paused for: ${r.gc}` : ""}${r.jit ? `\n  optimizing compiler: ${r.jit}` : ""}`);
        }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const of = (runs: Run[], phase: (r: Run) => Cpu) => {
        const m = median(runs.map((r) => total(phase(r))));
        return twice ? `${m} (${median(runs.map((r) => phase(r).main))} + ${median(runs.map((r) => phase(r).other))})` : `${m}`;
    };
    if (twice) console.log("CPU ms, in parentheses the main thread + the other threads, each the median of its own");
    dirs.forEach((d, i) => {
        const again = twice ? `, AnalyzeStack again ${of(got[i], (r) => r.again!)}` : "";
        console.log(`median ${d}: Analyze ${of(got[i], (r) => r.analyze)}, AnalyzeStack ${of(got[i], (r) => r.stack)}${again}, total ${median(got[i].map((r) => total(r.analyze) + total(r.stack)))}, peak RSS ${median(got[i].map((r) => r.rssMb))} MB`);
    });
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
