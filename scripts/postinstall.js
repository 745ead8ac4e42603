#!/usr/bin/env node
// `npm install` runs this in a checkout and where Pulumi installs the published pack: it applies
// patches/ to @pulumi/policy with patch-package. Findings do not depend on the patch (only speed
// does), and Pulumi never retries an install once its folder exists, so a patch that does not
// apply is reported on stderr and the install still succeeds.
const { spawnSync } = require("child_process");

let cli;
try {
    cli = require.resolve("patch-package/index.js");
} catch {
    cli = undefined;
}
const run = cli && spawnSync(process.execPath, [cli], { stdio: "inherit" });
if (!run || run.status !== 0) {
    const why = !cli ? "patch-package is not installed" : run.error ? run.error.message : `patch-package exited with ${run.status ?? run.signal}`;
    console.error(`phi-guard: the @pulumi/policy runtime patch was not applied (${why}); findings are the same, analysis is slower (patches/README.md).`);
}
