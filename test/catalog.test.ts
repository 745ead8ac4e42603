import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import { CATEGORIES, Control } from "../policies/control";
import { configOptions } from "../policies/adapter";
import { HIPAA_SECTIONS } from "../policies/lib/hipaa";
import { controls } from "../policies/registry";
import { DOCS, generatedDocs } from "../scripts/generate-docs";

/** Guards the catalog itself: metadata complete, ids stable in form, every control registered and tested, docs current. */
const ROOT = path.resolve(__dirname, "..");

function controlFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return controlFiles(p);
        return e.name.endsWith(".ts") && e.name !== "index.ts" ? [p] : [];
    });
}

describe("control catalog", () => {
    it("has unique ids of the form <cloud>-<service>-<rule>", () => {
        const ids = controls.map((c) => c.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const c of controls) assert.match(c.id, c.cloud === "aws" ? /^aws-[a-z0-9]+(-[a-z0-9]+)+$/ : /^az-[a-z0-9]+(-[a-z0-9]+)+$/, c.id);
    });

    it("gives every control complete metadata", () => {
        for (const c of controls) {
            assert.ok(c.title.length > 10 && c.title.length < 90, `${c.id}: title`);
            assert.ok(c.category in CATEGORIES, `${c.id}: category`);
            assert.ok(["low", "medium", "high", "critical"].includes(c.severity), `${c.id}: severity`);
            assert.ok(c.hipaa.length > 0 && c.hipaa.every((h) => h.section in HIPAA_SECTIONS), `${c.id}: hipaa`);
            for (const field of ["description", "remediation", "unknowns"] as const) assert.ok(c[field].trim().length > 30, `${c.id}: ${field}`);
        }
    });

    it("gives every config option a type, a default that fits its schema, and a description", () => {
        const ajv = new Ajv({ strict: false });
        for (const c of controls) {
            for (const [name, schema] of Object.entries(configOptions(c))) {
                assert.ok(schema.type && schema.description, `${c.id}.${name}: type and description`);
                assert.ok("default" in schema, `${c.id}.${name}: default`);
                assert.ok(ajv.validate(schema, schema.default), `${c.id}.${name}: default does not fit its schema`);
            }
        }
    });

    it("keeps each control at the path its id names: <cloud>-<folder>-<rule> in policies/<cloud>/<folder>/<rule>.ts", () => {
        for (const file of controlFiles(path.join(ROOT, "policies", "aws")).concat(controlFiles(path.join(ROOT, "policies", "azure")))) {
            const [cloud, folder, rule] = path.relative(path.join(ROOT, "policies"), file).replace(/\.ts$/, "").split(path.sep);
            const control = Object.values(require(file)).find((v): v is Control => typeof v === "object" && v !== null && "id" in v && "hipaa" in v);
            assert.equal(control?.id, `${cloud === "azure" ? "az" : cloud}-${folder}-${rule}`, path.relative(ROOT, file));
        }
    });

    it("registers every control file, one control per file", () => {
        const registered = new Set<Control>(controls);
        for (const file of controlFiles(path.join(ROOT, "policies", "aws")).concat(controlFiles(path.join(ROOT, "policies", "azure")))) {
            const exported = Object.values(require(file)).filter((v): v is Control => typeof v === "object" && v !== null && "id" in v && "hipaa" in v);
            assert.equal(exported.length, 1, `${path.relative(ROOT, file)} exports exactly one control`);
            assert.ok(registered.has(exported[0]), `${exported[0].id} is registered in policies/registry.ts`);
        }
    });

    it("has a test file mirroring every control file, with failing, passing and unknown-value cases", () => {
        for (const file of controlFiles(path.join(ROOT, "policies", "aws")).concat(controlFiles(path.join(ROOT, "policies", "azure")))) {
            const test = path.join(ROOT, "test", path.relative(ROOT, file)).replace(/\.ts$/, ".test.ts");
            assert.ok(fs.existsSync(test), `missing ${path.relative(ROOT, test)}`);
            const text = fs.readFileSync(test, "utf8");
            assert.match(text, /\bunknown\b/, `${path.relative(ROOT, test)} proves no outcome for a value unknown at preview`);
            assert.match(text, /\bit\(["'`](flags|reports)/, `${path.relative(ROOT, test)} has no failing case`);
            assert.match(text, /\bit\(["'`]passes/, `${path.relative(ROOT, test)} has no passing case`);
        }
    });

    it("keeps docs/controls.md, docs/configuration.md and docs/controls/<id>.md identical to what `npm run docs` writes", () => {
        const docs = generatedDocs();
        for (const [file, text] of docs) {
            const committed = path.join(DOCS, file);
            assert.ok(fs.existsSync(committed) && fs.readFileSync(committed, "utf8") === text, `docs/${file} is stale: run \`npm run docs\` and commit it`);
        }
        for (const page of fs.readdirSync(path.join(DOCS, "controls"))) assert.ok(docs.has(`controls/${page}`), `docs/controls/${page} belongs to no control: run \`npm run docs\``);
    });
});
