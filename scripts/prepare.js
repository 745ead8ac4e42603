#!/usr/bin/env node
// `npm install` runs this: in a checkout it compiles the pack to dist/, which package.json `main`
// points at (the engine's launcher would otherwise type-check TypeScript on every preview). A
// published tarball has no sources, only dist/, so there is nothing to build.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const tsconfig = path.join(root, "tsconfig.json");
if (!fs.existsSync(tsconfig)) {
    if (fs.existsSync(path.join(root, "dist", "index.js"))) process.exit(0);
    console.error("phi-guard: neither sources nor dist/ are here; reinstall the package.");
    process.exit(1);
}
const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
execFileSync(process.execPath, [tsc, "-p", tsconfig], { stdio: "inherit" });
