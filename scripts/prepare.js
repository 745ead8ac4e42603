#!/usr/bin/env node
// `npm install` runs this: it compiles the pack to dist/, which package.json `main` points at
// (the engine's launcher would otherwise type-check TypeScript on every preview). An install
// without TypeScript (a published tarball installed for production) already carries dist/.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
let tsc;
try {
    tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
    if (fs.existsSync(path.join(root, "dist", "index.js"))) process.exit(0);
    console.error("phi-guard: dist/ is missing and TypeScript is not installed; run `npm install` with dev dependencies.");
    process.exit(1);
}
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
