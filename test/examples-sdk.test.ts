import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderProgram } from "../scripts/render-example";
import { allExamples } from "./examples";

/**
 * The examples are real SDK arguments: each one, rendered as the Pulumi TypeScript program the
 * docs show, type-checks against @pulumi/aws and @pulumi/azure-native. (Struct cannot tell a
 * program's object from its JSON string, so this is what proves the shapes are ones the SDK takes.)
 */
describe("control examples as Pulumi programs", function () {
    this.timeout(600_000);

    it("type-checks every example's program against the provider SDKs", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-guard-examples-"));
        try {
            let n = 0;
            for (const [id, e] of allExamples())
                for (const [name, ex] of [...Object.entries(e.passing), ...Object.entries(e.failing)]) {
                    fs.writeFileSync(path.join(dir, `${id}--${name}.ts`), `${renderProgram(ex.resources)}\nexport {};\n`);
                    n++;
                }
            const modules = path.resolve(__dirname, "..", "node_modules");
            const compilerOptions = { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, noEmit: true, skipLibCheck: true, types: [], baseUrl: ".", paths: { "@pulumi/*": [`${modules}/@pulumi/*`] } };
            fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*.ts"] }));
            let errors = "";
            try {
                execFileSync(process.execPath, [path.join(modules, "typescript", "bin", "tsc"), "-p", dir], { encoding: "utf8", stdio: "pipe" });
            } catch (e) {
                errors = String((e as { stdout?: string }).stdout ?? e);
            }
            assert.equal(errors, "", `examples that are not valid SDK arguments:\n${errors}`);
            assert.ok(n > 59 * 2);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
