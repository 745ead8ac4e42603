import { types } from "./type-tokens";
import { asBool, isUnknown, PlainObject, Unknown } from "./values";

export const CLOUDTRAIL_TRAILS = types("aws:cloudtrail/trail:Trail");

/** Whether a trail is logging: `enableLogging` defaults to true. */
export function trailEnabled(trail: PlainObject): boolean | Unknown {
    const v = asBool(trail.enableLogging);
    return isUnknown(v) ? v : v !== false;
}
