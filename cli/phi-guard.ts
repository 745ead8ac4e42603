#!/usr/bin/env node
import * as fs from "fs";
import * as path from "path";
import { Command, InvalidArgumentError, Option } from "commander";
import * as YAML from "yaml";
import { DEFAULT_TIMEOUT_SECONDS } from "../engine/program";
import { isIsoDate } from "../policies/lib/clock";
import { SETTINGS_POLICY } from "../policies/settings";
import { PolicyConfigError } from "../engine/pack-config";
import { initialConfig, initialConfigYaml, settingsEnabled, validateConfig, withRemediation } from "./config";
import { buildReport, hasMandatoryViolation, ScanReport } from "./report";
import { loadTarget, TargetError } from "./targets";
import { analyzeTarget } from "./targets/unreadable";
import { renderJson } from "./formats/json";
import { renderTable } from "./formats/table";
import { buildAccessReport } from "./access/report";
import { renderAccessJson, renderAccessTable } from "./access/formats";
import type { Access } from "../policies/lib/access";

/** The pack this command runs: the installation it belongs to, launched as the engine does. */
const PACK_DIR = path.resolve(__dirname, fs.existsSync(path.join(__dirname, "..", "package.json")) ? ".." : "../..");

/** A problem with how the command was called or with its input: exit 2 with one clear line. */
class UsageError extends Error {}

/** A config file that was read but is not a config (not JSON or YAML, not an object). */
class ConfigFileError extends UsageError {}

const VERSION: string = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")).version;

const TARGETS_HELP = `
Targets:
  <dir>              a Pulumi TypeScript or JavaScript project (run as the Node.js
                     language host runs it in a preview), or a Pulumi YAML project
  <dir>/Pulumi.yaml  the same, named by its project file
  <file>.json        a \`pulumi stack export\` or \`pulumi preview --json\` file`;

const EXIT_CODES_HELP = `
Exit codes:
  0  no mandatory violation (or --exit-zero); config validate: the file is valid
  1  a mandatory violation; config validate: the file has a problem
  2  a usage or input error: a bad option, a target or config file that is
     missing or unreadable, or a program that failed or ran past --timeout`;

const FORMATS = ["table", "json", "sarif", "markdown", "html"] as const;
type Format = (typeof FORMATS)[number];

const RENDERERS: Record<Format, (reports: ScanReport[]) => string> = {
    table: (rs) => rs.map(renderTable).join("\n"),
    json: (rs) => renderJson(single(rs, "json")),
    sarif: (rs) => require("./formats/sarif").renderSarif(single(rs, "sarif")),
    markdown: (rs) => rs.map((r) => require("./formats/markdown").renderMarkdown(r)).join("\n"),
    html: (rs) => require("./formats/html").renderHtml(single(rs, "html")),
};

function single(reports: ScanReport[], format: string): ScanReport {
    if (reports.length !== 1) throw new UsageError(`--format ${format} writes one report: scan one target at a time`);
    return reports[0];
}

function parseTag(value: string, previous: Record<string, string>): Record<string, string> {
    const i = value.indexOf("=");
    if (i <= 0) throw new InvalidArgumentError("expected key=value");
    return { ...previous, [value.slice(0, i)]: value.slice(i + 1) };
}

function parseTimeout(value: string): number {
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError("expected a number of seconds");
    return seconds;
}

/** `<token>=<json object>`: the answer a program's invoke gets instead of the scan's placeholder. */
function parseInvoke(value: string, previous: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
    const i = value.indexOf("=");
    let answer: unknown;
    try {
        answer = i > 0 ? JSON.parse(value.slice(i + 1)) : undefined;
    } catch {
        answer = undefined;
    }
    if (!answer || typeof answer !== "object" || Array.isArray(answer)) throw new InvalidArgumentError('expected <token>=<JSON object>, e.g. aws:index/getCallerIdentity:getCallerIdentity={"accountId":"123456789012"}');
    return { ...previous, [value.slice(0, i)]: { ...previous[value.slice(0, i)], ...(answer as Record<string, unknown>) } };
}

