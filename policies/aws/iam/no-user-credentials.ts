import type { StackControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { managedPolicyGrants, principalListed, principalRefs } from "../../lib/aws-iam-principals";
import { asList, isUnknown } from "../../lib/values";
import { types } from "../../lib/type-tokens";

interface Config {
    exemptUsers: string[];
}

/** What each user-bound resource means and the property that names its user. */
const USER_GRANTS: Record<string, { what: string; at: string; userProp: string }> = {
    "aws:iam/accessKey:AccessKey": { what: "a long-lived access key", at: "user", userProp: "user" },
    "aws:iam/userLoginProfile:UserLoginProfile": { what: "a console password (login profile)", at: "user", userProp: "user" },
    "aws:iam/userPolicy:UserPolicy": { what: "an inline policy attached directly to the user", at: "policy", userProp: "user" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { what: "a managed policy attached directly to the user", at: "policyArn", userProp: "user" },
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": { what: "managed policies attached directly to the user", at: "policyArns", userProp: "userName" },
    "aws:iam/policyAttachment:PolicyAttachment": { what: "a managed policy attached directly to users", at: "users", userProp: "users" },
};

export const awsIamNoUserCredentials: StackControl<Config> = {
    id: "aws-iam-no-user-credentials",
    title: "IAM users hold no long-lived credentials and no direct permissions",
    cloud: "aws",
    judges: types(...Object.keys(USER_GRANTS)),
    category: "standing-privilege",
    severity: "high",
    hipaa: [prowler("164.308(a)(3)(ii)(C)"), prowler("164.308(a)(5)(ii)(D)")],
    description:
        "Access keys and console passwords of IAM users are long-lived secrets that outlive the people and jobs they were made for, and policies attached to users grant standing rights outside any role or just-in-time process. People should sign in through IAM Identity Center and workloads should assume roles with temporary credentials.",
    remediation:
        "Remove the access key, login profile or user policy; give people access through IAM Identity Center permission sets and workloads through IAM roles (instance profiles, IRSA, OIDC federation).",
    unknowns: "A user name unknown at preview cannot be compared with exemptUsers, so the credential is flagged unless the user is a resource of the stack; an unknown user policy list is reported as unverified (advisory).",
    config: {
        exemptUsers: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "User names (IAM name or Pulumi resource name) allowed long-lived credentials and direct policies, e.g. a documented legacy integration.",
        },
    },
    checkStack(stack, ctx) {
        const exempt = ctx.config.exemptUsers;
        for (const r of stack.resources) {
            const grant = USER_GRANTS[r.type];
            if (!grant) continue;
            if (r.type === "aws:iam/policyAttachment:PolicyAttachment" || r.type === "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive") {
                const held = r.type === "aws:iam/policyAttachment:PolicyAttachment" ? asList(r.props.users) : managedPolicyGrants(r);
                if (isUnknown(held)) {
                    // A list of outputs (user names) still links the users it names.
                    if (stack.linked(r, grant.userProp).length === 0) {
                        ctx.unverified(grant.at, r.urn);
                        continue;
                    }
                } else if (held.length === 0) continue;
            }
            const users = principalRefs(stack, r, grant.userProp);
            if (users.length > 0 && users.every((u) => principalListed(u, exempt))) continue;
            ctx.fail({ problem: `an IAM user is given ${grant.what}`, at: grant.at, urn: r.urn });
        }
    },
};
