import * as fs from "fs";
import * as path from "path";
import { controls } from "../policies/registry";
import { renderControlsDoc } from "./render-docs";
import { renderConfigurationDoc } from "./render-configuration";

/** Writes the docs that are generated from the controls' metadata; a test fails when they are stale. */
const docs = path.join(__dirname, "..", "docs");
fs.writeFileSync(path.join(docs, "controls.md"), renderControlsDoc(controls));
fs.writeFileSync(path.join(docs, "configuration.md"), renderConfigurationDoc(controls));
console.log(`wrote docs/controls.md and docs/configuration.md (${controls.length} controls)`);
