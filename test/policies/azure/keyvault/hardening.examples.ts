import { azKeyvaultHardening as control } from "../../../../policies/azure/keyvault/hardening";
import { defineExamples, fails, resource } from "../../../examples";

const vault = (props: Record<string, unknown>) =>
    resource("azure-native:keyvault:Vault", "phi-kv", {
        resourceGroupName: "rg-phi",
        properties: { tenantId: "00000000-0000-0000-0000-0000000000aa", sku: { family: "A", name: "premium" }, enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: "Disabled", ...props },
    });
const noPurge = vault({ enablePurgeProtection: false });
const accessPolicies = vault({ enableRbacAuthorization: false });
const open = vault({ publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow" } });

export default defineExamples({
    control,
    passing: { baseline: { says: "purge protection, RBAC authorization and no public network access", resources: [vault({})] } },
    failing: {
        "no-purge-protection": { says: "purge protection off", resources: [noPurge], findings: [fails(noPurge, "properties.enablePurgeProtection")] },
        "access-policies": { says: "vault access policies instead of RBAC", resources: [accessPolicies], findings: [fails(accessPolicies, "properties.enableRbacAuthorization")] },
        "public-network": { says: "reachable from any network", resources: [open], findings: [fails(open, "properties.publicNetworkAccess")] },
    },
});
