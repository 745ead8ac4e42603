import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { firstGrantedWith } from "../../lib/aws/actions";
import { collectPrincipalRights, IAM_GROUPS, IAM_PRINCIPALS, IAM_ROLES, label, ownRoleRights, PERMISSION_SETS, readRights, ReadRights, RightSource, unreadableAt } from "../../lib/aws/principals";
import { administratorRights } from "../../lib/aws/privilege";
import { inferred } from "../../lib/hipaa";
import { isAllow, Statement } from "../../lib/iam-document";
import { Settled } from "../../lib/settled";
import { unionOf } from "../../lib/type-tokens";
import { tagValues } from "../../lib/tags";
import { isGivenText, isUnknown, Plain, PlainObject, Unknown, UNKNOWN } from "../../lib/values";

interface Config {
    requiredTags: string[];
    expiresTag: string;
    requireExpiry: boolean;
}

/** Today's date (UTC, YYYY-MM-DD); tests replace it to pin the date. */
export const clock = { today: (): string => new Date().toISOString().slice(0, 10) };

/** Why a statement makes its holder need a recorded justification, UNKNOWN when it cannot be read. */
function sensitivity(s: Statement): string | undefined | Unknown {
    if (isUnknown(s.effect)) return UNKNOWN;
    const admin = administratorRights(s);
    if (typeof admin === "string") return `administrator rights (${admin})`;
    if (!isAllow(s)) return undefined;
    const read = firstGrantedWith(s, "read-phi");
    if (typeof read === "string") return `PHI data access (${read})`;
    return isUnknown(read) || isUnknown(admin) ? UNKNOWN : undefined;
}

/** A grant whose tags or holder must record who asked, why and until when. */
interface Sensitive {
    why: string;
    at: string;
    source: RightSource;
}


/** A tag's value, read as every tag phi-guard acts on is (lib/tags: a map, or aws-native's list of { key, value }). */
function tagValue(props: PlainObject, key: string): Plain {
    const values = tagValues(props, key);
    return isUnknown(values) ? UNKNOWN : (values.find(isGivenText) ?? values[0]);
}

