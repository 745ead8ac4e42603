#!/usr/bin/env node
// Runs before `npm start` and `npm test`: on a fresh clone (or after the pinned versions changed) it
// installs exactly what npm-shrinkwrap.json pins, so those two commands are all a new machine needs.
// npm's own output is kept for when the install fails: a first run shows findings, not installer noise.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const installed = path.join(root, "node_modules", ".package-lock.json");
const pinned = path.join(root, "npm-shrinkwrap.json");
if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(pinned).mtimeMs) process.exit(0);

console.error("phi-guard: installing the pinned dependencies (npm ci), once; this takes a minute or two ...");
const started = Date.now();
const npm = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    shell: process.platform === "win32",
});
if (npm.status !== 0) {
    process.stderr.write(`${npm.stdout ?? ""}${npm.stderr ?? ""}`);
    console.error(`phi-guard: npm ci failed (${npm.error ? npm.error.message : `exit code ${npm.status}`}); its output is above.`);
    process.exit(1);
}
console.error(`phi-guard: installed in ${Math.round((Date.now() - started) / 1000)} s.`);
