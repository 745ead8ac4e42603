import { types } from "./type-tokens";
import { isUnknown, Plain } from "./values";

export const LOG_GROUPS = types("aws:cloudwatch/logGroup:LogGroup");

/**
 * Whether a log group's `kmsKeyId` names a key. An unknown value is a key created or looked up in
 * the same update, so it counts as set; CloudWatch Logs accepts only customer-managed keys there.
 */
export function hasLogGroupKey(kmsKeyId: Plain): boolean {
    return isUnknown(kmsKeyId) || (typeof kmsKeyId === "string" && kmsKeyId.trim() !== "");
}