/** Checks the justification tags of one resource (the principal, or for a group the policy granting the rights). */
function checkTags(holder: ResourceInput, reason: string, urn: string, ctx: CheckContext<Config>, prefix = ""): void {
    const tags = holder.props.tags;
    if (isUnknown(tags)) return ctx.unverified(`${prefix}tags`, urn);
    const missing = ctx.config.requiredTags.filter((t) => !isGivenText(tagValue(holder.props, t)));
    if (ctx.config.requireExpiry && !isGivenText(tagValue(holder.props, ctx.config.expiresTag))) missing.push(ctx.config.expiresTag);
    if (missing.length > 0) {
        ctx.fail({
            problem: `${label(holder)} grants ${reason} without the ${missing.map((m) => `"${m}"`).join(", ")} tag${missing.length > 1 ? "s" : ""} recording who asked for it, why and until when`,
            at: `${prefix}tags`,
            fix: `tag it with ${ctx.config.requiredTags.join(", ")} (the request, the ticket and the accountable owner) and ${ctx.config.expiresTag} (YYYY-MM-DD) for temporary access`,
            urn,
        });
    }
    const expires = tagValue(holder.props, ctx.config.expiresTag);
    if (typeof expires !== "string" || expires.trim() === "") return;
    const date = /^(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?$/.exec(expires.trim());
    if (!date || Number.isNaN(Date.parse(date[1]))) {
        ctx.fail({ problem: `the ${ctx.config.expiresTag} tag is not a date`, at: `${prefix}tags.${ctx.config.expiresTag}`, fix: "write the expiry as YYYY-MM-DD", urn });
    } else if (date[1] < clock.today()) {
        ctx.fail({
            problem: `the grant of ${reason} expired on ${date[1]} and is still in place`,
            at: `${prefix}tags.${ctx.config.expiresTag}`,
            fix: "remove the access, or renew it with a new ticket, justification and expiry date",
            urn,
        });
    }
}

/** The statements of a principal's rights that need a recorded justification, and the first source or statement that cannot be read. */
function sensitiveRights(rights: ReadRights): { sensitive: Sensitive[]; unsure?: string } {
    const sensitive: Sensitive[] = [];
    let unsure: string | undefined = rights.unreadable[0] && unreadableAt(rights.unreadable[0]);
    for (const g of rights.statements) {
        const why = sensitivity(g.statement);
        if (isUnknown(why)) unsure ??= g.at;
        else if (why) sensitive.push({ why, at: g.at, source: g.source });
    }
    return { sensitive, unsure };
}

const settled = new Settled();

/**
 * Judges what a principal's own properties settle: every permission set needs the record, and a
 * role whose own policies grant sensitive rights does. False, reporting nothing, when only the
 * stack can tell.
 */
function settle(principal: ResourceInput, ctx: CheckContext<Config>): boolean {
    if (PERMISSION_SETS.has(principal.type)) {
        checkTags(principal, "Identity Center access", principal.urn, ctx);
        return true;
    }
    if (!IAM_ROLES.has(principal.type)) return false;
    const { sensitive } = sensitiveRights(ownRoleRights(principal));
    if (sensitive.length === 0) return false;
    checkTags(principal, sensitive[0].why, principal.urn, ctx);
    return true;
}

export const awsIamGrantJustification: ResourceControl<Config> = {
    id: "aws-iam-grant-justification",
    title: "Privileged and PHI-reading IAM grants record who asked, why and until when",
    cloud: "aws",
    judges: IAM_PRINCIPALS,
    category: "standing-privilege",
    severity: "medium",
    hipaa: [inferred("164.308(a)(4)(ii)(B)"), inferred("164.308(a)(3)(ii)(B)")],
    description:
        "Roles, users and groups with administrator, IAM-administration or PHI data rights, and every Identity Center permission set, must carry tags naming the justification, the ticket and the owner, so access reviews can tell authorised access from access that crept in. A grant whose expiry date has passed is standing access nobody renewed.",
    remediation:
        "Tag the role, user or permission set with justification, ticket and owner (and expires, YYYY-MM-DD, for temporary access); IAM groups cannot be tagged, so tag the customer-managed aws.iam.Policy that grants the group its rights, or grant through a role or permission set.",
    unknowns: "A Resource unknown at preview counts as a specific ARN, not \"*\". Unknown tags are reported as unverified (advisory); a tag whose value is unknown counts as present; unknown or unreadable policies of an otherwise untagged principal are reported as unverified.",
    config: {
        requiredTags: {
            type: "array",
            items: { type: "string" },
            default: ["justification", "ticket", "owner"],
            description: "Tags every privileged or PHI-reading grant must carry (keys matched case-insensitively).",
        },
        expiresTag: { type: "string", default: "expires", description: "Tag holding the date (YYYY-MM-DD) after which the grant must be gone; a past date is a violation." },
        requireExpiry: { type: "boolean", default: false, description: "Also require the expiry tag on every privileged or PHI-reading grant." },
    },
    acrossResources:
        "Users, groups, and roles whose own policies grant nothing sensitive: their rights gathered from every attachment, policy and group of the stack; for a group, the tags of the customer-managed policy that grants the rights.",
    types: unionOf(IAM_ROLES, PERMISSION_SETS),
    checkResource(principal, ctx) {
        settled.record(principal.urn, settle(principal, ctx));
    },
    checkStack(stack, ctx) {
        for (const { principal, sources } of collectPrincipalRights(stack).values()) {
            if (settled.has(principal.urn)) continue;
            const { sensitive, unsure } = sensitiveRights(readRights(sources));
            if (sensitive.length === 0) {
                if (unsure) ctx.unverified(unsure, principal.urn);
                continue;
            }
            if (!IAM_GROUPS.has(principal.type)) {
                checkTags(principal, sensitive[0].why, principal.urn, ctx);
                continue;
            }
            // Groups cannot be tagged: the customer-managed policy that grants the rights carries the record.
            const seen = new Set<string>();
            for (const s of sensitive) {
                if (!s.source.policy) {
                    ctx.fail({
                        problem: `${label(principal)} grants ${s.why} through ${s.source.via}, and neither an IAM group nor that grant can carry justification tags`,
                        at: s.at,
                        fix: "grant the rights through a tagged customer-managed aws.iam.Policy attached to the group, or through a tagged role or permission set",
                        urn: principal.urn,
                    });
                } else if (!seen.has(s.source.policy.urn)) {
                    seen.add(s.source.policy.urn);
                    checkTags(s.source.policy, s.why, principal.urn, ctx, `${s.source.via.replace(/ policy$/, "")} `);
                }
            }
        }
    },
};
