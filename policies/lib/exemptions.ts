import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isIsoDate, today } from "./clock";
import { isObject, PlainObject } from "./values";
import { wildcardMatch } from "./wildcard";

/** An exemption written in policy config. */
export interface ConfigExemption {
    resource: string;
    reason: string;
    expires: string;
    approvedBy?: string;
}

export const EXEMPTION_OPTIONS: Record<"exemptions", PolicyConfigJSONSchema> = {
    exemptions: {
        type: "array",
        default: [],
        description:
            "Resources excused from this control: resource is a URN or a name pattern (`*` wildcards); reason and expires (YYYY-MM-DD, last valid day) are required; approvedBy is recommended. Exempt findings stay visible as not applicable.",
        items: {
            type: "object",
            required: ["resource", "reason", "expires"],
            additionalProperties: false,
            properties: {
                resource: { type: "string", minLength: 1 },
                reason: { type: "string", minLength: 1, pattern: "\\S" },
                expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
                approvedBy: { type: "string" },
            },
        },
    },
};

/** The tag that exempts a resource in code: `phi-guard:exempt:<control id>`. */
export const exemptionTag = (controlId: string) => `phi-guard:exempt:${controlId}`;

export type ExemptionStatus =
    | { status: "active"; note: string }
    | { status: "expired"; note: string }
    | { status: "invalid"; note: string };

interface Target {
    urn: string;
    name: string;
    props: PlainObject;
}

function describe(e: ConfigExemption, source: string): string {
    return `${e.reason.trim()} (until ${e.expires}${e.approvedBy ? `, approved by ${e.approvedBy}` : ""}; ${source})`;
}

/**
 * Parses an exemption tag value: free text for the reason plus `expires=YYYY-MM-DD` and an
 * optional `approvedBy=...`, separated by semicolons.
 */
function fromTag(value: string): ConfigExemption | string {
    const fields: Record<string, string> = {};
    const reason: string[] = [];
    for (const part of value.split(";").map((p) => p.trim()).filter(Boolean)) {
        const m = /^(expires|approvedBy)\s*=\s*(.+)$/i.exec(part);
        if (m) fields[m[1].toLowerCase()] = m[2].trim();
        else reason.push(part);
    }
    if (reason.length === 0) return "it gives no reason";
    if (!fields.expires || !isIsoDate(fields.expires)) return "it needs expires=YYYY-MM-DD";
    return { resource: "", reason: reason.join("; "), expires: fields.expires, approvedBy: fields.approvedby };
}

function judge(e: ConfigExemption, source: string): ExemptionStatus {
    if (!isIsoDate(e.expires)) return { status: "invalid", note: `its exemption (${source}) has an invalid expiry date` };
    if (e.expires < today()) return { status: "expired", note: `its exemption (${source}) expired on ${e.expires}` };
    return { status: "active", note: describe(e, source) };
}

/** The exemption that applies to a resource for one control, from its tag or from config. */
export function exemptionFor(controlId: string, target: Target, configured: readonly ConfigExemption[]): ExemptionStatus | undefined {
    const tags = target.props.tags;
    const tagValue = isObject(tags) ? tags[exemptionTag(controlId)] : undefined;
    if (typeof tagValue === "string") {
        const parsed = fromTag(tagValue);
        if (typeof parsed === "string") return { status: "invalid", note: `its ${exemptionTag(controlId)} tag is invalid: ${parsed}` };
        return judge(parsed, `tag ${exemptionTag(controlId)}`);
    }
    const match = configured.find((e) => e.resource === target.urn || wildcardMatch(e.resource, target.name) || wildcardMatch(e.resource, target.urn));
    return match && judge(match, "policy config");
}
