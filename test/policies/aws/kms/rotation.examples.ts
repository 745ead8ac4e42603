import { awsKmsRotation as control } from "../../../../policies/aws/kms/rotation";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const key = (props: Record<string, unknown>) => resource("aws:kms/key:Key", "phi-key", { description: "PHI records", enableKeyRotation: true, ...props });
const off = key({ enableKeyRotation: false });
const shortWindow = key({ deletionWindowInDays: 7 });
const longPeriod = key({ rotationPeriodInDays: 730 });
const unknownRotation = key({ enableKeyRotation: unknown });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a symmetric key that rotates yearly, with the default 30-day deletion window", resources: [key({})] },
        asymmetric: { says: "an asymmetric signing key, which AWS cannot rotate", resources: [resource("aws:kms/key:Key", "signing", { customerMasterKeySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" })] },
    },
    failing: {
        "no-rotation": { says: "rotation off", resources: [off], findings: [fails(off, "enableKeyRotation")] },
        "short-deletion-window": { says: "a 7-day deletion window", resources: [shortWindow], findings: [fails(shortWindow, "deletionWindowInDays")] },
        "long-rotation-period": { says: "rotation every two years", resources: [longPeriod], findings: [fails(longPeriod, "rotationPeriodInDays")] },
        "unknown-rotation": { says: "rotation unknown until the update", resources: [unknownRotation], findings: [unverifiedAt(unknownRotation, "enableKeyRotation")] },
    },
});
