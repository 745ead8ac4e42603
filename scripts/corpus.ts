/**
 * `npm run corpus -- <checkout of pulumi/examples> [--only a,b] [--cache <dir>] [--timeout <s>] [--markdown <file>] [--results <file.json>] [--install-only]`
 *
 * Evidence that `phi-guard scan` runs real programs: every TypeScript and JavaScript project in
 * the checkout that uses @pulumi/aws or @pulumi/azure-native gets its dependencies installed
 * (`npm install --ignore-scripts`; projects with the same dependencies share one install, linked
 * as their node_modules, and identical files across installs are hard-linked so disk use stays
 * small), is scanned with the built CLI, and gets one row: example, program shape, resources,
 * resources examined, opaque components, findings, seconds, the config keys it had to set, error. The
 * examples stay outside this repository; nothing is written into them but the node_modules link and,
 * for a program that requires config keys it does not set, a Pulumi.phi-guard-corpus.yaml setting them.
 */
import { execFileSync, spawn } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "phi-guard.js");
const PROVIDERS = ["@pulumi/aws", "@pulumi/azure-native"];

interface Options {
    examples: string;
    only?: Set<string>;
    cache: string;
    timeout: number;
    markdown?: string;
    /** Rows of earlier runs, updated with this run's (to scan again only what failed, with --only). */
    results?: string;
    installOnly: boolean;
}

function parseArgs(argv: string[]): Options {
    const args = [...argv];
    const take = (flag: string) => {
        const i = args.indexOf(flag);
        if (i < 0) return undefined;
        const v = args[i + 1];
        args.splice(i, 2);
        return v;
    };
    const only = take("--only");
    const cache = take("--cache");
    const timeout = take("--timeout");
    const markdown = take("--markdown");
    const results = take("--results");
    const installOnly = args.includes("--install-only");
    if (installOnly) args.splice(args.indexOf("--install-only"), 1);
    if (args.length !== 1) {
        console.error("usage: npm run corpus -- <checkout of pulumi/examples> [--only a,b] [--cache <dir>] [--timeout <seconds>] [--markdown <file>] [--results <file.json>]");
        process.exit(2);
    }
    const examples = path.resolve(args[0]);
    return {
        examples,
        only: only ? new Set(only.split(",")) : undefined,
        cache: path.resolve(cache ?? path.join(path.dirname(examples), "phi-guard-corpus-cache")),
        timeout: Number(timeout ?? 600),
        markdown,
        results: results && path.resolve(results),
        installOnly,
    };
}

interface Project {
    name: string;
    dir: string;
    deps: Record<string, string>;
    shape: string;
}

function findProjects(root: string): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (e.name === "node_modules" || e.name.startsWith(".")) continue;
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p);
            else if (e.name === "Pulumi.yaml") out.push(dir);
        }
    };
    walk(root);
    return out.sort();
}

function readJson(file: string): any {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
        return undefined;
    }
}

/** ESM or CommonJS, TypeScript (and under which tsconfig module) or JavaScript. */
function shapeOf(dir: string, pkg: any, pulumiYaml: any): string {
    const options = typeof pulumiYaml.runtime === "object" ? pulumiYaml.runtime?.options ?? {} : {};
    const esm = pkg.type === "module";
    const hasTs = fs.readdirSync(dir).some((f) => /\.(m|c)?ts$/.test(f) && !f.endsWith(".d.ts"));
    if (options.typescript === false || !hasTs) return esm ? "JS ESM" : "JS CommonJS";
    const tsconfigText = fs.existsSync(path.join(dir, options.tsconfig ?? "tsconfig.json")) ? fs.readFileSync(path.join(dir, options.tsconfig ?? "tsconfig.json"), "utf8") : "";
    const module = /"module"\s*:\s*"([^"]+)"/i.exec(tsconfigText)?.[1]?.toLowerCase() ?? "default";
    return `TS ${esm ? "ESM" : "CommonJS"} (module ${module})`;
}

