import { types } from "./type-tokens";
import { isUnknown, Plain } from "./values";

/** Log groups from both AWS providers (aws-native names retentionInDays and kmsKeyId as @pulumi/aws does). */
export const LOG_GROUPS = types("aws:cloudwatch/logGroup:LogGroup", "aws-native:logs:LogGroup");

/**
 * Whether a log group's `kmsKeyId` names a key. An unknown value is a key created or looked up in
 * the same update, so it counts as set; CloudWatch Logs accepts only customer-managed keys there.
 */
export function hasLogGroupKey(kmsKeyId: Plain): boolean {
    return isUnknown(kmsKeyId) || (typeof kmsKeyId === "string" && kmsKeyId.trim() !== "");
}
