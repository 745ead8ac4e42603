/**
 * Invokes (data sources) the scan can answer as the provider would, as pure functions. Today:
 * `aws.iam.getPolicyDocument`, which only renders its arguments to JSON, so a policy built with it
 * is judged like one written out by hand. Its behaviour follows the AWS provider's
 * aws_iam_policy_document data source (documented on the Pulumi registry and the Terraform
 * registry): source documents first, then the statements given, then override documents, a
 * statement with the Sid of an earlier one replacing it; a list of one becomes a plain string;
 * principals and conditions grouped by type and test; `&{` written as `${` (policy variables).
 */
import { crc32 } from "zlib";

export const POLICY_DOCUMENT = "aws:iam/getPolicyDocument:getPolicyDocument";

/** Arguments the provider refuses: it fails the invoke, and with it the program. */
export class PolicyDocumentError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Args = Record<string, unknown>;

interface Statement {
    Sid?: string;
    Effect: string;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Principal?: Json;
    NotPrincipal?: Json;
    Condition?: Json;
}

const VERSIONS = ["2012-10-17", "2008-10-17"];

/** The invoke's result: `json` (indented, as the provider writes it), `minifiedJson` and `id`. */
export function renderPolicyDocument(args: Args): { json: string; minifiedJson: string; id: string } {
    for (const legacy of ["sourceJson", "overrideJson"]) {
        if (args[legacy]) throw new PolicyDocumentError(`${legacy} is no longer accepted: use ${legacy === "sourceJson" ? "sourcePolicyDocuments" : "overridePolicyDocuments"}`);
    }
    const version = args.version === undefined || args.version === null ? "2012-10-17" : String(args.version);
    if (!VERSIONS.includes(version)) throw new PolicyDocumentError(`version must be one of ${VERSIONS.join(", ")}`);
    let statements: Statement[] = [];
    let id = "";
    for (const text of list(args.sourcePolicyDocuments, "sourcePolicyDocuments")) {
        const doc = parseDocument(text, "sourcePolicyDocuments");
        statements = merge(statements, doc.statements);
        id = doc.id || id;
    }
    const own = list(args.statements, "statements").map((s, i) => statementOf(s, i, version));
    const sids = own.map((s) => s.Sid).filter((s): s is string => !!s);
    const duplicate = sids.find((s, i) => sids.indexOf(s) !== i);
    if (duplicate) throw new PolicyDocumentError(`statements: duplicate Sid ${JSON.stringify(duplicate)}`);
    statements = merge(statements, own);
    if (typeof args.policyId === "string" && args.policyId) id = args.policyId;
    for (const text of list(args.overridePolicyDocuments, "overridePolicyDocuments")) {
        const doc = parseDocument(text, "overridePolicyDocuments");
        statements = merge(statements, doc.statements);
        id = doc.id || id;
    }
    const document: Record<string, unknown> = { Version: version, ...(id ? { Id: id } : {}), Statement: statements };
    const json = JSON.stringify(document, null, 2);
    return { json, minifiedJson: JSON.stringify(document), id: String(crc32(json)) };
}

function list(v: unknown, name: string): any[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new PolicyDocumentError(`${name} must be a list`);
    return v.filter((x) => x !== null && x !== undefined);
}

/** A statement with the Sid of an earlier one replaces it; others are added in order. */
function merge(into: Statement[], more: Statement[]): Statement[] {
    const out = [...into];
    for (const s of more) {
        const i = s.Sid ? out.findIndex((t) => t.Sid === s.Sid) : -1;
        if (i >= 0) out[i] = s;
        else out.push(s);
    }
    return out;
}

/** A set of strings as the provider writes it: one as a string, several as a list, none left out. */
function strings(v: unknown, name: string, version: string): string | string[] | undefined {
    const items = list(v, name).map((x) => policyVariables(String(x), version));
    const unique = [...new Set(items)];
    if (unique.length === 0) return undefined;
    return unique.length === 1 ? unique[0] : unique;
}

/** `&{aws:username}` is how a program writes a policy variable that Pulumi must not interpolate. */
function policyVariables(s: string, version: string): string {
    if (!s.includes("&{")) return s;
    if (version === "2008-10-17") throw new PolicyDocumentError("policy variables (&{...}) need version 2012-10-17");
    return s.split("&{").join("${");
}

