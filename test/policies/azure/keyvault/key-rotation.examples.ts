import { azKeyvaultKeyRotation as control } from "../../../../policies/azure/keyvault/key-rotation";
import { defineExamples, fails, resource } from "../../../examples";

const key = (rotationPolicy?: object) =>
    resource("azure-native:keyvault:Key", "phi-key", { resourceGroupName: "rg-phi", vaultName: "phi-kv", keyName: "phi-key", properties: { kty: "RSA", keySize: 3072, ...(rotationPolicy ? { rotationPolicy } : {}) } });
const policy = (timeAfterCreate: string) => ({ lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate } }, { action: { type: "notify" }, trigger: { timeBeforeExpiry: "P30D" } }], attributes: { expiryTime: "P2Y" } });
const none = key();
const slow = key(policy("P2Y"));

export default defineExamples({
    control,
    passing: { baseline: { says: "a key that rotates every 90 days", resources: [key(policy("P90D"))] } },
    failing: {
        "no-rotation-policy": { says: "no rotation policy", resources: [none], findings: [fails(none, "properties.rotationPolicy.lifetimeActions"), fails(none, "properties.rotationPolicy.attributes.expiryTime")] },
        "rotates-every-two-years": { says: "rotation every two years", resources: [slow], findings: [fails(slow, "properties.rotationPolicy.lifetimeActions[0].trigger")] },
    },
});