function readProject(examples: string, dir: string): Project | undefined {
    const yaml = YAML.parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) ?? {};
    const runtime = typeof yaml.runtime === "string" ? yaml.runtime : yaml.runtime?.name;
    if (runtime !== "nodejs") return undefined;
    const pkg = readJson(path.join(dir, "package.json"));
    if (!pkg) return undefined;
    const deps: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };
    if (!PROVIDERS.some((p) => p in deps)) return undefined;
    return { name: path.relative(examples, dir), dir, deps, shape: shapeOf(dir, pkg, yaml) };
}

const depsKey = (deps: Record<string, string>) =>
    createHash("sha256")
        .update(JSON.stringify(Object.keys(deps).sort().map((k) => [k, deps[k]])))
        .digest("hex")
        .slice(0, 16);

/**
 * Content index of the files installed so far (kept in the cache as dedupe-index.json), to
 * hard-link identical files across installs.
 */
class Dedupe {
    private readonly seen: Map<string, string>;
    saved = 0;

    constructor(private readonly indexFile: string) {
        const saved = readJson(indexFile);
        this.seen = new Map(saved ? Object.entries<string>(saved) : []);
    }

    add(dir: string): void {
        const walk = (d: string) => {
            for (const e of fs.readdirSync(d, { withFileTypes: true })) {
                const p = path.join(d, e.name);
                if (e.isDirectory()) walk(p);
                else if (e.isFile()) this.file(p);
            }
        };
        walk(dir);
        fs.writeFileSync(this.indexFile, JSON.stringify(Object.fromEntries(this.seen)));
    }

    private file(p: string): void {
        const stat = fs.statSync(p);
        if (stat.size === 0) return;
        const key = `${stat.size}:${createHash("sha1").update(fs.readFileSync(p)).digest("hex")}`;
        const first = this.seen.get(key);
        if (!first || !fs.existsSync(first)) {
            this.seen.set(key, p);
            return;
        }
        if (fs.statSync(first).ino === stat.ino) return;
        const tmp = `${p}.phi-guard-link`;
        fs.linkSync(first, tmp);
        fs.renameSync(tmp, p);
        this.saved += stat.size;
    }
}

function install(project: Project, cache: string, dedupe: Dedupe): string {
    const dir = path.join(cache, depsKey(project.deps));
    const modules = path.join(dir, "node_modules");
    if (!fs.existsSync(path.join(modules, ".package-lock.json"))) {
        fs.mkdirSync(dir, { recursive: true });
        const pkg = readJson(path.join(project.dir, "package.json"));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "corpus-install", private: true, dependencies: pkg.dependencies ?? {}, devDependencies: pkg.devDependencies ?? {} }, null, 2));
        process.stderr.write(`corpus: installing for ${project.name} (${Object.keys(project.deps).length} dependencies)\n`);
        try {
            execFileSync("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
        } catch (e: any) {
            const lines = String(e?.stderr ?? "").split("\n");
            const reason = lines.find((l) => /No matching version|could not be found|ERESOLVE/.test(l)) ?? lines.find((l) => l.startsWith("npm error")) ?? String(e?.message);
            throw new Error(reason.replace(/^npm error (notarget |404 +)?/, "").replace(/^The requested resource (\S+) could not be found.*/, "$1 not found").trim());
        }
        dedupe.add(modules);
    }
    const link = path.join(project.dir, "node_modules");
    if (!fs.existsSync(link)) fs.symlinkSync(modules, link, "dir");
    return modules;
}

interface Row {
    example: string;
    shape: string;
    resources?: number;
    examined?: number;
    opaque?: number;
    findings?: number;
    seconds: number;
    error?: string;
    /** The example's dependencies could not be installed here: it was not scanned. */
    notInstalled?: string;
    /** What the corpus gave before scanning again: config keys the program requires, skipping type checks. */
    given?: string[];
    /** The error of the first scan, when the corpus had to give something. */
    firstError?: string;
}

interface Attempt {
    row: Row;
    /** A config key the program requires, with a value of the type it asked for. */
    needs?: [string, string];
}

