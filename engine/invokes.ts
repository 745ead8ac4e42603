/**
 * How the scan answers a program's invokes (data sources), as pure functions so every target kind
 * that meets an invoke (a TypeScript program's `aws.iam.getPolicyDocument(...)`, a Pulumi YAML
 * `fn::invoke`) answers it the same way:
 * - deterministic ones are rendered as the provider renders them (`aws.iam.getPolicyDocument`);
 * - the common lookups (caller identity, region, partition, availability zones, the default VPC,
 *   Azure client config) get clearly fake placeholders, or the stack's own provider config where
 *   the provider would read it, and the user can give the real answer (`--invoke <token>=<json>`);
 * - every other invoke is answered with unknowns, as a value the scan cannot know.
 */
import { crc32 } from "zlib";
import { UNKNOWN_WIRE_VALUE } from "./resource";
// The pack counts this account as the caller's own (the organisation boundary): one constant for both.
import { PLACEHOLDER_AWS_ACCOUNT } from "../policies/lib/aws/boundary";

export const POLICY_DOCUMENT = "aws:iam/getPolicyDocument:getPolicyDocument";
export const CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity";
export const REGION = "aws:index/getRegion:getRegion";
export const PARTITION = "aws:index/getPartition:getPartition";
export const AVAILABILITY_ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones";
export const AZURE_CLIENT_CONFIG = "azure-native:authorization:getClientConfig";
export const VPC = "aws:ec2/getVpc:getVpc";
export const SSM_PARAMETER = "aws:ssm/getParameter:getParameter";

export interface InvokeContext {
    /** The stack's config (`namespace:key` -> value) as the user set it, without the scan's defaults. */
    config: Record<string, string>;
    /** Answers the user gave (`--invoke <token>=<json>`), merged over the scan's own. */
    given: Record<string, Record<string, unknown>>;
}

export type InvokeAnswer =
    | { kind: "rendered" | "placeholder" | "unknown" | "given"; result: Record<string, unknown> }
    | { kind: "failed"; reason: string };

/** What the scan knows of an invoke's result shape (from the provider SDK's type declarations). */
export interface ResultField {
    name: string;
    container: "one" | "array" | "map";
}

/** The placeholder account, region and tenant: clearly not real, and well-formed where ARNs and scopes need them. */
export const PLACEHOLDER = {
    accountId: PLACEHOLDER_AWS_ACCOUNT,
    region: "us-east-1",
    defaultVpcId: "vpc-00000000000000000",
    azureSubscriptionId: "00000000-0000-0000-0000-000000000000",
    azureTenantId: "00000000-0000-0000-0000-0000000000a1",
    azureClientId: "00000000-0000-0000-0000-0000000000c1",
    azureObjectId: "00000000-0000-0000-0000-0000000000b1",
    amiId: "ami-00000000000000000",
};

export function answerInvoke(token: string, args: Record<string, unknown>, ctx: InvokeContext, fields?: ResultField[]): InvokeAnswer {
    const own = ownAnswer(token, args, ctx, fields);
    const given = ctx.given[token];
    if (!given || own.kind === "failed") return own;
    return { kind: "given", result: { ...own.result, ...given } };
}

function ownAnswer(token: string, args: Record<string, unknown>, ctx: InvokeContext, fields?: ResultField[]): InvokeAnswer {
    if (token === POLICY_DOCUMENT) {
        try {
            return { kind: "rendered", result: { ...args, ...renderPolicyDocument(args as PolicyDocumentArgs) } };
        } catch (e) {
            if (e instanceof PolicyDocumentError) return { kind: "failed", reason: e.message };
            throw e;
        }
    }
    const lookup = LOOKUPS[token];
    if (lookup) return lookup(args, ctx);
    // The default VPC, which @pulumi/awsx and many programs look up and then chain further
    // lookups on: an unknown id there would leave every later lookup empty in a preview.
    if (token === VPC && args.default === true && Object.keys(args).every((k) => k === "default" || k === "region")) {
        const { region } = awsRegion(ctx);
        const id = PLACEHOLDER.defaultVpcId;
        return { kind: "placeholder", result: { ...unknownResult(fields), ...args, id, arn: `arn:aws:ec2:${region}:${PLACEHOLDER.accountId}:vpc/${id}`, cidrBlock: "172.31.0.0/16", default: true, ownerId: PLACEHOLDER.accountId } };
    }
    const ami = typeof args.name === "string" && token === SSM_PARAMETER ? publicAmiParameter(args.name) : undefined;
    if (ami !== undefined) return { kind: "placeholder", result: { ...unknownResult(fields), ...args, id: args.name, value: ami, insecureValue: ami, type: "String" } };
    return { kind: "unknown", result: unknownResult(fields) };
}

