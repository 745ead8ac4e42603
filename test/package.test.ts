import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { analyzeStack } from "../engine/driver";
import { actualFindings, capturedSample, expectedFindings, SAMPLE_STACKS, sampleConfig } from "./samples";

/**
 * The pack as Pulumi Cloud gets it. `pulumi policy publish` runs `npm pack --loglevel=error` in
 * this folder and reads the tarball's name from npm's whole stdout; enforcement extracts the
 * tarball and runs `npm install --loglevel=error` there, with `--production` when
 * PulumiPolicy.yaml asks for it (pulumi/pulumi: pkg/backend/httpstate/policypack.go,
 * sdk/nodejs/npm/npm.go, sdk/nodejs/cmd/pulumi-language-nodejs/main.go parseOptions). Each way of
 * installing must succeed and serve the sample stacks' exact findings through the engine's
 * launcher.
 */
const ROOT = path.resolve(__dirname, "..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const SHRINKWRAP = JSON.parse(fs.readFileSync(path.join(ROOT, "npm-shrinkwrap.json"), "utf8"));

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { ...options, shell: process.platform === "win32" });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, stdout, stderr }));
    });
}

/** Runs npm as Pulumi does: its own process, none of the npm_* variables an enclosing `npm test` exports. */
function npm(cwd: string, ...args: string[]): Promise<Run> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));
    return run("npm", args, { cwd, env });
}

async function tar(...args: string[]): Promise<string> {
    const r = await run("tar", args);
    if (r.code !== 0) throw new Error(`tar ${args.join(" ")} exited with ${r.code}: ${r.stderr}`);
    return r.stdout;
}

function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

/** What the pack needs at run time and nothing else: npm adds package.json and README.md, and packs every `bin`. */
function expectedContents(): string[] {
    const compiled = files(path.join(ROOT, "policies"))
        .filter((f) => f.endsWith(".ts"))
        .map((f) => `dist/${f.replace(/\.ts$/, ".js")}`);
    const patches = files(path.join(ROOT, "patches")).filter((f) => f.endsWith(".patch"));
    const bins = Object.values(PACKAGE.bin as Record<string, string>);
    const fixed = ["package.json", "README.md", "PulumiPolicy.yaml", "npm-shrinkwrap.json", "scripts/postinstall.js", PACKAGE.main];
    return [...fixed, ...bins, ...patches, ...compiled].map((f) => `package/${f.split(path.sep).join("/")}`).sort();
}

/** Whether each line patches/ adds to a dependency is in the installed copy of it. */
function patched(installDir: string): boolean {
    return files(path.join(ROOT, "patches"))
        .filter((f) => f.endsWith(".patch"))
        // A patch may change several files: each file's added lines must be in that file.
        .flatMap((patch) => fs.readFileSync(path.join(ROOT, patch), "utf8").split(/^(?=diff --git )/m).filter((part) => part.startsWith("diff --git ")))
        .every((part) => {
            const target = /^\+\+\+ b\/(.+)$/m.exec(part)![1];
            const installed = fs.readFileSync(path.join(installDir, target), "utf8");
            const added = part
                .split("\n")
                .filter((l) => l.startsWith("+") && !l.startsWith("+++"))
                .map((l) => l.slice(1).trim())
                .filter(Boolean);
            return added.every((l) => installed.includes(l));
        });
}

const INSTALLS = {
    "npm install": ["install", "--loglevel=error"],
    "npm install --production": ["install", "--loglevel=error", "--production"],
    // With npm's ignore-scripts set, as some organisations do: the postinstall does not run.
    "npm install --production --ignore-scripts": ["install", "--loglevel=error", "--production", "--ignore-scripts"],
} as const;
type InstallMode = keyof typeof INSTALLS;

interface Prepared {
    pack: Run;
    tarball?: string;
    installs: Map<InstallMode, { dir: string; run: Run }>;
}

/** Packs here as Pulumi does, then installs the tarball side by side in the three ways, as three machines would. */
async function packAndInstall(tmp: string): Promise<Prepared> {
    const installs = new Map<InstallMode, { dir: string; run: Run }>();
    const pack = await npm(ROOT, "pack", "--loglevel=error");
    const name = pack.stdout.trim();
    if (pack.code !== 0 || !name || !fs.existsSync(path.join(ROOT, name))) return { pack, installs };
    const tarball = path.join(tmp, name);
    fs.renameSync(path.join(ROOT, name), tarball);
    await Promise.all(
        (Object.keys(INSTALLS) as InstallMode[]).map(async (mode, i) => {
            const dir = path.join(tmp, `install-${i}`);
            fs.mkdirSync(dir);
            await tar("-xzf", tarball, "-C", dir);
            const packageDir = path.join(dir, "package");
            installs.set(mode, { dir: packageDir, run: await npm(packageDir, ...INSTALLS[mode]) });
        }),
    );
    return { pack, tarball, installs };
}