function readConfig(file: string | undefined): { text: string; config: Record<string, unknown> | undefined } {
    if (!file) return { text: "", config: undefined };
    if (!fs.existsSync(file)) throw new UsageError(`config file ${file} does not exist`);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e: any) {
        throw new UsageError(`cannot read config file ${file} (${e?.code ?? e?.message})`);
    }
    let config: unknown;
    try {
        config = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
    } catch {
        throw new ConfigFileError(`config file ${file} is not valid ${file.endsWith(".json") ? "JSON" : "YAML/JSON"}`);
    }
    if (!config || typeof config !== "object" || Array.isArray(config)) throw new ConfigFileError(`config file ${file} must hold an object of policy names`);
    return { text, config: config as Record<string, unknown> };
}

const cannotWrite = (file: string, why: string) => new UsageError(`cannot write --output ${file} (${why}): give a path in an existing, writable directory`);

/** Fails before a scan, not after it, when the report could not be written. */
function checkWritable(file: string): void {
    const existing = fs.existsSync(file);
    const dir = path.dirname(path.resolve(file));
    if (existing && fs.statSync(file).isDirectory()) throw cannotWrite(file, "EISDIR");
    if (!existing && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) throw cannotWrite(file, "ENOENT");
    try {
        fs.accessSync(existing ? file : dir, fs.constants.W_OK);
    } catch (e: any) {
        throw cannotWrite(file, e?.code ?? e?.message);
    }
}

function writeOutput(file: string, text: string): void {
    try {
        fs.writeFileSync(file, text);
    } catch (e: any) {
        throw cannotWrite(file, e?.code ?? e?.message);
    }
}

function parseDate(value: string): string {
    if (!isIsoDate(value)) throw new InvalidArgumentError("expected a date, YYYY-MM-DD");
    return value;
}

/**
 * The config file as scan sends it: checked as `config validate` checks it (a typo is an error,
 * not a silent default), with the date to judge expiries on and the request to list every finding
 * (scan reads responses of any size, unlike the Pulumi CLI) added to the pack-wide settings. The
 * settings policy always runs under scan so that it receives these; where the file disables it
 * (`all: disabled` does), the file's settings are left out, as the engine would ignore them, and
 * the controls judge with the defaults, as under the engine.
 */
function scanConfig(file: string | undefined, config: Record<string, unknown> = {}, asOf: string | undefined): Record<string, unknown> {
    const problems = validateConfig(config);
    if (problems.length > 0) throw new UsageError(`config file ${file} is invalid: ${problems.join("; ")} (see \`phi-guard config validate\`)`);
    const given = config[SETTINGS_POLICY];
    const settings = settingsEnabled(config) && given && typeof given === "object" ? given : {};
    return { ...config, [SETTINGS_POLICY]: { ...settings, enforcementLevel: "advisory", ...(asOf ? { asOf } : {}), listEveryFinding: true } };
}

interface ScanOptions {
    asOf?: string;
    config?: string;
    stack?: string;
    stackTag: Record<string, string>;
    format: Format;
    output?: string;
    exitZero?: boolean;
    timeout: number;
    invoke: Record<string, Record<string, unknown>>;
    verbose?: boolean;
    remediate?: boolean;
}

async function scan(targets: string[], opts: ScanOptions): Promise<number> {
    const { text, config: given } = readConfig(opts.config);
    const config = scanConfig(opts.config, opts.remediate ? withRemediation(given ?? {}) : given, opts.asOf);
    if (given?.environments !== undefined) {
        process.stderr.write(`phi-guard: warning: ${opts.config}: the policy config of its ESC environments is not applied by phi-guard scan (Pulumi merges it in)\n`);
    }
    if (opts.output) checkWritable(opts.output);
    const reports: ScanReport[] = [];
    const progress = process.stderr.isTTY && targets.length > 0;
    for (const target of targets) {
        if (progress) process.stderr.write(`phi-guard: scanning ${target}...\n`);
        const loaded = await loadTarget(target, {
            stack: opts.stack,
            timeoutSeconds: opts.timeout,
            invokes: opts.invoke,
            onProgramOutput: opts.verbose ? (text) => process.stderr.write(text) : undefined,
        });
        const analysis = await analyzeTarget(PACK_DIR, loaded, {
            project: loaded.project,
            stack: loaded.stack,
            dryRun: true,
            tags: opts.stackTag,
            config,
        }, { maxResponseBytes: Infinity });
        reports.push(buildReport(loaded, analysis, text));
    }
    const output = RENDERERS[opts.format](reports);
    if (opts.output) writeOutput(opts.output, output);
    else process.stdout.write(output);
    return !opts.exitZero && reports.some(hasMandatoryViolation) ? 1 : 0;
}

