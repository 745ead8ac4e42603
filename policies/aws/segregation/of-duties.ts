import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { firstGrantedWith } from "../../lib/aws/actions";
import { collectPrincipalRights, IAM_PRINCIPALS, IAM_ROLES, isNamed, label, ownRoleRights, readRights, ReadRights, unreadableAt } from "../../lib/aws/principals";
import { inferred } from "../../lib/hipaa";
import { isAllow } from "../../lib/iam-document";
import { Settled } from "../../lib/settled";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedPrincipals: string[];
    changeActions: string[];
    phiReadActions: string[];
}

type Found = { action: string; at: string } | undefined;

/** The first change and the first PHI read a principal's rights grant, and whether unreadable rights might complete the pair. */
function duties(rights: ReadRights, config: Config): { change: Found; read: Found; maybe: boolean } {
    let change: Found;
    let read: Found;
    let unsure = rights.unreadable.length > 0;
    let changeMaybe = unsure;
    let readMaybe = unsure;
    for (const g of rights.statements) {
        const s = g.statement;
        if (isUnknown(s.effect)) {
            unsure = changeMaybe = readMaybe = true;
            continue;
        }
        if (!isAllow(s)) continue;
        const c = firstGrantedWith(s, "change", config.changeActions);
        if (isUnknown(c)) unsure = changeMaybe = true;
        else if (c && !change) change = { action: c, at: g.at };
        const r = firstGrantedWith(s, "read-phi", config.phiReadActions);
        if (isUnknown(r)) unsure = readMaybe = true;
        else if (r && !read) read = { action: r, at: g.at };
    }
    return { change, read, maybe: unsure && (change !== undefined || changeMaybe) && (read !== undefined || readMaybe) };
}

function reportInvalid(rights: ReadRights, principal: ResourceInput, ctx: CheckContext<Config>): void {
    for (const { source, reason } of rights.invalid) {
        ctx.fail({ problem: `${reason}, so the rights it grants to ${label(principal)} cannot be checked`, at: source.via, fix: "supply a valid IAM policy document", urn: principal.urn });
    }
}

function reportBoth(principal: ResourceInput, change: NonNullable<Found>, read: NonNullable<Found>, ctx: CheckContext<Config>): void {
    ctx.fail({ problem: `${label(principal)} can read PHI (${read.action} via ${read.at}) and also change production (${change.action})`, at: change.at, urn: principal.urn });
}

const settled = new Settled();

/**
 * Judges a role whose own inline and AWS managed policies alone grant both duties (with its own
 * documents that cannot be parsed). False, reporting nothing, when the stack must add the rest.
 */
function settle(role: ResourceInput, ctx: CheckContext<Config>): boolean {
    if (isNamed(role, ctx.config.allowedPrincipals)) return true;
    const rights = ownRoleRights(role);
    const { change, read } = duties(rights, ctx.config);
    if (!change || !read) return false;
    reportInvalid(rights, role, ctx);
    reportBoth(role, change, read, ctx);
    return true;
}

export const awsSegregationOfDuties: ResourceControl<Config> = {
    id: "aws-segregation-of-duties",
    title: "No IAM principal can both change production and read PHI",
    cloud: "aws",
    judges: IAM_PRINCIPALS,
    category: "segregation-of-duties",
    severity: "high",
    hipaa: [inferred("164.308(a)(3)(ii)(A)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A role, user, group or permission set that can push code, change pipelines, functions, stacks or IAM and also read PHI lets one insider change what runs in production to exfiltrate data and then read it, with nobody else involved. Rights are gathered from inline policies, attached customer-managed policies, AWS managed policies (judged by their statements), permission-set policies and group membership; what each action allows comes from the one action table.",
    remediation:
        "Split the rights: give deployment and IAM changes to a pipeline or deployer role that cannot read PHI, and PHI reads to a separate workload or analyst role; grant both to one principal only for a configured break-glass role.",
    unknowns:
        "A policy document unknown at preview, a policy outside the stack or an AWS managed policy newer than phi-guard's dataset is reported as unverified (advisory) when it could complete the combination; a document that cannot be parsed is a violation.",
    config: {
        allowedPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Break-glass principals (Pulumi resource name or IAM name) allowed to hold both kinds of rights.",
        },
        changeActions: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Further actions (IAM patterns allowed) that change code, pipelines, functions, stacks or IAM, beside those the action table marks as changes.",
        },
        phiReadActions: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Further actions (IAM patterns allowed) that read data which may be PHI, beside those the action table marks as PHI reads.",
        },
    },
    acrossResources:
        "Users, groups, permission sets, and roles whose own policies do not grant both duties: their rights gathered from every attachment, policy and group of the stack.",
    types: IAM_ROLES,
    checkResource(role, ctx) {
        settled.record(role.urn, settle(role, ctx));
    },
    checkStack(stack, ctx) {
        for (const { principal, sources } of collectPrincipalRights(stack).values()) {
            if (isNamed(principal, ctx.config.allowedPrincipals)) continue;
            const rights = readRights(sources);
            if (settled.has(principal.urn)) {
                // Analyze judged the role's own policies; what the stack attaches to it can still be unreadable.
                reportInvalid({ ...rights, invalid: rights.invalid.filter((i) => !i.source.own) }, principal, ctx);
                continue;
            }
            reportInvalid(rights, principal, ctx);
            const { change, read, maybe } = duties(rights, ctx.config);
            if (change && read) reportBoth(principal, change, read, ctx);
            else if (maybe) {
                const first = rights.unreadable[0];
                ctx.unverified(first ? unreadableAt(first) : "the principal's policy statements", principal.urn);
            }
        }
    },
};
