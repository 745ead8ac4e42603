import * as fs from "fs";
import * as path from "path";
import { controls } from "../policies/registry";
import { renderControlsDoc } from "./render-docs";

const out = path.join(__dirname, "..", "docs", "controls.md");
fs.writeFileSync(out, renderControlsDoc(controls));
console.log(`wrote ${path.relative(process.cwd(), out)} (${controls.length} controls)`);