/**
 * The AMI ids AWS publishes as public SSM parameters (`/aws/service/.../image_id`,
 * `/aws/service/ami-*`), and the ECS-optimized AMI's `recommended` document, a JSON object that
 * @pulumi/awsx's classic autoscaling groups parse: a placeholder AMI, since a program reads these
 * as plain strings (a promise-form invoke has no unknowns in a real preview). Any other parameter
 * is the account's own and stays unknown.
 */
function publicAmiParameter(name: string): string | undefined {
    if (!name.startsWith("/aws/service/")) return undefined;
    if (/\/optimized-ami\/.*\/recommended$/.test(name)) {
        return JSON.stringify({ image_id: PLACEHOLDER.amiId, image_name: "phi-guard-placeholder", os: "Amazon Linux 2", schema_version: 1 });
    }
    if (/\/image_id$/.test(name) || /^\/aws\/service\/ami-/.test(name)) return PLACEHOLDER.amiId;
    return undefined;
}

/**
 * An invoke's result with every field unknown. A list is one unknown element, so a program that
 * indexes or maps it keeps running; a result of unknown shape still carries an unknown, so the
 * SDK makes an Output-form invoke unknown as a whole.
 */
export function unknownResult(fields: ResultField[] | undefined): Record<string, unknown> {
    if (!fields || fields.length === 0) return { result: UNKNOWN_WIRE_VALUE };
    return Object.fromEntries(fields.map((f) => [f.name, f.container === "array" ? [UNKNOWN_WIRE_VALUE] : UNKNOWN_WIRE_VALUE]));
}

type Lookup = (args: Record<string, unknown>, ctx: InvokeContext) => InvokeAnswer;

/** The region the AWS provider is configured with (`aws:region`), as its own lookups answer it. */
function awsRegion(ctx: InvokeContext): { region: string; configured: boolean } {
    const region = ctx.config["aws:region"];
    return region ? { region, configured: true } : { region: PLACEHOLDER.region, configured: false };
}

