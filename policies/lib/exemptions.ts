import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { addDays, isIsoDate } from "./clock";
import { tagsWithPrefix } from "./tags";
import { isUnknown, Plain, PlainObject } from "./values";
import { wildcardMatch } from "./wildcard";

/**
 * Exemptions are granted by whoever owns the policy config, never by the program: the pack-wide
 * list in phi-guard-settings names each exemption's controls and its target precisely. A tag on a
 * resource grants nothing unless the config says so, and then only within what the config allows:
 * a reference to one of its exemptions (which must still match the resource), or a self-service
 * exemption for the controls it lists and no longer than the days it sets.
 */

/** An exemption written in the policy config. */
export interface ConfigExemption {
    id: string;
    controls: string[];
    /** A URN pattern (`*` wildcards), or all four of project, stack, type and name. */
    urn?: string;
    project?: string;
    stack?: string;
    type?: string;
    name?: string;
    reason: string;
    /** The last day it holds (YYYY-MM-DD). */
    expires: string;
    approvedBy?: string;
    /** Honoured only on resources whose exemption tag references it by id. */
    requireTag?: boolean;
}

export interface ExemptionSettings {
    exemptions: ConfigExemption[];
    tagReferences: boolean;
    selfServiceControls: string[];
    selfServiceMaxDays: number;
}

/** The tag that asks for an exemption in code: `phi-guard:exempt:<control id>`. */
export const EXEMPTION_TAG_PREFIX = "phi-guard:exempt:";
export const exemptionTag = (controlId: string) => `${EXEMPTION_TAG_PREFIX}${controlId}`;

const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const pattern = (what: string): PolicyConfigJSONSchema => ({ type: "string", minLength: 1, description: what });

/** The exemption options of phi-guard-settings; control ids are an enum, so a misspelt id is invalid config. */
export function exemptionOptions(controlIds: readonly string[]): Record<keyof ExemptionSettings, PolicyConfigJSONSchema> {
    const controlId: PolicyConfigJSONSchema = { type: "string", enum: [...controlIds] };
    const exemption = {
        type: "object",
        required: ["id", "controls", "reason", "expires"],
        additionalProperties: false,
        properties: {
            id: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", description: "Unique name, e.g. a ticket id; tags reference it." },
            controls: { type: "array", minItems: 1, items: controlId, description: "The controls it excuses." },
            urn: { type: "string", pattern: "^urn:pulumi:", description: "The target as a URN pattern; give this, or all four of project, stack, type and name." },
            project: pattern("Pulumi project of the target (pattern)."),
            stack: pattern("Stack of the target (pattern)."),
            type: pattern("Resource type token of the target, e.g. aws:s3/bucket:Bucket (pattern)."),
            name: pattern("Resource name of the target (pattern)."),
            reason: { type: "string", minLength: 1, pattern: "\\S", description: "Why the finding is accepted; shown in every report." },
            expires: { type: "string", pattern: DATE, description: "Last day it holds." },
            approvedBy: { type: "string", description: "Who approved it; shown in every report." },
            requireTag: { type: "boolean", description: "Honour it only on resources whose exemption tag references this id (needs tagReferences)." },
        },
        // Name the target precisely: a URN pattern, or project, stack, type and name together.
        anyOf: [{ required: ["urn"] }, { required: ["project", "stack", "type", "name"] }],
    } as PolicyConfigJSONSchema;
    return {
        exemptions: {
            type: "array",
            default: [],
            items: exemption,
            description:
                "Exemptions the config owner grants: each has an id, the controls it excuses, its target (a URN pattern, or project, stack, type and name, all matched case-sensitively with `*` wildcards; it must match everything it names), a reason and an expiry (last valid day); approvedBy is recommended.",
        },
        tagReferences: {
            type: "boolean",
            default: false,
            description: `Let a \`${EXEMPTION_TAG_PREFIX}<control>\` tag reference an exemption of this list (\`exemption=<id>\`); it is honoured only when that exemption covers the control and matches the resource.`,
        },
        selfServiceControls: {
            type: "array",
            items: controlId,
            default: [],
            description: `Controls for which a \`${EXEMPTION_TAG_PREFIX}<control>\` tag with a reason and \`expires=YYYY-MM-DD\` exempts a resource without review, for at most selfServiceMaxDays. Empty: no self-service.`,
        },
        selfServiceMaxDays: {
            type: "integer",
            minimum: 1,
            maximum: 366,
            default: 30,
            description: "Longest a self-service tag exemption may run, counted from the day it is judged.",
        },
    };
}

/** An exemption in force: what excuses the finding, until when, and who granted it. */
export interface Grant {
    /** The last day it holds. */
    until: string;
    reason: string;
    /** Who granted it, e.g. "exemption CHG-2291 in the policy config, approved by ..." or "self-service tag". */
    source: string;
}

export type ExemptionStatus = { granted: Grant } | { refused: string };

