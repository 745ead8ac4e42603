import type { ResourceControl } from "../../control";
import { inferred } from "../../lib/hipaa";
import { describeActions, unconstrainedWith } from "../../lib/aws/actions";
import { forEachNarrowerGrant } from "../../lib/aws/documents";
import { IDENTITY_DOCUMENT_TYPES } from "../../lib/aws/rights";
import { isUnknown } from "../../lib/values";

export const awsIamKmsWildcard: ResourceControl = {
    id: "aws-iam-kms-wildcard",
    title: "IAM policies allow no decryption with every KMS key",
    cloud: "aws",
    category: "key-management",
    severity: "high",
    hipaa: [inferred("164.312(a)(2)(iv)")],
    description:
        "kms:Decrypt, kms:ReEncrypt* or kms:* on every key lets a principal decrypt any PHI encrypted with a customer-managed key, wherever the ciphertext is stored. Decryption rights should name the keys that protect the data the principal works on.",
    remediation:
        "Scope kms:Decrypt and kms:ReEncrypt* to the ARNs of the specific keys (or constrain them with kms:ViaService, kms:EncryptionContext or aws:ResourceTag conditions), and never allow kms:* in an identity policy.",
    unknowns: "A Resource (or Resource item) or condition value unknown at preview is the output of another resource, an ARN or id, so it counts as specific; an unknown document, Effect, Action list or Condition block is reported as unverified (advisory); a document that cannot be parsed is a violation.",
    types: IDENTITY_DOCUMENT_TYPES,
    checkResource(resource, ctx) {
        forEachNarrowerGrant(resource, ctx, (s, at, ctx) => {
            const granted = unconstrainedWith(s, "decrypt");
            if (isUnknown(granted)) ctx.unverified(at);
            else if (granted.length > 0) {
                ctx.fail({ problem: `${describeActions(granted)} ${granted.length === 1 ? "is" : "are"} allowed on every KMS key`, at });
            }
        });
    },
};
