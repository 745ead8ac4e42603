import type { ResourceControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { deletionWindowProp, KMS_KEYS } from "../../lib/aws-kms-key";
import { asBool, asNumber, asString, isUnknown } from "../../lib/values";

export { KMS_KEYS };

interface Config {
    minDeletionWindowInDays: number;
    maxRotationPeriodInDays: number;
}

export const awsKmsRotation: ResourceControl<Config> = {
    id: "aws-kms-rotation",
    title: "KMS keys rotate and cannot be deleted quickly",
    cloud: "aws",
    category: "key-management",
    severity: "high",
    hipaa: [prowler("164.312(a)(2)(iv)")],
    description:
        "Symmetric customer-managed keys must rotate their key material automatically, and their scheduled deletion must wait long enough to be noticed and cancelled. A key deleted by an insider makes every record it encrypted unreadable.",
    remediation: "Set enableKeyRotation: true (with rotationPeriodInDays at most the configured maximum) and deletionWindowInDays: 30 on the aws.kms.Key.",
    unknowns: "An unknown key spec, enableKeyRotation, rotation period or deletion window is reported as unverified.",
    config: {
        minDeletionWindowInDays: { type: "integer", minimum: 7, maximum: 30, default: 30, description: "Shortest deletion window accepted, in days (the provider default is 30)." },
        maxRotationPeriodInDays: { type: "integer", minimum: 90, maximum: 2560, default: 365, description: "Longest automatic rotation period accepted, in days (the provider default is 365)." },
    },
    types: KMS_KEYS,
    remediate: {
        valueFor: (at, config) =>
            at === "enableKeyRotation" ? true : at === "rotationPeriodInDays" ? config.maxRotationPeriodInDays : at === "deletionWindowInDays" || at === "pendingWindowInDays" ? config.minDeletionWindowInDays : undefined,
        changes: "turns on automatic rotation (enableKeyRotation: true), shortens a rotation period above the configured maximum to that maximum, and lengthens a deletion window below the configured minimum to that minimum",
        safe: "Rotation is turned on in place (KMS EnableKeyRotation) and keeps every earlier key version, so everything the key encrypted stays readable; the deletion window is read only when the key is scheduled for deletion. Nothing is replaced and no access changes.",
    },
    checkResource(key, ctx) {
        const spec = asString(key.props.keySpec ?? key.props.customerMasterKeySpec);
        const usage = asString(key.props.keyUsage);
        if (isUnknown(spec) || isUnknown(usage)) ctx.unverified(isUnknown(spec) ? (key.props.keySpec !== undefined ? "keySpec" : "customerMasterKeySpec") : "keyUsage");
        else if ((spec === undefined || spec.toUpperCase() === "SYMMETRIC_DEFAULT") && (usage === undefined || usage.toUpperCase() === "ENCRYPT_DECRYPT")) {
            // Rotation exists only for symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
            const rotation = asBool(key.props.enableKeyRotation);
            if (isUnknown(rotation)) ctx.unverified("enableKeyRotation");
            else if (rotation !== true) ctx.fail({ problem: "automatic key rotation is off", at: "enableKeyRotation", fix: "set enableKeyRotation: true" });
            else {
                const period = asNumber(key.props.rotationPeriodInDays);
                if (isUnknown(period)) ctx.unverified("rotationPeriodInDays");
                else if (period !== undefined && period > ctx.config.maxRotationPeriodInDays) {
                    ctx.fail({ problem: `the key rotates only every ${period} days (more than ${ctx.config.maxRotationPeriodInDays})`, at: "rotationPeriodInDays", fix: `set rotationPeriodInDays to at most ${ctx.config.maxRotationPeriodInDays}` });
                }
            }
        }
        const windowAt = deletionWindowProp(key.type);
        const window = asNumber(key.props[windowAt]);
        if (isUnknown(window)) ctx.unverified(windowAt);
        else if (window !== undefined && window < ctx.config.minDeletionWindowInDays) {
            ctx.fail({ problem: `the deletion window is ${window} days (less than ${ctx.config.minDeletionWindowInDays})`, at: windowAt, fix: `set ${windowAt} to ${ctx.config.minDeletionWindowInDays} or more` });
        }
    },
};
