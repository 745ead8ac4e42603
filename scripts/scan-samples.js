#!/usr/bin/env node
// `npm start`: scans each sample stack with phi-guard as a reviewer would, with the policy config
// kept beside it when it has one (as `pulumi preview --policy-pack-config` would get it), prints
// the findings, then one line per stack. It exits 1 when a sample does not end as it should: a
// violations stack with mandatory findings (exit 1), a compliant stack without any (exit 0).
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const stacks = ["aws-violations", "aws-compliant", "azure-violations", "azure-compliant"];
const recap = [];
let unexpected = 0;
for (const name of stacks) {
    const dir = path.join("stacks", name);
    const config = path.join(dir, "policy-config.json");
    const args = ["scan", dir, ...(fs.existsSync(path.join(root, config)) ? ["--config", config] : [])];
    console.log(`$ phi-guard ${args.join(" ")}`);
    const run = spawnSync(process.execPath, [path.join(root, "dist", "cli", "phi-guard.js"), ...args], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 64 * 1024 * 1024,
    });
    process.stdout.write(run.stdout ?? "");
    const counts = /: (\d+ resources?), (\d+ findings?)/.exec(run.stdout ?? "");
    const expected = name.endsWith("-compliant") ? 0 : 1;
    if (run.status !== expected) unexpected++;
    recap.push(
        `  ${dir.padEnd(24)} ${counts ? `${counts[1].padStart(13)}, ${counts[2].padEnd(12)}` : "(no report)".padEnd(27)} exit ${run.status}` +
            `${run.status === expected ? "" : `, expected ${expected}`}${args.includes("--config") ? ` (with ${config})` : ""}`,
    );
}
console.log(`\nSample stacks (exit 1: mandatory violations; 0: none):\n${recap.join("\n")}`);
process.exitCode = unexpected === 0 ? 0 : 1;
