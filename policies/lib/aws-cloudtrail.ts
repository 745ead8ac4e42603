import { types } from "./type-tokens";
import { asBool, isUnknown, PlainObject, Unknown } from "./values";

/**
 * Trails from both AWS providers. aws-native names every setting phi-guard reads as @pulumi/aws
 * does (s3BucketName, kmsKeyId, enableLogFileValidation, isMultiRegionTrail, the event selectors)
 * except whether it logs (`isLogging`, required, instead of `enableLogging`) and the CloudWatch
 * Logs group it delivers to (`cloudWatchLogsLogGroupArn` instead of `cloudWatchLogsGroupArn`).
 */
export const CLOUDTRAIL_TRAILS = types("aws:cloudtrail/trail:Trail", "aws-native:cloudtrail:Trail");

/** The property that names the CloudWatch Logs group a trail delivers to. */
export const trailLogGroupProp = (type: string): string => (type.startsWith("aws-native:") ? "cloudWatchLogsLogGroupArn" : "cloudWatchLogsGroupArn");

/** The property that turns a trail's logging on or off. */
export const trailLoggingProp = (type: string): string => (type.startsWith("aws-native:") ? "isLogging" : "enableLogging");

/** Whether a trail is logging: `enableLogging` defaults to true (aws-native's `isLogging` must be given). */
export function trailEnabled(trail: { type: string; props: PlainObject }): boolean | Unknown {
    const v = asBool(trail.props[trailLoggingProp(trail.type)]);
    return isUnknown(v) ? v : v !== false;
}
