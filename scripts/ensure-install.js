#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (or after the lockfile changed) it
// installs exactly what package-lock.json pins, so those two commands are all a new machine needs.
const { execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const installed = path.join(root, "node_modules", ".package-lock.json");
const lock = path.join(root, "package-lock.json");
const stale = !fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs;
if (stale) {
    console.error("phi-guard: installing dependencies from package-lock.json (npm ci)...");
    execSync("npm ci --no-audit --no-fund", { cwd: root, stdio: "inherit" });
}
