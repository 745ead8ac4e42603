/**
 * Two builds of the pack side by side, alternating, on one workload: CPU time of Analyze and
 * AnalyzeStack (the pack process's own, from /proc) and peak RSS for each run, and the medians. For judging
 * one optimisation on a shared machine, where only runs interleaved in one session compare.
 *
 *   ts-node scripts/bench/ab.ts <workload> <size> <runs> <pack dir A> <pack dir B>
 */
import * as path from "path";
import { analyzeEach, PackProcess } from "../../engine/driver";
import { workloads } from "./workloads";

async function once(dir: string, w: Awaited<ReturnType<typeof workloads>>[number], resources: ReturnType<typeof w.stack>) {
    const p = await PackProcess.start(path.resolve(dir), { maxResponseBytes: Infinity });
    try {
        await p.configureStack({ project: "bench", stack: "bench", dryRun: true });
        await p.configure(await p.info(), { all: "advisory", ...w.config });
        const c0 = p.cpuMillis()!;
        await analyzeEach(p, resources);
        const c1 = p.cpuMillis()!;
        await p.analyzeStack(resources);
        return { analyze: c1 - c0, stack: p.cpuMillis()! - c1, rssMb: Math.round((p.peakRss() ?? 0) / 2 ** 20) };
    } finally {
        await p.stop();
    }
}

async function main(): Promise<void> {
    const [name, size, runs, ...dirs] = process.argv.slice(2);
    const w = (await workloads()).find((x) => x.name === name)!;
    const resources = w.stack(Number(size));
    const got = dirs.map(() => [] as { analyze: number; stack: number; rssMb: number }[]);
    for (let i = 0; i < Number(runs); i++) {
        for (let d = 0; d < dirs.length; d++) {
            const r = await once(dirs[d], w, resources);
            got[d].push(r);
            console.log(`${dirs[d]}: Analyze ${r.analyze} ms, AnalyzeStack ${r.stack} ms, peak RSS ${r.rssMb} MB`);
        }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    dirs.forEach((d, i) => console.log(`median ${d}: Analyze ${median(got[i].map((r) => r.analyze))}, AnalyzeStack ${median(got[i].map((r) => r.stack))}, total ${median(got[i].map((r) => r.analyze + r.stack))}, peak RSS ${median(got[i].map((r) => r.rssMb))} MB`));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