const ACCESS_FORMATS = ["table", "json", "html"] as const;

interface AccessCommandOptions {
    config?: string;
    stack?: string;
    stackTag: Record<string, string>;
    format: (typeof ACCESS_FORMATS)[number];
    store: string[];
    principal: string[];
    access?: Access[];
    output?: string;
    timeout: number;
    invoke: Record<string, Record<string, unknown>>;
    verbose?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `phi-guard access`: the access graph of one target, as a report; it judges nothing, so it exits 0. */
async function access(target: string, opts: AccessCommandOptions): Promise<number> {
    const { config } = readConfig(opts.config);
    if (config) {
        const problems = validateConfig(config);
        if (problems.length > 0) throw new UsageError(`config file ${opts.config} is invalid: ${problems.join("; ")} (see \`phi-guard config validate\`)`);
    }
    if (opts.output) checkWritable(opts.output);
    const loaded = await loadTarget(target, {
        stack: opts.stack,
        timeoutSeconds: opts.timeout,
        invokes: opts.invoke,
        onProgramOutput: opts.verbose ? (text) => process.stderr.write(text) : undefined,
    });
    const report = buildAccessReport(loaded, { config, stackTags: opts.stackTag, stores: opts.store, principals: opts.principal, access: opts.access });
    const output = opts.format === "json" ? renderAccessJson(report) : opts.format === "html" ? require("./access/html").renderAccessHtml(report) : renderAccessTable(report);
    if (opts.output) writeOutput(opts.output, output);
    else process.stdout.write(output);
    return 0;
}

/** The command line; `done` receives the scan's exit code. */
export function program(done: (code: number) => void = (code) => (process.exitCode = code)): Command {
    // Settings before .command(): subcommands copy them only when they are created, and a usage
    // error must reach main() (exit 2) rather than end the process with commander's exit 1.
    const cli = new Command("phi-guard")
        .description("HIPAA insider-threat guardrails for Pulumi stacks on AWS and Azure")
        .version(VERSION, "-V, --version", "print phi-guard's version")
        .option("--verbose", "print stack traces on errors")
        .addHelpText("after", `${TARGETS_HELP}\n${EXIT_CODES_HELP}`)
        .exitOverride()
        .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
    cli.command("scan")
        .description("check a Pulumi program (TypeScript, JavaScript or YAML), a `pulumi stack export` file or a `pulumi preview --json` file")
        .argument("<target...>", "project directory (or its Pulumi.yaml), stack export or preview JSON")
        .option("--config <file>", "policy config, the same file as `pulumi preview --policy-pack-config`")
        .option("--stack <name>", "stack whose Pulumi.<stack>.yaml config a program uses (default: dev)")
        .option("--stack-tag <key=value>", "a stack tag (repeatable), e.g. data-classification=phi", parseTag, {})
        .addOption(new Option("--format <format>", "report format").choices(FORMATS).default("table"))
        .option("-o, --output <file>", "write the report to a file instead of stdout")
        .option("--exit-zero", "exit 0 even when a mandatory violation is found")
        .option("--as-of <date>", "judge exemption expiry as of this date (YYYY-MM-DD), to re-run an audit; printed in every report", parseDate)
        .option("--timeout <seconds>", "end a program (and all it started) that runs longer", parseTimeout, DEFAULT_TIMEOUT_SECONDS)
        .option("--invoke <token=json>", "answer a program's invoke with this result (repeatable), e.g. its real account id", parseInvoke, {})
        .option("--remediate", "set every control that can fix what it finds to `remediate` unless the config gives it a level, and report what each remediation would change (docs/remediation.md)")
        .addHelpText("after", `${TARGETS_HELP}\n${EXIT_CODES_HELP}`)
        .action(async (targets: string[], opts: ScanOptions) => {
            done(await scan(targets, { ...opts, verbose: cli.opts().verbose }));
        });
    cli.command("access")
        .description("for every PHI store, every principal that can reach it, with the shortest path as a chain (docs/access-paths.md)")
        .argument("<target>", "project directory (or its Pulumi.yaml), stack export or preview JSON")
        .option("--config <file>", "policy config: its phi-guard-settings give the PHI scope and the organisation's boundary")
        .option("--stack <name>", "stack whose Pulumi.<stack>.yaml config a program uses (default: dev)")
        .option("--stack-tag <key=value>", "a stack tag (repeatable), e.g. data-classification=phi", parseTag, {})
        .addOption(new Option("--format <format>", "report format").choices(ACCESS_FORMATS).default("table"))
        .option("--store <name>", "only this store (Pulumi resource name or URN; repeatable)", collect, [])
        .option("--principal <name>", "only paths from this principal (Pulumi resource name, account, principal id or URN; repeatable)", collect, [])
        .addOption(new Option("--access <kind...>", "kinds of access to show (default: read)").choices(["read", "write", "decrypt", "administer"]))
        .option("-o, --output <file>", "write the report to a file instead of stdout")
        .option("--timeout <seconds>", "end a program (and all it started) that runs longer", parseTimeout, DEFAULT_TIMEOUT_SECONDS)
        .option("--invoke <token=json>", "answer a program's invoke with this result (repeatable)", parseInvoke, {})
        .action(async (target: string, opts: AccessCommandOptions) => {
            done(await access(target, { ...opts, verbose: cli.opts().verbose }));
        });
    const config = cli.command("config").description("write and check policy config files");
    config
        .command("init")
        .description("write a config file with every control, its default level and options")
        .addOption(new Option("--format <format>", "json (what --policy-pack-config reads) or yaml (annotated)").choices(["json", "yaml"]).default("json"))
        .option("-o, --output <file>", "write to a file instead of stdout")
        .option("--advisory", "make every control advisory, for a first roll-out (docs/rollout.md)")
        .option("--remediate", "set every control that can fix what it finds to remediate (docs/remediation.md)")
        .action((opts: { format: "json" | "yaml"; output?: string; advisory?: boolean; remediate?: boolean }) => {
            const text = opts.format === "yaml" ? initialConfigYaml(opts) : `${JSON.stringify(initialConfig(opts), null, 2)}\n`;
            if (opts.output) writeOutput(opts.output, text);
            else process.stdout.write(text);
        });
    config
        .command("validate")
        .description("check a config file as the engine would, and reject unknown policies, unknown options and impossible dates; exit 1 on any problem")
        .argument("<file>", "policy config (JSON, or YAML)")
        .action((file: string) => {
            let problems: string[];
            try {
                problems = validateConfig(readConfig(file).config ?? {});
            } catch (e) {
                if (!(e instanceof ConfigFileError)) throw e;
                problems = [e.message];
            }
            for (const p of problems) process.stderr.write(`${file}: ${p}\n`);
            if (problems.length === 0) process.stdout.write(`${file}: valid\n`);
            done(problems.length === 0 ? 0 : 1);
        });
    return cli;
}

export async function main(argv: string[]): Promise<number> {
    let code = 0;
    const cli = program((c) => (code = c));
    try {
        await cli.parseAsync(argv);
        return code;
    } catch (e: any) {
        if (e?.code && String(e.code).startsWith("commander.")) return e.exitCode === 0 ? 0 : 2;
        const expected = e instanceof UsageError || e instanceof TargetError || e instanceof PolicyConfigError;
        // One line: a program's error may span many (a stack of its own); --verbose shows it all.
        const message = String(expected ? e.message : `unexpected error: ${e?.message ?? e}`).split("\n")[0];
        process.stderr.write(`phi-guard: ${message}\n`);
        if (argv.includes("--verbose") && e?.stack) process.stderr.write(`${e.stack}\n`);
        return 2;
    }
}

if (require.main === module) {
    main(process.argv).then((code) => process.exit(code));
}
