/**
 * Loaded into the program's process (NODE_OPTIONS --require) by the scan that started it. When that
 * scan is gone, even killed outright with no chance to clean up, the program's process group is
 * ended: a scan never leaves a program running. Its timer does not keep the event loop alive, so
 * the program still ends when its own work is done, as under the language host.
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

// A module, so its names stay its own.
export {};
