import * as fs from "fs";
import * as path from "path";
import { loadProject, PROJECT_FILES } from "./project";
import { fromPreview, fromStackExport, withUrnLines } from "./state";
import { LoadedTarget, TargetError, TargetOptions } from "./target";

export { LoadedTarget, TargetError, TargetOptions } from "./target";

export async function loadTarget(target: string, opts: TargetOptions = {}): Promise<LoadedTarget> {
    if (!fs.existsSync(target)) throw new TargetError(`${target} does not exist: give a Pulumi project directory, a \`pulumi stack export\` file or a \`pulumi preview --json\` file`);
    if (fs.statSync(target).isDirectory()) return loadProject(target, opts);
    if (PROJECT_FILES.includes(path.basename(target))) return loadProject(path.dirname(target), opts);
    let doc: any;
    const text = fs.readFileSync(target, "utf8");
    try {
        doc = JSON.parse(text);
    } catch {
        throw new TargetError(
            path.extname(target).toLowerCase() === ".json"
                ? `${target} is not valid JSON: expected a \`pulumi stack export\` or \`pulumi preview --json\` file`
                : `${target} is not a file phi-guard can scan: give a Pulumi project directory, a \`pulumi stack export\` file or a \`pulumi preview --json\` file`,
        );
    }
    if (doc && typeof doc === "object" && doc.deployment && Array.isArray(doc.deployment.resources)) return withUrnLines(fromStackExport(target, doc), text);
    if (doc && typeof doc === "object" && Array.isArray(doc.steps)) return withUrnLines(fromPreview(target, doc), text);
    throw new TargetError(`${target} is neither a \`pulumi stack export\` file (deployment.resources) nor a \`pulumi preview --json\` file (steps)`);
}
