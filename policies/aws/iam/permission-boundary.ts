import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { unionOf } from "../../lib/type-tokens";
import { principalListed, principalName } from "../../lib/aws/principals";
import { IAM_ROLES, IAM_USERS } from "../../lib/aws/rights";
import { isUnknown } from "../../lib/values";
import { wildcardMatch } from "../../lib/wildcard";

interface Config {
    allowedBoundaries: string[];
    exemptPrincipals: string[];
}

/** Service-linked roles are created and managed by AWS services, which do not accept a boundary. */
const SERVICE_LINKED_PATH = /^\/aws-service-role\//i;

export const awsIamPermissionBoundary: ResourceControl<Config> = {
    id: "aws-iam-permission-boundary",
    title: "IAM roles and users carry a permissions boundary",
    cloud: "aws",
    category: "standing-privilege",
    severity: "medium",
    hipaa: [inferred("164.308(a)(3)(i)")],
    description:
        "A permissions boundary caps what a role or user can ever do, whatever policies are later attached to it, so a mistaken or malicious attachment cannot open a path to PHI. Without one, a principal's rights are only as narrow as its broadest policy.",
    remediation:
        "Set permissionsBoundary to the ARN of your organisation's boundary policy (one of allowedBoundaries when configured).",
    unknowns: "An unknown permissionsBoundary counts as set (a boundary policy created in the same update); when allowedBoundaries is configured it is reported as unverified (advisory).",
    config: {
        allowedBoundaries: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Boundary policy ARNs accepted (`*` wildcards allowed, e.g. `arn:aws:iam::*:policy/phi-boundary`); empty accepts any boundary.",
        },
        exemptPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Role or user names (IAM name or Pulumi resource name) that need no boundary, such as a break-glass role.",
        },
    },
    types: unionOf(IAM_ROLES, IAM_USERS),
    checkResource(resource, ctx) {
        const path = resource.props.path;
        if (isUnknown(path)) {
            ctx.unverified("path");
            return;
        }
        const role = IAM_ROLES.has(resource.type);
        if (role && typeof path === "string" && SERVICE_LINKED_PATH.test(path)) return;
        if (principalListed({ resource, name: principalName(resource) }, ctx.config.exemptPrincipals)) return;
        const kind = role ? "role" : "user";
        const boundary = resource.props.permissionsBoundary;
        const allowed = ctx.config.allowedBoundaries;
        if (isUnknown(boundary)) {
            if (allowed.length > 0) ctx.unverified("permissionsBoundary");
            return;
        }
        if (typeof boundary !== "string" || boundary.trim() === "") {
            ctx.fail({ problem: `the ${kind} has no permissions boundary`, at: "permissionsBoundary" });
            return;
        }
        if (allowed.length > 0 && !allowed.some((a) => wildcardMatch(a.trim(), boundary.trim()))) {
            ctx.fail({ problem: `the ${kind}'s permissions boundary is not one of the configured allowedBoundaries`, at: "permissionsBoundary" });
        }
    },
};
