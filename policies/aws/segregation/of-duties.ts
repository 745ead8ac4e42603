import type { StackControl } from "../../control";
import { CHANGE_ACTIONS, firstGranted, PHI_READ_ACTIONS } from "../../lib/aws-capabilities";
import { collectPrincipalRights, isNamed, label, readRights, unreadableAt, IAM_PRINCIPALS } from "../../lib/aws-principals";
import { inferred } from "../../lib/hipaa";
import { isAllow } from "../../lib/iam-document";
import { isUnknown } from "../../lib/values";

interface Config {
    allowedPrincipals: string[];
    changeActions: string[];
    phiReadActions: string[];
}

type Found = { action: string; at: string } | undefined;

export const awsSegregationOfDuties: StackControl<Config> = {
    id: "aws-segregation-of-duties",
    title: "No IAM principal can both change production and read PHI",
    cloud: "aws",
    judges: IAM_PRINCIPALS,
    category: "segregation-of-duties",
    severity: "high",
    hipaa: [inferred("164.308(a)(3)(ii)(A)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A role, user, group or permission set that can push code, change pipelines, functions, stacks or IAM and also read PHI lets one insider change what runs in production to exfiltrate data and then read it, with nobody else involved. Rights are gathered from inline policies, attached customer-managed policies, AWS managed policies and group membership.",
    remediation:
        "Split the rights: give deployment and IAM changes to a pipeline or deployer role that cannot read PHI, and PHI reads to a separate workload or analyst role; grant both to one principal only for a configured break-glass role.",
    unknowns:
        "A policy document unknown at preview, a policy outside the stack or an AWS managed policy phi-guard does not model is reported as unverified (advisory) when it could complete the combination; a document that cannot be parsed is a violation.",
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
            default: [...CHANGE_ACTIONS],
            description: "Actions (IAM patterns allowed) that change code, pipelines, functions, stacks or IAM.",
        },
        phiReadActions: {
            type: "array",
            items: { type: "string" },
            default: [...PHI_READ_ACTIONS],
            description: "Actions (IAM patterns allowed) that read data which may be PHI.",
        },
    },
    checkStack(stack, ctx) {
        for (const { principal, sources } of collectPrincipalRights(stack).values()) {
            if (isNamed(principal, ctx.config.allowedPrincipals)) continue;
            const rights = readRights(sources);
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
                const c = firstGranted(s, ctx.config.changeActions);
                if (isUnknown(c)) unsure = changeMaybe = true;
                else if (c && !change) change = { action: c, at: g.at };
                const r = firstGranted(s, ctx.config.phiReadActions);
                if (isUnknown(r)) unsure = readMaybe = true;
                else if (r && !read) read = { action: r, at: g.at };
            }
            for (const { source, reason } of rights.invalid) {
                ctx.fail({ problem: `${reason}, so the rights it grants to ${label(principal)} cannot be checked`, at: source.via, fix: "supply a valid IAM policy document", urn: principal.urn });
            }
            if (change && read) {
                ctx.fail({
                    problem: `${label(principal)} can read PHI (${read.action} via ${read.at}) and also change production (${change.action})`,
                    at: change.at,
                    urn: principal.urn,
                });
            } else if (unsure && (change || changeMaybe) && (read || readMaybe)) {
                const first = rights.unreadable[0];
                ctx.unverified(first ? unreadableAt(first) : "the principal's policy statements", principal.urn);
            }
        }
    },
};
