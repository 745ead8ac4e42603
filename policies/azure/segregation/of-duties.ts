import type { StackControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { ROLE_ASSIGNMENTS } from "../../lib/azure/roles";
import { principalKey, resolveRole, roleLabel, RoleGrant } from "../../lib/azure-rbac";
import type { StackResource } from "../../lib/stack-index";
import { isUnknown, Unknown } from "../../lib/values";

interface Config {
    allowedPrincipalIds: string[];
}

interface Held {
    assignment: StackResource;
    grant: RoleGrant | Unknown;
}

export const azSegregationOfDuties: StackControl<Config> = {
    id: "az-segregation-of-duties",
    title: "No principal both changes infrastructure or code and reads PHI",
    cloud: "azure",
    judges: ROLE_ASSIGNMENTS,
    category: "segregation-of-duties",
    severity: "high",
    hipaa: [inferred("164.308(a)(3)(ii)(A)"), inferred("164.308(a)(4)(ii)(B)")],
    description:
        "A principal that can change infrastructure, applications or pipelines (Owner, Contributor, Website Contributor, AcrPush, ...) and also read PHI (Storage Blob Data Reader, Key Vault Secrets User, account keys, ...) can ship code that exfiltrates data and read the data directly, and can cover one act with the other. Keeping the two duties with different principals means no single insider holds the whole path.",
    remediation:
        "Give deployment and administration rights and PHI data-read rights to different principals (e.g. a pipeline identity with Website Contributor and an application identity with Storage Blob Data Reader), or list an accepted exception in allowedPrincipalIds.",
    unknowns:
        "Assignments whose principalId is unknown at preview are grouped by the managed identity of the stack it comes from; an unknown role of a principal that holds the other duty, or an unknown principal of a write or read role, is reported as unverified (advisory).",
    acrossResources: "Every judgement: the roles one principal holds across all its assignments.",
    config: {
        allowedPrincipalIds: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Principal object ids accepted to hold both duties (with a documented compensating control).",
        },
    },
    checkStack(stack, ctx) {
        const allowed = new Set(ctx.config.allowedPrincipalIds.map((p) => `id:${p.trim().toLowerCase()}`));
        const byPrincipal = new Map<string, Held[]>();
        for (const assignment of stack.ofType(ROLE_ASSIGNMENTS)) {
            const grant = resolveRole(stack, assignment);
            const key = principalKey(stack, assignment);
            if (key === undefined) {
                if (isUnknown(grant) || grant.kind === "other" || grant.role.controlWrite || grant.role.dataRead) ctx.unverified("principalId", assignment.urn);
                continue;
            }
            if (allowed.has(key)) continue;
            const list = byPrincipal.get(key);
            if (list) list.push({ assignment, grant });
            else byPrincipal.set(key, [{ assignment, grant }]);
        }
        for (const held of byPrincipal.values()) {
            const writes = held.filter((h) => !isUnknown(h.grant) && h.grant.kind !== "other" && h.grant.role.controlWrite);
            const reads = held.filter((h) => !isUnknown(h.grant) && h.grant.kind !== "other" && h.grant.role.dataRead);
            const unknown = held.filter((h) => isUnknown(h.grant));
            if (writes.length > 0 && reads.length > 0) {
                const writeRoles = [...new Set(writes.map((h) => roleLabel(h.grant as RoleGrant)))].join(", ");
                for (const r of reads) {
                    // A built-in role that is both (Storage Account Contributor lists keys) is Azure's own
                    // packaging of one duty; a custom role that bundles both is the violation itself.
                    if (writes.length === 1 && writes[0] === r && (r.grant as RoleGrant).kind === "built-in") continue;
                    ctx.fail({
                        problem: `the principal reads PHI with ${roleLabel(r.grant as RoleGrant)} and also changes infrastructure or code with ${writeRoles}`,
                        at: "roleDefinitionId",
                        urn: r.assignment.urn,
                    });
                }
            } else if (unknown.length > 0 && (writes.length > 0 || reads.length > 0)) {
                for (const u of unknown) ctx.unverified("roleDefinitionId", u.assignment.urn);
            }
        }
    },
};