export interface Target {
    urn: string;
    type: string;
    props: PlainObject;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>`; the name may itself contain `::`. */
function urnParts(urn: string): { stack: string; project: string; name: string } | undefined {
    const m = /^urn:pulumi:(.*?)::(.*?)::(.*?)::(.*)$/s.exec(urn);
    return m ? { stack: m[1], project: m[2], name: m[4] } : undefined;
}

const matches = (p: string | undefined, value: string | undefined) => p === undefined || (value !== undefined && wildcardMatch(p, value, true));

/** Whether an exemption names this resource: everything it names must match, and it must name enough. */
export function targets(e: ConfigExemption, t: Target): boolean {
    if (e.urn === undefined && [e.project, e.stack, e.type, e.name].some((f) => f === undefined)) return false;
    const u = urnParts(t.urn);
    return matches(e.urn, t.urn) && matches(e.project, u?.project) && matches(e.stack, u?.stack) && matches(e.type, t.type) && matches(e.name, u?.name);
}

const inForce = (expires: string, today: string) => isIsoDate(expires) && today <= expires;

function configGrant(e: ConfigExemption, how = ""): Grant {
    return { until: e.expires, reason: e.reason.trim(), source: `exemption ${e.id} in the policy config${how}${e.approvedBy ? `, approved by ${e.approvedBy}` : ""}` };
}

/** A tag value: free text for the reason, plus `expires=YYYY-MM-DD` or `exemption=<id>`, separated by semicolons. */
function parseTag(value: string): { reason: string; expires?: string; exemption?: string } {
    const fields: Record<string, string> = {};
    const reason: string[] = [];
    for (const part of value.split(";").map((p) => p.trim()).filter(Boolean)) {
        const m = /^(expires|exemption|approvedBy)\s*=\s*(.*)$/i.exec(part);
        // An approver written in a tag proves nothing, so it is not kept.
        if (m) fields[m[1].toLowerCase()] = m[2].trim();
        else reason.push(part);
    }
    return { reason: reason.join("; "), expires: fields.expires, exemption: fields.exemption };
}

type TagJudgement = { granted: Grant } | { why: string };

function judgeTag(controlId: string, value: Plain, t: Target, s: ExemptionSettings, today: string): TagJudgement {
    const refused = (why: string) => ({ why });
    if (isUnknown(value)) return refused("its value is unknown until the update");
    if (typeof value !== "string") return refused("its value is not text");
    const tag = parseTag(value);
    if (tag.exemption !== undefined) {
        if (!s.tagReferences) return refused("the policy config does not let tags reference exemptions (tagReferences)");
        const named = s.exemptions.filter((e) => e.id === tag.exemption);
        if (named.length !== 1) return refused(named.length === 0 ? "the exemption it references is not in the policy config" : "the exemption id it references is defined more than once");
        const e = named[0];
        if (!e.controls.includes(controlId)) return refused(`exemption ${e.id} does not cover ${controlId}`);
        if (!targets(e, t)) return refused(`exemption ${e.id} does not name this resource`);
        if (!inForce(e.expires, today)) return refused(`exemption ${e.id} expired on ${e.expires}`);
        return { granted: configGrant(e, ", referenced by a tag") };
    }
    if (!s.selfServiceControls.includes(controlId)) return refused("the policy config allows no self-service tag exemptions for this control (selfServiceControls)");
    if (!tag.reason) return refused("it gives no reason");
    if (!tag.expires || !isIsoDate(tag.expires)) return refused("it needs expires=YYYY-MM-DD");
    if (tag.expires < today) return refused(`it expired on ${tag.expires}`);
    const latest = addDays(today, s.selfServiceMaxDays);
    if (tag.expires > latest) return refused(`it runs past the ${s.selfServiceMaxDays} days the policy config allows (selfServiceMaxDays: ${latest} at the latest)`);
    return { granted: { until: tag.expires, reason: tag.reason, source: "self-service tag, not reviewed" } };
}

/** The config exemptions that name this resource for this control and apply without a tag. */
const configured = (controlId: string, t: Target, s: ExemptionSettings) => s.exemptions.filter((e) => !e.requireTag && e.controls.includes(controlId) && targets(e, t));

/** How each of the resource's exemption tags for this control (any spelling of the key) is judged. */
const tagJudgements = (controlId: string, t: Target, s: ExemptionSettings, today: string) =>
    tagsWithPrefix(t.props, EXEMPTION_TAG_PREFIX)
        .filter((x) => x.suffix.trim() === controlId)
        .map((x) => judgeTag(controlId, x.value, t, s, today));

/**
 * The exemption of one resource from one control on `today`: granted, refused (with why, so the
 * finding can say it), or undefined when none is asked for. A config exemption that names the
 * resource comes first; a tag is judged only as far as the config lets it.
 */
export function exemptionFor(controlId: string, t: Target, s: ExemptionSettings, today: string): ExemptionStatus | undefined {
    const named = configured(controlId, t, s);
    const active = named.find((e) => inForce(e.expires, today));
    if (active) return { granted: configGrant(active) };
    const refusals = named.map((e) => `its exemption ${e.id} expired on ${e.expires}`);
    for (const j of tagJudgements(controlId, t, s, today)) {
        if ("granted" in j) return j;
        refusals.push(`its ${exemptionTag(controlId)} tag is not honoured: ${j.why}`);
    }
    return refusals.length > 0 ? { refused: refusals.join("; ") } : undefined;
}

/**
 * Why the resource's exemption tag for this control is not honoured, or undefined when it carries
 * none, when a tag is honoured, or when the config exempts the resource anyway (the tag changes nothing).
 */
export function unhonouredTag(controlId: string, t: Target, s: ExemptionSettings, today: string): string | undefined {
    if (configured(controlId, t, s).some((e) => inForce(e.expires, today))) return undefined;
    const judgements = tagJudgements(controlId, t, s, today);
    if (judgements.some((j) => "granted" in j)) return undefined;
    return judgements.length > 0 ? judgements.map((j) => (j as { why: string }).why).join("; ") : undefined;
}

/** The controls a resource's exemption tags name (as written after the prefix, lower-cased). */
export function exemptionTagControls(props: PlainObject): string[] {
    return [...new Set(tagsWithPrefix(props, EXEMPTION_TAG_PREFIX).map((t) => t.suffix.trim()))];
}
