import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chooseSdk, launchPlan, LaunchError, ProgramSpec, pwdAndEntry, splitArgs } from "../../../engine/program/launch";

const spec = (over: Partial<ProgramSpec> = {}): ProgramSpec => ({ root: "/p", project: "p", options: {}, stack: "dev", config: { "p:k": "v" }, secretKeys: [], ...over });

describe("launch: the language host's command line and environment", () => {
    it("runs a project from its root with entry point '.', or from Pulumi.yaml main (a directory or a file)", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-launch-"));
        try {
            fs.mkdirSync(path.join(root, "src"));
            fs.writeFileSync(path.join(root, "src", "main.ts"), "");
            assert.deepEqual(pwdAndEntry(spec({ root })), { pwd: root, entry: "." });
            assert.deepEqual(pwdAndEntry(spec({ root, main: "src" })), { pwd: path.join(root, "src"), entry: "." });
            assert.deepEqual(pwdAndEntry(spec({ root, main: "src/main.ts" })), { pwd: path.join(root, "src"), entry: "main.ts" });
            assert.throws(() => pwdAndEntry(spec({ root, main: "nope.ts" })), (e: Error) => e instanceof LaunchError && /project 'main' could not be read/.test(e.message));
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    it("splits nodeargs as a shell would", () => {
        assert.deepEqual(splitArgs(`--max-old-space-size=4096 --title "my program" a\\ b 'c d'`), ["--max-old-space-size=4096", "--title", "my program", "a b", "c d"]);
        assert.throws(() => splitArgs(`--title "open`), LaunchError);
    });

    it("passes config, TypeScript options and the language host's arguments, and drops a shell's leftover PULUMI_NODEJS_* settings", () => {
        process.env.PULUMI_NODEJS_DRY_RUN = "false";
        try {
            const sdk = chooseSdk(process.cwd());
            const plan = launchPlan(spec({ options: { tsconfig: "tsconfig.pulumi.json", nodeargs: "--no-warnings" }, secretKeys: ["p:k"] }), sdk, "127.0.0.1:1234", "/p", ".");
            assert.equal(plan.env.PULUMI_CONFIG, '{"p:k":"v"}');
            assert.equal(plan.env.PULUMI_CONFIG_SECRET_KEYS, '["p:k"]');
            assert.equal(plan.env.PULUMI_NODEJS_TYPESCRIPT, "true");
            assert.equal(plan.env.PULUMI_NODEJS_TSCONFIG_PATH, "tsconfig.pulumi.json");
            assert.equal(plan.env.PULUMI_NODEJS_DRY_RUN, undefined);
            assert.deepEqual(plan.args.slice(0, 2), ["--no-warnings", sdk.runPath]);
            assert.deepEqual(plan.args.slice(2), ["--monitor", "127.0.0.1:1234", "--engine", "127.0.0.1:1234", "--organization", "organization", "--project", "p", "--root-directory", "/p", "--stack", "dev", "--pwd", "/p", "--dry-run", "--parallel", "16", "."]);
            assert.equal(launchPlan(spec({ options: { typescript: false } }), sdk, "a", "/p", ".").env.PULUMI_NODEJS_TYPESCRIPT, undefined);
        } finally {
            delete process.env.PULUMI_NODEJS_DRY_RUN;
        }
    });

    it("takes the project's own @pulumi/pulumi, and phi-guard's only for a project that has none", () => {
        assert.equal(chooseSdk(path.resolve(__dirname, "../../../stacks/aws-violations")).own, true);
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-launch-"));
        try {
            const sdk = chooseSdk(empty);
            assert.equal(sdk.own, false);
            assert.ok(sdk.fallbackModules && fs.existsSync(path.join(sdk.fallbackModules, "@pulumi", "aws")));
        } finally {
            fs.rmSync(empty, { recursive: true, force: true });
        }
    });
});

describe("preload: what the program's process loads first", () => {
    it("fails Node 20's colored inspect of an error at once where it would loop on a source-mapped SDK frame, and leaves other inspects alone", () => {
        const { execFileSync } = require("child_process") as typeof import("child_process");
        const preload = path.resolve(__dirname, "../../../dist/engine/program/preload.js");
        const script = `
            const util = require("util");
            const e = new Error("x");
            e.stack = "Error: x\\n    at Config.requireImpl (/p/node_modules/@pulumi/config.ts:301:19)";
            let colored;
            try { util.inspect(e, { colors: true }); colored = "no error"; } catch (x) { colored = x.constructor.name + ": " + x.message; }
            const plain = util.inspect(e).split("\\n")[0];
            const other = util.inspect(new Error("y"), { colors: true }).split("\\n")[0];
            process.stdout.write(JSON.stringify([colored, plain, other, typeof util.inspect.custom]));
        `;
        const out = JSON.parse(execFileSync(process.execPath, ["--require", preload, "-e", script], { encoding: "utf8", timeout: 20_000 }));
        assert.deepEqual(out, ["RangeError: Invalid string length", "Error: x", "Error: y", "symbol"]);
    });
});
