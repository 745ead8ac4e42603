import { awsKmsKeyPolicy as control } from "../../../../policies/aws/kms/key-policy";
import { defineExamples, fails, iamDoc, resource } from "../../../examples";

const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
const ADMIN = { Sid: "Admins", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/key-admin" }, Action: ["kms:Create*", "kms:Describe*", "kms:Put*", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], Resource: "*" };
const USER = { Sid: "Users", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/app" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" };
const key = (...statements: object[]) => resource("aws:kms/key:Key", "phi-key", { description: "PHI records", enableKeyRotation: true, policy: iamDoc(...statements) });
const anyone = key(ROOT, ADMIN, USER, { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" });
const roleStar = key(ROOT, { ...ADMIN, Action: "kms:*" }, USER);
const both = key(ROOT, ADMIN, { ...USER, Principal: ADMIN.Principal });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "the account root, separate key administrators and key users", resources: [key(ROOT, ADMIN, USER)] },
        "default-policy": { says: "a key with the default policy (the account root only)", resources: [resource("aws:kms/key:Key", "phi-key", { description: "PHI records", enableKeyRotation: true })] },
    },
    failing: {
        "any-principal": { says: 'Principal "*" may decrypt, with no condition', resources: [anyone], findings: [fails(anyone, "policy.Statement[3]")] },
        "role-kms-star": { says: "kms:* for an administrator role", resources: [roleStar], findings: [fails(roleStar, "policy.Statement[1]")] },
        "admin-also-uses": { says: "one principal both administers the key and decrypts with it", resources: [both], findings: [fails(both, "policy.Statement[1] and policy.Statement[2]")] },
    },
});