function statementOf(raw: unknown, index: number, version: string): Statement {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new PolicyDocumentError(`statements[${index}] must be an object`);
    const s = raw as Args;
    const effect = s.effect === undefined || s.effect === null ? "Allow" : String(s.effect);
    if (effect !== "Allow" && effect !== "Deny") throw new PolicyDocumentError(`statements[${index}].effect must be Allow or Deny`);
    const statement: Statement = { Effect: effect };
    if (typeof s.sid === "string" && s.sid) statement.Sid = s.sid;
    const fields: [keyof Statement, string][] = [
        ["Action", "actions"],
        ["NotAction", "notActions"],
        ["Resource", "resources"],
        ["NotResource", "notResources"],
    ];
    for (const [key, arg] of fields) {
        const value = strings(s[arg], `statements[${index}].${arg}`, version);
        if (value !== undefined) (statement as unknown as Record<string, unknown>)[key] = value;
    }
    const principal = principals(s.principals, `statements[${index}].principals`, version);
    if (principal !== undefined) statement.Principal = principal;
    const notPrincipal = principals(s.notPrincipals, `statements[${index}].notPrincipals`, version);
    if (notPrincipal !== undefined) statement.NotPrincipal = notPrincipal;
    const condition = conditions(s.conditions, `statements[${index}].conditions`, version);
    if (condition !== undefined) statement.Condition = condition;
    return { Sid: statement.Sid, ...statement };
}

/** `{ type: "AWS", identifiers: [...] }` blocks grouped by type; `*` with `*` alone is the anonymous principal. */
function principals(v: unknown, name: string, version: string): Json | undefined {
    const blocks = list(v, name);
    if (blocks.length === 0) return undefined;
    const byType = new Map<string, string[]>();
    blocks.forEach((b, i) => {
        if (!b || typeof b !== "object") throw new PolicyDocumentError(`${name}[${i}] must be an object`);
        const type = String((b as Args).type ?? "");
        const ids = list((b as Args).identifiers, `${name}[${i}].identifiers`).map((x) => policyVariables(String(x), version));
        byType.set(type, [...(byType.get(type) ?? []), ...ids]);
    });
    const star = byType.get("*");
    if (byType.size === 1 && star && star.every((id) => id === "*")) return "*";
    return Object.fromEntries([...byType].map(([type, ids]) => [type, oneOrMany([...new Set(ids)])]));
}

/** `{ test, variable, values }` blocks as `{ test: { variable: values } }`. */
function conditions(v: unknown, name: string, version: string): Json | undefined {
    const blocks = list(v, name);
    if (blocks.length === 0) return undefined;
    const byTest: Record<string, Record<string, string[]>> = {};
    blocks.forEach((b, i) => {
        if (!b || typeof b !== "object") throw new PolicyDocumentError(`${name}[${i}] must be an object`);
        const { test, variable, values } = b as Args;
        const vars = (byTest[String(test ?? "")] ??= {});
        const key = String(variable ?? "");
        vars[key] = [...(vars[key] ?? []), ...list(values, `${name}[${i}].values`).map((x) => policyVariables(String(x), version))];
    });
    return Object.fromEntries(Object.entries(byTest).map(([test, vars]) => [test, Object.fromEntries(Object.entries(vars).map(([k, vs]) => [k, oneOrMany(vs)]))]));
}

const oneOrMany = (values: string[]): Json => (values.length === 1 ? values[0] : values);

/** A policy document given as JSON text (source or override): its statements and Id. */
function parseDocument(text: unknown, name: string): { statements: Statement[]; id: string } {
    let doc: unknown;
    try {
        doc = JSON.parse(String(text));
    } catch {
        throw new PolicyDocumentError(`${name}: a document is not JSON`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new PolicyDocumentError(`${name}: a document is not a JSON object`);
    const d = doc as Args;
    const raw = d.Statement;
    const statements = (raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw]) as Statement[];
    if (statements.some((s) => !s || typeof s !== "object" || Array.isArray(s))) throw new PolicyDocumentError(`${name}: a statement is not a JSON object`);
    return { statements, id: typeof d.Id === "string" ? d.Id : "" };
}