const LOOKUPS: Record<string, Lookup> = {
    [CALLER_IDENTITY]: () => ({
        kind: "placeholder",
        result: { accountId: PLACEHOLDER.accountId, arn: `arn:aws:iam::${PLACEHOLDER.accountId}:user/phi-guard-placeholder`, userId: "PHIGUARDPLACEHOLDER", id: PLACEHOLDER.accountId },
    }),
    [REGION]: (_args, ctx) => {
        const { region, configured } = awsRegion(ctx);
        return { kind: configured ? "rendered" : "placeholder", result: { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com`, description: region } };
    },
    [PARTITION]: (_args, ctx) => {
        const { region, configured } = awsRegion(ctx);
        const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        const dnsSuffix = partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        return { kind: configured ? "rendered" : "placeholder", result: { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") } };
    },
    [AVAILABILITY_ZONES]: (args, ctx) => {
        const { region } = awsRegion(ctx);
        const letters = ["a", "b", "c"];
        return {
            kind: "placeholder",
            result: {
                ...args,
                id: region,
                names: letters.map((l) => `${region}${l}`),
                zoneIds: letters.map((_, i) => `placeholder-az${i + 1}`),
                groupNames: [region],
            },
        };
    },
    [AZURE_CLIENT_CONFIG]: (_args, ctx) => ({
        kind: "placeholder",
        result: {
            clientId: ctx.config["azure-native:clientId"] || PLACEHOLDER.azureClientId,
            objectId: PLACEHOLDER.azureObjectId,
            subscriptionId: ctx.config["azure-native:subscriptionId"] || PLACEHOLDER.azureSubscriptionId,
            tenantId: ctx.config["azure-native:tenantId"] || PLACEHOLDER.azureTenantId,
        },
    }),
};

/** The tokens the scan answers with placeholders (for docs and reports). */
export const PLACEHOLDER_TOKENS = Object.keys(LOOKUPS);

// ---- aws.iam.getPolicyDocument ---------------------------------------------------------------
// Rendered as terraform-provider-aws renders the aws_iam_policy_document data source
// (internal/service/iam/policy_document_data_source.go and policy_model.go, read for this):
// source documents merged first, then the statements given, then override documents, statements
// with the same Sid replaced in place; set-valued lists (actions, resources, principal
// identifiers) de-duplicated and, with more than one element, sorted in reverse; one element
// becomes a plain string; condition values keep their order; `&{` becomes `${`; keys in Go's
// struct order, map keys sorted, and `<`, `>`, `&` escaped as Go's encoder does.

export class PolicyDocumentError extends Error {}

interface PrincipalArgs {
    type?: string;
    identifiers?: string[];
}
interface ConditionArgs {
    test?: string;
    variable?: string;
    values?: string[];
}
interface StatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: PrincipalArgs[];
    notPrincipals?: PrincipalArgs[];
    conditions?: ConditionArgs[];
}
export interface PolicyDocumentArgs {
    version?: string;
    policyId?: string;
    statements?: StatementArgs[];
    sourcePolicyDocuments?: (string | null)[];
    overridePolicyDocuments?: (string | null)[];
    sourceJson?: string;
    overrideJson?: string;
}

type Strings = string | string[];
interface Principal {
    type: string;
    identifiers: Strings;
}
interface Condition {
    test: string;
    variable: string;
    values: Strings;
}
interface Statement {
    sid: string;
    effect: string;
    action?: unknown;
    notAction?: unknown;
    resource?: unknown;
    notResource?: unknown;
    principal: Principal[];
    notPrincipal: Principal[];
    condition: Condition[];
}
interface PolicyDoc {
    version: string;
    id: string;
    statements: Statement[];
}

export function renderPolicyDocument(args: PolicyDocumentArgs): { json: string; minifiedJson: string; id: string } {
    checkShape(args);
    for (const key of ["sourceJson", "overrideJson"] as const) {
        if (args[key]) throw new PolicyDocumentError(`${key} is no longer used: give sourcePolicyDocuments or overridePolicyDocuments`);
    }
    const merged: PolicyDoc = { version: "", id: "", statements: [] };
    const sourceSids = new Set<string>();
    (args.sourcePolicyDocuments ?? []).forEach((text, index) => {
        if (text === null || text === undefined) return;
        const doc = parseDocument(text, `merging source document ${index}`);
        doc.statements.forEach((s, n) => {
            if (!s.sid) return;
            if (sourceSids.has(s.sid)) throw new PolicyDocumentError(`merging source document ${index}: duplicate Sid (${s.sid}) in sourcePolicyDocuments (statement ${n})`);
            sourceSids.add(s.sid);
        });
        mergeInto(merged, doc);
    });
    const version = args.version ?? "2012-10-17";
    if (version !== "2012-10-17" && version !== "2008-10-17") throw new PolicyDocumentError(`version must be 2012-10-17 or 2008-10-17, not ${version}`);
    const sids = new Set<string>();
    const statements = (args.statements ?? []).map((s, i) => {
        const sid = s.sid ?? "";
        if (sid && sids.has(sid)) throw new PolicyDocumentError(`duplicate Sid (${sid}): remove the Sid or make it unique`);
        if (sid) sids.add(sid);
        const effect = s.effect ?? "Allow";
        if (effect !== "Allow" && effect !== "Deny") throw new PolicyDocumentError(`statements[${i}].effect must be Allow or Deny, not ${effect}`);
        return {
            sid,
            effect,
            action: setValue(s.actions),
            notAction: setValue(s.notActions),
            resource: withPolicyVariables(setValue(s.resources), version),
            notResource: withPolicyVariables(setValue(s.notResources), version),
            principal: (s.principals ?? []).map((p) => principalOf(p, version)),
            notPrincipal: (s.notPrincipals ?? []).map((p) => principalOf(p, version)),
            condition: (s.conditions ?? []).map((c) => conditionOf(c, version)),
        };
    });
    mergeInto(merged, { version, id: args.policyId ?? "", statements });
    (args.overridePolicyDocuments ?? []).forEach((text, index) => {
        if (text !== null && text !== undefined) mergeInto(merged, parseDocument(text, `merging override document ${index}`));
    });
    const doc = documentJson(merged);
    const json = goJson(doc, 2);
    return { json, minifiedJson: goJson(doc), id: String(crc32(json)) };
}

/**
 * Arguments of the wrong shape (a Pulumi YAML program passes whatever it wrote) fail the invoke,
 * as the provider's schema fails them, rather than the scan.
 */
function checkShape(args: PolicyDocumentArgs): void {
    const isObject = (v: unknown) => !!v && typeof v === "object" && !Array.isArray(v);
    const list = (v: unknown, name: string, ofObjects = false): void => {
        if (v === undefined || v === null) return;
        if (!Array.isArray(v)) throw new PolicyDocumentError(`${name} must be a list`);
        if (ofObjects && v.some((x) => !isObject(x))) throw new PolicyDocumentError(`each of ${name} must be an object`);
    };
    if (!isObject(args)) throw new PolicyDocumentError("the arguments must be an object");
    list(args.sourcePolicyDocuments, "sourcePolicyDocuments");
    list(args.overridePolicyDocuments, "overridePolicyDocuments");
    list(args.statements, "statements", true);
    for (const s of args.statements ?? []) {
        for (const key of ["actions", "notActions", "resources", "notResources"] as const) list(s[key], key);
        for (const key of ["principals", "notPrincipals"] as const) {
            list(s[key], key, true);
            for (const p of s[key] ?? []) list(p.identifiers, "identifiers");
        }
        list(s.conditions, "conditions", true);
        for (const c of s.conditions ?? []) list(c.values, "values");
    }
}

function mergeInto(target: PolicyDoc, doc: PolicyDoc): void {
    if (doc.id) target.id = doc.id;
    if (doc.version > target.version) target.version = doc.version;
    for (const s of doc.statements) {
        const i = s.sid ? target.statements.findIndex((t) => t.sid === s.sid) : -1;
        if (i >= 0) target.statements[i] = s;
        else target.statements.push(s);
    }
}

/** A set of strings as the provider writes it: unique, one as a string, several sorted in reverse. */
function setValue(values: string[] | undefined): Strings | undefined {
    const unique = [...new Set((values ?? []).map(String))];
    if (unique.length === 0) return undefined;
    if (unique.length === 1) return unique[0];
    return unique.sort().reverse();
}

function withPolicyVariables<T extends Strings | undefined>(v: T, version: string): T {
    const replace = (s: string) => {
        if (version === "2008-10-17" && s.includes("&{")) throw new PolicyDocumentError(`found &{ sequence in (${s}), which is not supported in document version 2008-10-17`);
        return s.split("&{").join("${");
    };
    if (v === undefined) return v;
    return (Array.isArray(v) ? v.map(replace) : replace(v)) as T;
}

function principalOf(p: PrincipalArgs, version: string): Principal {
    return { type: String(p.type ?? ""), identifiers: withPolicyVariables(setValue(p.identifiers) ?? [], version) };
}

function conditionOf(c: ConditionArgs, version: string): Condition {
    const values = withPolicyVariables((c.values ?? []).map(String), version);
    return { test: String(c.test ?? ""), variable: String(c.variable ?? ""), values: values.length === 1 ? values[0] : values };
}

/** A policy document given as JSON, read as the provider's model reads it. */
function parseDocument(text: string, context: string): PolicyDoc {
    let raw: any;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new PolicyDocumentError(`${context}: ${e instanceof Error ? e.message : e}`);
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new PolicyDocumentError(`${context}: not a JSON object`);
    const field = (o: Record<string, unknown>, name: string) => Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    const statementsRaw = field(raw, "Statement");
    // The provider's model holds a list of statements: a single statement object is an error there too.
    if (statementsRaw !== undefined && statementsRaw !== null && !Array.isArray(statementsRaw)) throw new PolicyDocumentError(`${context}: Statement is not a list`);
    const list = (statementsRaw ?? []) as Record<string, unknown>[];
    const statements = list.map((s: Record<string, unknown>): Statement => {
        if (!s || typeof s !== "object") throw new PolicyDocumentError(`${context}: a statement is not a JSON object`);
        return {
            sid: String(field(s, "Sid") ?? ""),
            effect: String(field(s, "Effect") ?? ""),
            action: field(s, "Action") ?? undefined,
            notAction: field(s, "NotAction") ?? undefined,
            resource: field(s, "Resource") ?? undefined,
            notResource: field(s, "NotResource") ?? undefined,
            principal: parsePrincipals(field(s, "Principal"), context),
            notPrincipal: parsePrincipals(field(s, "NotPrincipal"), context),
            condition: parseConditions(field(s, "Condition")),
        };
    });
    return { version: String(field(raw, "Version") ?? ""), id: String(field(raw, "Id") ?? ""), statements };
}

function parsePrincipals(v: unknown, context: string): Principal[] {
    if (v === undefined || v === null) return [];
    if (typeof v === "string") return [{ type: "*", identifiers: ["*"] }];
    if (typeof v !== "object" || Array.isArray(v)) throw new PolicyDocumentError(`${context}: unsupported Principal`);
    return Object.entries(v as Record<string, unknown>).map(([type, ids]) => {
        if (typeof ids === "string") return { type, identifiers: ids };
        if (Array.isArray(ids)) return { type, identifiers: ids.map(String).sort() };
        throw new PolicyDocumentError(`${context}: unsupported Principal ${type}`);
    });
}

function parseConditions(v: unknown): Condition[] {
    if (!v || typeof v !== "object") return [];
    const out: Condition[] = [];
    for (const [test, variables] of Object.entries(v as Record<string, unknown>)) {
        if (!variables || typeof variables !== "object") continue;
        for (const [variable, values] of Object.entries(variables as Record<string, unknown>)) {
            // The provider's model keeps strings, booleans (as strings) and lists, and drops numbers.
            if (typeof values === "string") out.push({ test, variable, values: [values] });
            else if (typeof values === "boolean") out.push({ test, variable, values: String(values) });
            else if (Array.isArray(values)) out.push({ test, variable, values: values.map(String) });
        }
    }
    return out;
}

function principalsJson(ps: Principal[]): unknown {
    if (ps.length === 0) return undefined;
    if (ps.length === 1 && ps[0].type === "*") {
        const ids = ps[0].identifiers;
        if (ids === "*" || (Array.isArray(ids) && ids.length === 1 && ids[0] === "*")) return "*";
    }
    const raw: Record<string, Strings> = {};
    for (const p of ps) {
        const existing = raw[p.type];
        if (Array.isArray(p.identifiers)) {
            const ids = [...p.identifiers].sort().reverse();
            raw[p.type] = existing === undefined ? ids : [...(typeof existing === "string" ? [existing] : existing), ...ids];
        } else {
            raw[p.type] = existing === undefined ? p.identifiers : [...(typeof existing === "string" ? [existing] : existing), p.identifiers];
        }
    }
    return sortedKeys(raw);
}

function conditionsJson(cs: Condition[]): unknown {
    if (cs.length === 0) return undefined;
    const raw: Record<string, Record<string, string[]>> = {};
    for (const c of cs) {
        const byVariable = (raw[c.test] ??= {});
        byVariable[c.variable] = [...(byVariable[c.variable] ?? []), ...(Array.isArray(c.values) ? c.values : [c.values])];
    }
    return sortedKeys(Object.fromEntries(Object.entries(raw).map(([test, vars]) => [test, sortedKeys(Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.length === 1 ? v[0] : v])))])));
}

function sortedKeys<T>(o: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

const omitEmpty = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function documentJson(doc: PolicyDoc): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (doc.version) out.Version = doc.version;
    if (doc.id) out.Id = doc.id;
    if (doc.statements.length > 0) {
        out.Statement = doc.statements.map((s) => {
            const fields: [string, unknown][] = [
                ["Sid", s.sid],
                ["Effect", s.effect],
                ["Action", s.action],
                ["NotAction", s.notAction],
                ["Resource", s.resource],
                ["NotResource", s.notResource],
                ["Principal", principalsJson(s.principal)],
                ["NotPrincipal", principalsJson(s.notPrincipal)],
                ["Condition", conditionsJson(s.condition)],
            ];
            return Object.fromEntries(fields.filter(([, v]) => !omitEmpty(v)));
        });
    }
    return out;
}

/** JSON as Go's encoding/json writes it: `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: unknown, indent?: number): string {
    return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