function scanOnce(project: Project, timeout: number, stack: string | undefined, transpileOnly: boolean): Promise<Attempt> {
    const started = Date.now();
    const args = [CLI, "scan", project.dir, "--format", "json", "--exit-zero", "--timeout", String(timeout), ...(stack ? ["--stack", stack] : [])];
    const env = { ...process.env, ...(transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}) };
    return new Promise((resolve) => {
        const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => {
            const seconds = Math.round((Date.now() - started) / 100) / 10;
            if (code !== 0) {
                // The row names the example: its path is left out of the message.
                const error = (err.trim().split("\n")[0] || `exit ${code}`).replaceAll(`${project.dir}: `, "").replaceAll(project.dir, ".");
                const missing = /the program needs config key (\S+):/.exec(error);
                const mistyped = /Configuration '([^']+)' value '[^']*' is not a valid (\w+)/.exec(error);
                const needs: [string, string] | undefined = missing ? [missing[1], standIn(missing[1])] : mistyped ? [mistyped[1], TYPED_VALUES[mistyped[2]] ?? "1"] : undefined;
                resolve({ row: { example: project.name, shape: project.shape, seconds, error }, needs });
                return;
            }
            const report = JSON.parse(out);
            resolve({
                row: {
                    example: project.name,
                    shape: project.shape,
                    resources: report.resources,
                    examined: report.examined,
                    opaque: report.notExamined.filter((n: { kind: string }) => n.kind === "opaque-component").length,
                    findings: report.violations.length,
                    seconds,
                },
            });
        });
    });
}

/** A stand-in for a required string: distinct per key, since programs name resources (stack references) after them. */
const standIn = (key: string) => `corpus-${key.split(":").pop()}`;

/**
 * A stand-in the program opened as a file or read as a directory (a key path or a folder of
 * website contents): an empty one, outside the example, in the corpus cache.
 */
function standInPath(error: string | undefined, config: Record<string, string>, cache: string, dir: string): [string, string] | undefined {
    const m = /ENOENT: no such file or directory, (open|scandir|stat|lstat) '([^']+)'/.exec(error ?? "");
    const key = m && Object.keys(config).find((k) => config[k] === path.basename(m[2]));
    if (!m || !key) return undefined;
    const file = path.join(cache, "stand-ins", config[key]);
    fs.mkdirSync(m[1] === "scandir" ? file : path.dirname(file), { recursive: true });
    if (m[1] !== "scandir") fs.writeFileSync(file, "phi-guard corpus stand-in\n");
    // Relative to the program, as a user writes it: some programs prefix it with "./".
    return [key, path.relative(dir, file)];
}

/** A stand-in the program wanted to be a domain name ("No TLD found on ..."): the same under example.com. */
function standInDomain(error: string | undefined, config: Record<string, string>): [string, string] | undefined {
    const m = /No TLD found on (\S+)/.exec(error ?? "");
    const key = m && Object.keys(config).find((k) => config[k] === m[1]);
    return key ? [key, `${config[key].toLowerCase()}.example.com`] : undefined;
}

/** A value of the type a program's config.requireNumber / requireBoolean / requireObject asked for. */
const TYPED_VALUES: Record<string, string> = { number: "1", boolean: "true", JSON: "{}" };

const CORPUS_STACK = "phi-guard-corpus";

/**
 * Scans an example as `pulumi preview` would run it. When it stops on its own error, does what a
 * user would do to get a preview, and scans again: sets a config key it requires (in a stack of
 * its own), or, when its types no longer match the dependency versions it pins, skips type
 * checking with Pulumi's own PULUMI_NODEJS_TRANSPILE_ONLY. The row says what was given and keeps
 * the first error.
 */
async function scan(project: Project, timeout: number, cache: string): Promise<Row> {
    const config: Record<string, string> = {};
    let transpileOnly = false;
    const first = await scanOnce(project, timeout, undefined, false);
    let attempt = first;
    for (let tries = 0; tries < 12; tries++) {
        const needs = attempt.needs ?? standInPath(attempt.row.error, config, cache, project.dir) ?? standInDomain(attempt.row.error, config);
        if (needs && config[needs[0]] !== needs[1]) {
            config[needs[0]] = needs[1];
            fs.writeFileSync(path.join(project.dir, `Pulumi.${CORPUS_STACK}.yaml`), YAML.stringify({ config }));
        } else if (!transpileOnly && attempt.row.error?.includes("the program does not compile")) {
            transpileOnly = true;
        } else break;
        attempt = await scanOnce(project, timeout, Object.keys(config).length ? CORPUS_STACK : undefined, transpileOnly);
    }
    const given = [...Object.keys(config), ...(transpileOnly ? ["PULUMI_NODEJS_TRANSPILE_ONLY"] : [])];
    return { ...attempt.row, given: given.length ? given : undefined, firstError: attempt === first ? undefined : first.row.error };
}

