// Loaded into a pack process with `--require` (NODE_OPTIONS) by scripts/bench/profile.ts: samples the
// CPU from start-up and writes the profile when the process is stopped. The engine stops a pack with
// SIGTERM, which ends the process before `--cpu-prof` writes (and NODE_OPTIONS refuses that flag).
// With PHI_GUARD_HEAP_PROFILE it also samples allocations (what the garbage collector then has to
// collect) and writes a .heapprofile beside it.
const fs = require("fs");
const inspector = require("inspector");

const out = process.env.PHI_GUARD_CPU_PROFILE;
const heapOut = process.env.PHI_GUARD_HEAP_PROFILE;
if (out) {
    const session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: Number(process.env.PHI_GUARD_CPU_PROFILE_INTERVAL_US ?? 500) });
    session.post("Profiler.start");
    // Allocations kept until the end are included, so that short-lived garbage counts too.
    if (heapOut) session.post("HeapProfiler.startSampling", { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    process.once("SIGTERM", () => {
        const stopCpu = () =>
            session.post("Profiler.stop", (err, result) => {
                if (!err) fs.writeFileSync(out, JSON.stringify(result.profile));
                process.exit(0);
            });
        if (!heapOut) return stopCpu();
        session.post("HeapProfiler.stopSampling", (err, result) => {
            if (!err) fs.writeFileSync(heapOut, JSON.stringify(result.profile));
            stopCpu();
        });
    });
}
