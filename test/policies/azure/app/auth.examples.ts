import { azAppAuth as control } from "../../../../policies/azure/app/auth";
import { change, defineExamples, fails, linked, resource, without } from "../../../examples";

const app = resource("azure-native:web:WebApp", "portal", { resourceGroupName: "rg-phi", serverFarmId: "plan", httpsOnly: true });
const auth = linked("azure-native:web:WebAppAuthSettingsV2", "portal-auth", "name", app, {
    resourceGroupName: "rg-phi",
    platform: { enabled: true },
    globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "Return401" },
    identityProviders: { azureActiveDirectory: { enabled: true, registration: { clientId: "00000000-0000-0000-0000-00000000a11c", clientSecretSettingName: "AAD_SECRET" } } },
});
const baseline = [app, auth];
const allowAnonymous = change(baseline, "portal-auth", { globalValidation: { requireAuthentication: false, unauthenticatedClientAction: "AllowAnonymous" } });
const off = change(baseline, "portal-auth", { platform: { enabled: false } });

export default defineExamples({
    control,
    passing: { baseline: { says: "a web app whose Easy Auth settings require Entra ID sign-in", resources: baseline } },
    failing: {
        "no-auth-settings": { says: "no authentication settings", resources: without(baseline, "portal-auth"), findings: [fails(app, "authSettingsV2")] },
        "allow-anonymous": { says: "anonymous requests are let through", resources: allowAnonymous, findings: [fails(allowAnonymous[1], "globalValidation.requireAuthentication")] },
        "auth-off": { says: "authentication turned off", resources: off, findings: [fails(off[1], "platform.enabled")] },
    },
});
