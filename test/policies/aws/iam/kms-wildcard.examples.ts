import { awsIamKmsWildcard as control } from "../../../../policies/aws/iam/kms-wildcard";
import { defineExamples, fails, iamDoc, resource } from "../../../examples";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const policy = (policy: unknown) => resource("aws:iam/rolePolicy:RolePolicy", "app-kms", { role: "app", policy });
const base = policy(iamDoc({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: KEY }));
const star = policy(iamDoc({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "*" }));
const keyWildcard = policy(iamDoc({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:aws:kms:us-east-1:111122223333:key/*" }));
const notAction = policy(iamDoc({ Effect: "Allow", NotAction: ["s3:*"], Resource: "arn:aws:kms:us-east-1:111122223333:key/*" }));

export default defineExamples({
    control,
    passing: { baseline: { says: "decryption with one named key", resources: [base] } },
    failing: {
        "every-key": { says: 'kms:Decrypt on Resource "*"', resources: [star], findings: [fails(star, "policy.Statement[0]")] },
        "key-arn-wildcard": { says: "kms:Decrypt on every key of the account", resources: [keyWildcard], findings: [fails(keyWildcard, "policy.Statement[0]")] },
        "not-action": { says: "Allow with NotAction on every key of the account, which includes kms:Decrypt", resources: [notAction], findings: [fails(notAction, "policy.Statement[0]")] },
    },
});
