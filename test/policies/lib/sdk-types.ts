import * as fs from "fs";
import * as path from "path";

/**
 * Reads the provider SDKs' own declarations, so that the model's tables are proven against type
 * tokens and input names nobody here wrote: `aws:iam/rolePolicy:RolePolicy` must be a class of
 * @pulumi/aws whose Args declare `policy` and `role`.
 */
const ROOT = path.resolve(__dirname, "../../../node_modules/@pulumi");

function files(token: string): { js: string; dts: string } | undefined {
    const [pkg, module, name] = token.split(":");
    // @pulumi/aws tokens name their file (`aws:s3/bucket:Bucket`); aws-native and azure-native ones derive it from the class name.
    const dir = pkg === "aws" ? path.join(ROOT, "aws", module.split("/")[0]) : path.join(ROOT, pkg, module);
    const base = pkg === "aws" ? module.split("/")[1] : name[0].toLowerCase() + name.slice(1);
    const js = path.join(dir, `${base}.js`);
    return fs.existsSync(js) ? { js, dts: path.join(dir, `${base}.d.ts`) } : undefined;
}

/** Whether the SDK publishes a resource under this exact type token. */
export function sdkHasType(token: string): boolean {
    const f = files(token);
    return f !== undefined && fs.readFileSync(f.js, "utf8").includes(`__pulumiType = '${token}'`);
}

/** Whether the resource's Args declare an input (`key` or `key?`), for the first segment of a property path. */
export function sdkHasInput(token: string, prop: string): boolean {
    const f = files(token);
    if (!f) return false;
    const first = prop.split(/[.[]/)[0];
    const dts = fs.readFileSync(f.dts, "utf8");
    const args = dts.slice(dts.lastIndexOf("export interface"));
    return new RegExp(`\\b${first}\\??:`).test(args);
}
