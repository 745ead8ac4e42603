/**
 * Loaded into the program's process (NODE_OPTIONS --require) by the scan that started it.
 */
import util = require("util");

/**
 * When the scan that started the program is gone, even killed outright with no chance to clean
 * up, the program's process group is ended: a scan never leaves a program running. The timer does
 * not keep the event loop alive, so the program still ends when its own work is done, as under
 * the language host.
 */
const scan = Number(process.env.PHI_GUARD_SCAN_PID);
if (scan && process.ppid === scan) {
    setInterval(() => {
        if (process.ppid === scan) return;
        try {
            process.kill(-process.pid, "SIGKILL");
        } catch {
            process.exit(1);
        }
    }, 500).unref();
}

/**
 * Node 20.20's util.inspect, with colors, loops until "Invalid string length" on a stack frame in
 * node_modules with no separator after the package name (markNodeModules), which is how
 * source-mapped frames of @pulumi/pulumi read (`node_modules/@pulumi/config.ts:301:19`). `cmd/run`
 * inspects every error it reports that way, catches the RangeError and inspects again without
 * colors; under the language host that first attempt takes about a minute and a gigabyte. Here it
 * throws the same RangeError at once, so the result is the same, without the minute.
 */
const UNENDING_FRAME = /[/\\]node_modules[/\\](?:@[^/\\\n]*[/\\])?[^/\\\n]*$/m;
const inspect = util.inspect;
const guarded = function (this: unknown, value: unknown, ...rest: unknown[]): string {
    const options = rest[0] as { colors?: boolean } | undefined;
    if (options && typeof options === "object" && options.colors && value instanceof Error && typeof value.stack === "string" && UNENDING_FRAME.test(value.stack)) {
        throw new RangeError("Invalid string length");
    }
    return (inspect as (...args: unknown[]) => string).call(this, value, ...rest);
};
for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(inspect))) {
    if (key !== "length" && key !== "name" && key !== "prototype") Object.defineProperty(guarded, key, descriptor);
}
(util as { inspect: unknown }).inspect = guarded;
