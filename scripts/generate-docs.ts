import * as fs from "fs";
import * as path from "path";
import { controls } from "../policies/registry";
import { allExamples } from "../test/examples";
import { renderControlPage, renderControlsDoc } from "./render-docs";
import { renderConfigurationDoc } from "./render-configuration";

/** Writes the docs that are generated from the controls' metadata and examples; a test fails when they are stale. */
export function generatedDocs(): Map<string, string> {
    const examples = allExamples();
    const docs = new Map<string, string>([
        ["controls.md", renderControlsDoc(controls)],
        ["configuration.md", renderConfigurationDoc(controls)],
    ]);
    for (const c of controls) docs.set(`controls/${c.id}.md`, renderControlPage(c, examples.get(c.id)));
    return docs;
}

export const DOCS = path.join(__dirname, "..", "docs");

if (require.main === module) {
    const docs = generatedDocs();
    fs.mkdirSync(path.join(DOCS, "controls"), { recursive: true });
    for (const stale of fs.readdirSync(path.join(DOCS, "controls"))) if (!docs.has(`controls/${stale}`)) fs.rmSync(path.join(DOCS, "controls", stale));
    for (const [file, text] of docs) fs.writeFileSync(path.join(DOCS, file), text);
    console.log(`wrote docs/controls.md, docs/configuration.md and ${controls.length} pages in docs/controls/`);
}
