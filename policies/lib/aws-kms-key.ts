import { isUnknown, Plain } from "./values";

/** AWS-managed keys are named alias/aws/<service>, alone or in an alias ARN. */
const AWS_MANAGED_ALIAS = /(^|[:/])alias\/aws\//i;

/**
 * Whether a key reference names a customer-managed key. An id unknown at preview is a key created
 * in the same update, so it counts as one; a missing id or an AWS-managed alias does not.
 */
export function customerKeyProblem(key: Plain): "missing" | "aws-managed" | undefined {
    if (isUnknown(key)) return undefined;
    if (typeof key !== "string" || key.trim() === "") return "missing";
    return AWS_MANAGED_ALIAS.test(key.trim()) ? "aws-managed" : undefined;
}
