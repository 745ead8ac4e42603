// Loaded into a pack process with `--require` (NODE_OPTIONS) by scripts/bench/ab.ts --gc: records every
// garbage collection the main thread pauses for (when it started, its kind, how long) and writes them to
// PHI_GUARD_GC_LOG when the pack is stopped (SIGTERM, as the engine stops it).
const fs = require("fs");
const { PerformanceObserver, performance } = require("perf_hooks");

const out = process.env.PHI_GUARD_GC_LOG;
if (out) {
    const pauses = [];
    new PerformanceObserver((list) => {
        for (const e of list.getEntries()) pauses.push([performance.timeOrigin + e.startTime, e.detail.kind, e.duration]);
    }).observe({ entryTypes: ["gc"] });
    process.once("SIGTERM", () => {
        fs.writeFileSync(out, JSON.stringify(pauses));
        process.exit(0);
    });
}
