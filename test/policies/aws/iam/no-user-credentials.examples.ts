import { awsIamNoUserCredentials as control } from "../../../../policies/aws/iam/no-user-credentials";
import { defineExamples, fails, resource, serviceTrust } from "../../../examples";
import { urnOf } from "../../../harness";

const role = resource("aws:iam/role:Role", "app", { assumeRolePolicy: serviceTrust("lambda.amazonaws.com") });
const alice = resource("aws:iam/user:User", "alice", { name: "alice" });
const key = resource("aws:iam/accessKey:AccessKey", "alice-key", { user: "alice" }, { propertyDependencies: { user: [urnOf(alice)] } });
const login = resource("aws:iam/userLoginProfile:UserLoginProfile", "alice-login", { user: "alice", passwordLength: 32 });
const attached = resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "alice-read", { user: "alice", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });

export default defineExamples({
    control,
    passing: { baseline: { says: "a workload role and a user with no credentials or policies of their own", resources: [role, alice] } },
    failing: {
        "access-key": { says: "a long-lived access key for the user", resources: [role, alice, key], findings: [fails(key, "user")] },
        "console-password": { says: "a console password for the user", resources: [role, alice, login], findings: [fails(login, "user")] },
        "policy-on-user": { says: "a managed policy attached to the user directly", resources: [role, alice, attached], findings: [fails(attached, "policyArn")] },
    },
});
