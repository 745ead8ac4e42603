import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { captureProgram, ProgramError } from "../../engine/capture";
import { UNKNOWN_WIRE_VALUE } from "../../engine/resource";
import { LoadedTarget, TargetError, TargetOptions } from "./target";
import { MAX_PROGRAM_FILE_BYTES, readTextFile } from "./files";
import { loadYamlProgram } from "./yaml";

export const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];

function projectFile(dir: string): string | undefined {
    return PROJECT_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}

export async function loadProject(dir: string, opts: TargetOptions): Promise<LoadedTarget> {
    const file = projectFile(dir);
    if (!file) throw new TargetError(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
    const project = readYaml(file);
    const name = typeof project?.name === "string" ? project.name : path.basename(dir);
    const runtime = typeof project?.runtime === "string" ? project.runtime : project?.runtime?.name;
    const stack = opts.stack ?? "dev";
    const config = readStackConfig(dir, stack, opts.stack !== undefined);
    if (runtime === "yaml") return loadYamlProgram({ document: project, file, project: name, stack, config: config.values, secretKeys: config.secretKeys }, dir);
    if (runtime !== "nodejs") throw new TargetError(`${dir} uses the ${runtime} runtime; phi-guard scan runs nodejs (TypeScript) and yaml programs`);
    try {
        const resources = await captureProgram(dir, { stack, config: config.values, secretKeys: config.secretKeys });
        return { kind: "program", path: dir, project: name, stack, resources };
    } catch (e) {
        if (!(e instanceof ProgramError)) throw e;
        const missing = /Missing required configuration variable '([^']+)'/.exec(e.message);
        if (missing) throw new TargetError(`the program needs config key ${missing[1]}: set it in ${path.join(dir, `Pulumi.${stack}.yaml`)} or choose a stack with --stack`);
        throw new TargetError(`${dir}: ${e.message}`);
    }
}

function readYaml(file: string): any {
    try {
        return YAML.parse(readTextFile(file, MAX_PROGRAM_FILE_BYTES));
    } catch (e) {
        if (e instanceof TargetError) throw e;
        // The parser's own first line says where (and names alias bombs); a stack overflow means nesting no program has.
        const message = String((e as Error)?.message ?? "");
        const why = e instanceof RangeError || message.includes("Maximum call stack size exceeded") ? "it is nested too deeply to read" : message.split("\n")[0];
        throw new TargetError(`${file} is not valid YAML${why ? `: ${why}` : ""}`);
    }
}

/** Provider settings a program may read; mocks make no cloud calls, so any valid value serves. */
const HARMLESS_DEFAULTS: Record<string, string> = { "aws:region": "us-east-1", "azure-native:location": "eastus" };

/**
 * Stack config from Pulumi.<stack>.yaml. Secure values cannot be decrypted here; they become the
 * engine's unknown sentinel, marked secret, which is what a policy sees for a value it cannot know.
 */
function readStackConfig(dir: string, stack: string, explicit: boolean): { values: Record<string, string>; secretKeys: string[] } {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    const values: Record<string, string> = { ...HARMLESS_DEFAULTS };
    const secretKeys: string[] = [];
    if (!fs.existsSync(file)) {
        if (explicit) throw new TargetError(`stack ${stack} has no config file ${file}`);
        return { values, secretKeys };
    }
    const config = readYaml(file)?.config ?? {};
    for (const [key, value] of Object.entries<any>(config)) {
        if (value && typeof value === "object" && "secure" in value) {
            values[key] = UNKNOWN_WIRE_VALUE;
            secretKeys.push(key);
        } else {
            values[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { values, secretKeys };
}
