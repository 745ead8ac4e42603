#!/usr/bin/env node
// `npm start`: scans each sample stack with phi-guard, with the stack's own policy-config.json
// when it has one (as `pulumi preview --policy-pack-config` would get it), and prints the findings.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const stacks = ["aws-violations", "aws-compliant", "azure-violations", "azure-compliant"];
for (const name of stacks) {
    const dir = path.join("stacks", name);
    const config = path.join(dir, "policy-config.json");
    const args = ["scan", dir, "--exit-zero", ...(fs.existsSync(path.join(root, config)) ? ["--config", config] : [])];
    console.log(`$ phi-guard ${args.join(" ")}`);
    execFileSync(process.execPath, [path.join(root, "dist", "cli", "phi-guard.js"), ...args], { cwd: root, stdio: "inherit" });
}
