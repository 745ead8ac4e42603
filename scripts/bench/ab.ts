/**
 * Two builds of the pack side by side, alternating, on one workload: CPU time of Analyze and
 * AnalyzeStack (the pack process's own, from /proc) and peak RSS for each run, and the medians. For judging
 * one optimisation on a shared machine, where only runs interleaved in one session compare.
 *
 *   ts-node scripts/bench/ab.ts [--threads] <workload> <size> <runs> <pack dir A> <pack dir B>
 *
 * With --threads each run also sends AnalyzeStack a second time, and each phase's CPU time is split
 * between the main thread (the JavaScript) and the other threads (V8's optimizing compiler and
 * garbage collector helpers). The engine sends one AnalyzeStack per preview, so what the first pays
 * beyond the second (compiling the stack policies' code) is paid on every preview, once per process.
 */
import * as path from "path";
import { analyzeEach, PackProcess } from "../../engine/driver";
import { workloads } from "./workloads";

type Cpu = { main: number; other: number };
type Run = { analyze: Cpu; stack: Cpu; again?: Cpu; rssMb: number };

const total = (c: Cpu) => c.main + c.other;

async function once(dir: string, w: Awaited<ReturnType<typeof workloads>>[number], resources: ReturnType<typeof w.stack>, twice: boolean): Promise<Run> {
    const p = await PackProcess.start(path.resolve(dir), { maxResponseBytes: Infinity });
    try {
        await p.configureStack({ project: "bench", stack: "bench", dryRun: true });
        await p.configure(await p.info(), { all: "advisory", ...w.config });
        const since = (start: Cpu): Cpu => {
            const now = p.cpuByThread()!;
            return { main: now.main - start.main, other: now.other - start.other };
        };
        let start = p.cpuByThread()!;
        await analyzeEach(p, resources);
        const analyze = since(start);
        start = p.cpuByThread()!;
        await p.analyzeStack(resources);
        const stack = since(start);
        const rssMb = Math.round((p.peakRss() ?? 0) / 2 ** 20);
        if (!twice) return { analyze, stack, rssMb };
        start = p.cpuByThread()!;
        await p.analyzeStack(resources);
        return { analyze, stack, again: since(start), rssMb };
    } finally {
        await p.stop();
    }
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const twice = args[0] === "--threads";
    const [name, size, runs, ...dirs] = twice ? args.slice(1) : args;
    const w = (await workloads()).find((x) => x.name === name)!;
    const resources = w.stack(Number(size));
    const got = dirs.map(() => [] as Run[]);
    const split = (c: Cpu) => (twice ? ` (${c.main} + ${c.other})` : "");
    for (let i = 0; i < Number(runs); i++) {
        for (let d = 0; d < dirs.length; d++) {
            const r = await once(dirs[d], w, resources, twice);
            got[d].push(r);
            const again = r.again ? `, AnalyzeStack again ${total(r.again)} ms${split(r.again)}` : "";
            console.log(`${dirs[d]}: Analyze ${total(r.analyze)} ms${split(r.analyze)}, AnalyzeStack ${total(r.stack)} ms${split(r.stack)}${again}, peak RSS ${r.rssMb} MB`);
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
