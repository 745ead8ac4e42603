#!/usr/bin/env node
// Compiles the pack to dist/ (package.json `main`; the engine's launcher would otherwise type-check
// TypeScript on every preview), only when the sources changed: dist/ carries a hash of what it was
// built from. With --check (npm's prepack) it builds nothing and refuses a stale dist/: `pulumi
// policy publish` reads the policies from the running pack before it runs `npm pack`, so building
// at that point would publish a tarball that differs from the metadata Pulumi already sent.
const { createHash } = require("crypto");
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist");
const stampFile = path.join(dist, ".sources.sha256");
const ts = require("typescript");

/** Every input of the build: the compiler, its config, the sources it includes, the pinned dependencies. */
function sourcesHash() {
    const tsconfig = path.join(root, "tsconfig.json");
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    const files = [tsconfig, path.join(root, "npm-shrinkwrap.json"), ...(parsed?.fileNames ?? [])].sort();
    const hash = createHash("sha256").update(`typescript ${ts.version}\n`);
    for (const f of files) hash.update(`${path.relative(root, f)}\n`).update(fs.readFileSync(f)).update("\n");
    return hash.digest("hex");
}

// The AWS tables are generated from pinned datasets before the sources are hashed (a no-op when their inputs are unchanged).
const { generate } = require("./aws-model/generate");
if (generate({ check: process.argv.includes("--check") }) && process.argv.includes("--check")) {
    console.error("phi-guard: policies/lib/aws/generated/ is stale; run `npm run build`, then pack or publish again.");
    process.exit(1);
}
const want = sourcesHash();
const have = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8").trim() : "";
if (have === want) process.exit(0);
if (process.argv.includes("--check")) {
    console.error("phi-guard: dist/ was not built from the current sources; run `npm run build`, then pack or publish again.");
    process.exit(1);
}
console.error("phi-guard: compiling the pack to dist/ ...");
// A clean build, so dist/ holds nothing a deleted or moved source left behind.
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.json")], { cwd: root, stdio: "inherit" });
fs.writeFileSync(stampFile, `${want}\n`);
