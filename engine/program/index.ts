/**
 * Runs a Pulumi Node.js program as `pulumi preview` does and returns what it registered: the
 * language host's launch (launch.ts), the engine's ResourceMonitor and Engine services
 * (monitor.ts), preview values (values.ts) and invokes (../invokes.ts). The scan informs; the
 * engine enforces: a program can tell it is being scanned and behave differently under
 * `pulumi preview`, where the pack runs again with the real values.
 */
import * as path from "path";
import type { EngineResource } from "../resource";
import type { InvokeContext } from "../invokes";
import { programFailure, ProgramError } from "./errors";
import { chooseSdk, launchPlan, LaunchError, ProgramSpec, pwdAndEntry, runProcess } from "./launch";
import { InvokeUse, LogEntry, OpaqueComponent, ScanMonitor } from "./monitor";
import { SdkTypes } from "./sdk-types";
import { PreviewValues } from "./values";

export { ProgramError } from "./errors";
export type { ProgramSpec, RuntimeOptions } from "./launch";
export type { InvokeUse, OpaqueComponent } from "./monitor";

export interface RunOptions {
    /** Seconds after which the program and everything it started are ended. */
    timeoutSeconds: number;
    /** Stack config as the user set it, and answers given for invokes (`--invoke`). */
    invokes: InvokeContext;
    /** Receives the program's own output (stdout and stderr) as it comes. */
    onOutput?: (text: string) => void;
}

export interface ProgramRun {
    resources: EngineResource[];
    opaque: OpaqueComponent[];
    invokes: InvokeUse[];
    /** The `@pulumi/pulumi` that ran the program. */
    sdk: { version: string; own: boolean };
    warnings: LogEntry[];
}

export const DEFAULT_TIMEOUT_SECONDS = 300;

export async function runProgram(spec: ProgramSpec, opts: RunOptions): Promise<ProgramRun> {
    let pwd: string;
    let entry: string;
    try {
        ({ pwd, entry } = pwdAndEntry(spec));
    } catch (e) {
        throw e instanceof LaunchError ? new ProgramError(e.message) : e;
    }
    const sdk = chooseSdk(pwd);
    const types = new SdkTypes(sdk.fallbackModules ? [pwd, sdk.fallbackModules] : [pwd]);
    const monitor = new ScanMonitor(spec.stack, spec.project, new PreviewValues(types), opts.invokes);
    const address = await monitor.start();
    try {
        const exited = await runProcess(launchPlan(spec, sdk, address, pwd, entry), opts.timeoutSeconds * 1000, opts.onOutput);
        if (exited.timedOut) {
            throw new ProgramError(`the program did not finish within ${opts.timeoutSeconds} s and was stopped: give it longer with --timeout <seconds>`, exited.output);
        }
        if (exited.code !== 0) throw programFailure(exited, monitor.logs, { root: spec.root, pwd, stack: spec.stack, sdkOwn: sdk.own });
        return {
            resources: monitor.resources(),
            opaque: monitor.opaque(),
            invokes: monitor.invokes(),
            sdk: { version: sdk.version, own: sdk.own },
            warnings: monitor.logs.filter((l) => l.severity === "warning"),
        };
    } catch (e) {
        if (e instanceof LaunchError) throw new ProgramError(e.message);
        throw e;
    } finally {
        monitor.stop();
    }
}

/** Where the program's stack config lives, for messages. */
export const stackConfigFile = (spec: Pick<ProgramSpec, "root" | "stack">) => path.join(spec.root, `Pulumi.${spec.stack}.yaml`);
