import * as fs from "fs";
import * as path from "path";
import { MAX_STATE_BYTES, readTextFile, unreadableFile } from "./files";
import { loadProject, PROJECT_FILES } from "./project";
import { fromPreview, fromStackExport, isPreview, isStackExport, withUrnLines } from "./state";
import { LoadedTarget, TargetError, TargetOptions } from "./target";

export { LoadedTarget, TargetError, TargetOptions } from "./target";

const KINDS = "give a Pulumi project directory, a `pulumi stack export` file or a `pulumi preview --json` file";

export async function loadTarget(target: string, opts: TargetOptions = {}): Promise<LoadedTarget> {
    let isDirectory = false;
    try {
        isDirectory = fs.statSync(target).isDirectory();
    } catch {
        // Missing, or a link to nothing: said below.
    }
    if (isDirectory) return loadProject(target, opts);
    if (PROJECT_FILES.includes(path.basename(target))) return loadProject(path.dirname(target), opts);
    const why = unreadableFile(target);
    if (why) throw new TargetError(`${target} ${why}: ${KINDS}`);
    return loadDocument(target, readTextFile(target, MAX_STATE_BYTES));
}

/** A saved file's text: a stack export or a preview. */
export function loadDocument(file: string, text: string): LoadedTarget {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch {
        throw new TargetError(
            path.extname(file).toLowerCase() === ".json"
                ? `${file} is not valid JSON: expected a \`pulumi stack export\` or \`pulumi preview --json\` file`
                : `${file} is not a file phi-guard can scan: ${KINDS}`,
        );
    }
    if (isStackExport(doc)) return withUrnLines(fromStackExport(file, doc), text);
    if (isPreview(doc)) return withUrnLines(fromPreview(file, doc), text);
    throw new TargetError(`${file} is neither a \`pulumi stack export\` file (deployment.resources) nor a \`pulumi preview --json\` file (steps)`);
}
