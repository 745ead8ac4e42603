// Loaded into a pack process with `--require` (NODE_OPTIONS) by scripts/bench/profile.ts: samples the
// CPU from start-up and writes the profile when the process is stopped. The engine stops a pack with
// SIGTERM, which ends the process before `--cpu-prof` writes (and NODE_OPTIONS refuses that flag).
const fs = require("fs");
const inspector = require("inspector");

const out = process.env.PHI_GUARD_CPU_PROFILE;
if (out) {
    const session = new inspector.Session();
    session.connect();
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: Number(process.env.PHI_GUARD_CPU_PROFILE_INTERVAL_US ?? 500) });
    session.post("Profiler.start");
    process.once("SIGTERM", () => {
        session.post("Profiler.stop", (err, result) => {
            if (!err) fs.writeFileSync(out, JSON.stringify(result.profile));
            process.exit(0);
        });
    });
}