const cell = (v: unknown) => (v === undefined ? "" : String(v).replace(/\|/g, "\\|"));

function table(rows: Row[]): string {
    const lines = [
        "| Example | Program shape | Resources | Examined | Opaque components | Findings | Seconds | Given, after the first scan | Error |",
        "|---|---|--:|--:|--:|--:|--:|---|---|",
        ...rows.map((r) =>
            `| ${[r.example, r.shape, r.resources, r.examined, r.opaque, r.findings, r.notInstalled ? "" : r.seconds, r.given?.join(", "), r.error ?? (r.notInstalled && `not installed: ${r.notInstalled}`)].map(cell).join(" | ")} |`,
        ),
    ];
    const firstErrors = rows.filter((r) => r.firstError);
    const scanned = rows.filter((r) => !r.notInstalled);
    const ok = scanned.filter((r) => !r.error).length;
    const pct = scanned.length ? Math.round((1000 * ok) / scanned.length) / 10 : 0;
    const skipped = rows.length - scanned.length;
    const firstOk = scanned.filter((r) => !r.error && !r.firstError).length;
    return [
        lines.join("\n"),
        "",
        `${ok} of ${scanned.length} installed examples scanned without an error (${pct}%); ${firstOk} without anything given${skipped ? `; ${skipped} of ${rows.length} could not be installed here` : ""}.`,
        "",
        "First errors, where something was given:",
        "",
        ...firstErrors.map((r) => `- ${r.example}: ${cell(r.firstError)}`),
        "",
    ].join("\n");
}

/** This run's rows in place of the same examples' rows in the results file, which is then written back. */
function mergeResults(file: string, rows: Row[]): Row[] {
    const earlier: Row[] = readJson(file) ?? [];
    const fresh = new Set(rows.map((r) => r.example));
    const all = [...earlier.filter((r) => !fresh.has(r.example)), ...rows].sort((a, b) => (a.example < b.example ? -1 : 1));
    fs.writeFileSync(file, JSON.stringify(all, null, 1));
    return all;
}

async function main(): Promise<void> {
    const opts = parseArgs(process.argv.slice(2));
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
    const projects = findProjects(opts.examples)
        .map((d) => readProject(opts.examples, d))
        .filter((p): p is Project => !!p && (!opts.only || opts.only.has(p.name)));
    process.stderr.write(`corpus: ${projects.length} projects use ${PROVIDERS.join(" or ")}; installs in ${opts.cache}\n`);
    fs.mkdirSync(opts.cache, { recursive: true });
    const dedupe = new Dedupe(path.join(opts.cache, "dedupe-index.json"));
    const installFailed = new Map<string, string>();
    for (const p of projects) {
        try {
            install(p, opts.cache, dedupe);
        } catch (e) {
            installFailed.set(p.name, e instanceof Error ? e.message : String(e));
        }
    }
    process.stderr.write(`corpus: installs ready (${Math.round(dedupe.saved / 1e6)} MB saved by hard links)\n`);
    if (opts.installOnly) return;
    const rows: Row[] = [];
    for (const p of projects) {
        const failed = installFailed.get(p.name);
        const row: Row = failed ? { example: p.name, shape: p.shape, seconds: 0, notInstalled: failed } : await scan(p, opts.timeout, opts.cache);
        rows.push(row);
        process.stderr.write(`corpus: ${row.example}: ${row.notInstalled ?? row.error ?? `${row.resources} resources, ${row.findings} findings`} (${row.seconds} s)\n`);
    }
    const all = opts.results ? mergeResults(opts.results, rows) : rows;
    const text = table(all);
    process.stdout.write(text);
    if (opts.markdown) fs.writeFileSync(opts.markdown, text);
}

main().catch((e) => {
    console.error(`corpus: ${e instanceof Error ? e.message : e}`);
    process.exit(2);
});
