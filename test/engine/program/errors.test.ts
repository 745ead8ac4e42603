import { strict as assert } from "assert";
import { programFailure } from "../../../engine/program/errors";
import type { LogEntry } from "../../../engine/program/monitor";

const ctx = { root: "/p", pwd: "/p", stack: "dev", sdkOwn: true };
const exited = (output = "", code: number | null = 32) => ({ code, signal: null, timedOut: false, output });
const error = (message: string): LogEntry => ({ severity: "error", message, urn: "" });
const oneLine = (logs: LogEntry[], out = exited()) => programFailure(out, logs, ctx).message;

describe("program failures in one line", () => {
    it("names a missing config key and the stack file to set it in", () => {
        assert.equal(
            oneLine([error("Missing required configuration variable 'app:dbPassword'\n\tplease set a value using the command `pulumi config set app:dbPassword <value>`")]),
            "the program needs config key app:dbPassword: set it in /p/Pulumi.dev.yaml or choose a stack with --stack",
        );
    });

    it("gives every TypeScript diagnostic in full", () => {
        const text = "Running program '/p' failed with an unhandled exception:\nTSError: ⨯ Unable to compile TypeScript:\nindex.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'.\nindex.ts(9,1): error TS2554: Expected 1 arguments, but got 0.\n";
        assert.equal(oneLine([error(text)]), "the program does not compile: index.ts(3,7): error TS2322: Type 'number' is not assignable to type 'string'. index.ts(9,1): error TS2554: Expected 1 arguments, but got 0.");
    });

    it("gives the diagnostics of an ES module program, which cmd/run reports without ts-node's header", () => {
        const text = "Running program '/p/src/index.ts' failed with an unhandled exception:\nsrc/db.ts(59,5): error TS2564: Property 'role' has no initializer.\nsrc/db.ts(114,37): error TS2565: Property 'role' is used before being assigned.\n";
        assert.equal(oneLine([error(text)]), "the program does not compile: src/db.ts(59,5): error TS2564: Property 'role' has no initializer. src/db.ts(114,37): error TS2565: Property 'role' is used before being assigned.");
    });

    it("names a module that is not installed, CommonJS or ESM", () => {
        assert.equal(oneLine([error("Error: Cannot find module '@pulumi/random/index'\nRequire stack:\n- /p/index.ts")]), "the program needs @pulumi/random, which is not installed: run npm install in /p");
        assert.equal(oneLine([error("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'mime' imported from /p/index.ts")]), "the program needs mime, which is not installed: run npm install in /p");
    });

    it("gives the program's own error, without the colors and circular mark of cmd/run's inspect, and without its stack", () => {
        const text = "Running program '/p' failed with an unhandled exception:\n\x1b[36m<ref *1>\x1b[39m TypeError: Cannot read properties of undefined (reading 'slice')\n    at Vpc.<anonymous> (/p/node_modules/x.js:1:1)";
        assert.equal(oneLine([error(text)]), "the program failed: TypeError: Cannot read properties of undefined (reading 'slice')");
        assert.equal(oneLine([error("Running program '/p' failed with an unhandled exception:\nError: the bucket name is not set\n    at /p/index.ts:3:7")]), "the program failed: the bucket name is not set");
    });

    it("falls back to what the program printed, then to its exit code", () => {
        assert.equal(oneLine([], exited("Segmentation fault\n", 139)), "the program failed: Segmentation fault");
        assert.equal(oneLine([], exited("", 3)), "the program exited with code 3");
    });

    it("keeps everything for --verbose", () => {
        const failure = programFailure(exited("printed by the program"), [error("Error: boom\n    at /p/index.ts:1:1")], ctx);
        assert.match(failure.details, /Error: boom\n {4}at \/p\/index\.ts:1:1\nprinted by the program/);
    });
});