// The installs are minutes of disk work: they start when mocha loads this file, so that they
// overlap the tests that run before it, and their folder goes when the test process ends.
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-pack-"));
process.once("exit", () => fs.rmSync(TMP, { recursive: true, force: true }));
const prepared = packAndInstall(TMP);
prepared.catch(() => undefined);

describe("the published pack: npm pack, then installed as Pulumi Cloud installs it", function () {
    this.timeout(600_000);
    let tarball: string;
    let pack: Run;
    let installs: Prepared["installs"];

    before(async () => {
        ({ pack, tarball = "", installs } = await prepared);
    });

    it("npm pack --loglevel=error prints exactly the tarball's file name, which Pulumi reads", () => {
        assert.equal(pack.code, 0, pack.stderr);
        assert.equal(pack.stdout, `${PACKAGE.name}-${PACKAGE.version}.tgz\n`);
        assert.ok(tarball, "the tarball npm named is not there");
    });

    it("the tarball holds the compiled pack, PulumiPolicy.yaml, the runtime patch and the pinned dependencies, nothing else", async () => {
        const listed = (await tar("-tzf", tarball)).split("\n").filter(Boolean);
        assert.deepEqual(listed.sort(), expectedContents());
    });

    it("PulumiPolicy.yaml asks for a production install in the form the Node.js language host reads", () => {
        const policy = YAML.parse(fs.readFileSync(path.join(ROOT, "PulumiPolicy.yaml"), "utf8"));
        assert.deepEqual(policy.runtime, { name: "nodejs", options: { production: true } });
    });

    for (const mode of Object.keys(INSTALLS) as InstallMode[]) {
        it(`${mode} succeeds`, () => {
            const install = installs.get(mode);
            assert.ok(install, "not installed: npm pack failed");
            assert.equal(install.run.code, 0, install.run.stderr);
        });
    }

    it("the production install leaves every development-only dependency out, and has every other", () => {
        const prod = installs.get("npm install --production")!.dir;
        const full = installs.get("npm install")!.dir;
        const entries = Object.entries(SHRINKWRAP.packages as Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }>).filter(([p]) => p !== "");
        const devOnly = entries.filter(([, e]) => e.dev).map(([p]) => p);
        const runtime = entries.filter(([, e]) => !e.dev && !e.devOptional && !e.optional).map(([p]) => p);
        assert.ok(devOnly.includes("node_modules/@pulumi/aws") && devOnly.includes("node_modules/mocha"));
        assert.deepEqual(devOnly.filter((p) => fs.existsSync(path.join(prod, p))), []);
        assert.deepEqual(runtime.filter((p) => !fs.existsSync(path.join(prod, p))), []);
        assert.deepEqual(devOnly.filter((p) => !fs.existsSync(path.join(full, p))), [], "a full install has the development dependencies");
    });

    it("the postinstall applies the runtime patch; --ignore-scripts leaves the runtime unpatched", () => {
        assert.equal(patched(installs.get("npm install")!.dir), true);
        assert.equal(patched(installs.get("npm install --production")!.dir), true);
        assert.equal(patched(installs.get("npm install --production --ignore-scripts")!.dir), false);
    });

    for (const mode of Object.keys(INSTALLS) as InstallMode[]) {
        it(`installed with ${mode}, the pack gives every sample stack exactly its expected findings`, async () => {
            const install = installs.get(mode);
            assert.equal(install?.run.code, 0, "not installed");
            for (const name of SAMPLE_STACKS) {
                const resources = await capturedSample(name);
                const analysis = await analyzeStack(install!.dir, resources, { project: name, stack: "dev", dryRun: true, config: sampleConfig(name) });
                assert.deepEqual(actualFindings(analysis, resources), expectedFindings(name), `${name}, installed with ${mode}`);
            }
        });
    }
});

describe("scripts/postinstall.js", () => {
    it("never fails an install: a patch that does not apply is reported and the install goes on", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-postinstall-"));
        try {
            fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", version: "1.0.0" }));
            fs.mkdirSync(path.join(dir, "patches"));
            fs.writeFileSync(path.join(dir, "patches", "absent-package+1.0.0.patch"), "diff --git a/node_modules/absent-package/index.js b/node_modules/absent-package/index.js\n");
            // CI=true makes patch-package exit 1 on a failed patch, as it would in a CI job that installs the pack.
            const install = await run(process.execPath, [path.join(ROOT, "scripts/postinstall.js")], { cwd: dir, env: { ...process.env, CI: "true" } });
            assert.equal(install.code, 0);
            assert.match(install.stderr, /phi-guard: the @pulumi\/policy runtime patch was not applied \(patch-package exited with 1\); findings are the same/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
