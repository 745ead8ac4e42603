// Loaded into a pack process with `--require` (NODE_OPTIONS) by scripts/bench/ab.ts --jit: V8 writes
// what its optimizing compiler does (which function, how long each step took) to PHI_GUARD_JIT_LOG,
// through its code tracer, which keeps the pack's stdout (where the engine reads the port) clean
// (--trace-deopt is left out: part of what it writes goes to stdout all the same).
// The time is written into the same file every 50 ms, so that each compilation can be placed in a phase.
const fs = require("fs");
const v8 = require("v8");

const out = process.env.PHI_GUARD_JIT_LOG;
if (out) {
    fs.writeFileSync(out, "");
    // The code tracer reads where to write when it is first used, so these come before --trace-opt.
    v8.setFlagsFromString("--redirect-code-traces");
    v8.setFlagsFromString(`--redirect-code-traces-to=${out}`);
    v8.setFlagsFromString("--trace-opt");
    setInterval(() => fs.appendFileSync(out, `=== ${Date.now()}\n`), 50).unref();
}
