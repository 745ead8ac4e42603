/**
 * Every finding of the pack on every bench workload, written as one JSON file, so that a change
 * made for speed can be shown to change no finding: run it before and after, and compare the files
 * (`cmp`). Findings are grouped by URN, each resource's in the order the pack reported them: the
 * sample workloads do not list their resources in the same order every time.
 *
 *   npm run bench:findings -- <out.json> [size]      (default size: 2000)
 */
import * as fs from "fs";
import * as path from "path";
import { analyzeEach, Diagnostic, NotApplicable, PackProcess } from "../../engine/driver";
import { groupBy } from "../../policies/lib/stack-index";
import { SETTINGS_POLICY } from "../../policies/settings";
import { workloads } from "./workloads";

function byUrn(r: { diagnostics: Diagnostic[]; notApplicable: NotApplicable[] }) {
    const group = <T extends { urn: string }>(items: T[]) => Object.fromEntries([...groupBy(items, (i) => i.urn)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { diagnostics: group(r.diagnostics), notApplicable: group(r.notApplicable) };
}

async function main(): Promise<void> {
    const [out, size = "2000"] = process.argv.slice(2);
    if (!out) throw new Error("usage: bench:findings <out.json> [size]");
    const all: Record<string, unknown> = {};
    for (const w of await workloads()) {
        const resources = w.stack(Number(size));
        const p = await PackProcess.start(path.resolve(__dirname, "..", ".."), { maxResponseBytes: Infinity });
        try {
            await p.configureStack({ project: "bench", stack: "bench", dryRun: true });
            // Every finding listed: which ones fit a policy's share of a response depends on the order
            // they are found in, which differs between runs of the sample workloads.
            const settings = { ...((w.config as Record<string, object>)[SETTINGS_POLICY] ?? {}), listEveryFinding: true };
            await p.configure(await p.info(), { all: "advisory", ...w.config, [SETTINGS_POLICY]: settings });
            all[w.name] = { resources: resources.length, analyze: byUrn(await analyzeEach(p, resources)), analyzeStack: byUrn(await p.analyzeStack(resources)) };
        } finally {
            await p.stop();
        }
        console.error(`${w.name}: ${resources.length} resources`);
    }
    fs.writeFileSync(out, JSON.stringify(all, null, 1));
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
