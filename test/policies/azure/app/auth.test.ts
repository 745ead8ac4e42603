import { strict as assert } from "assert";
import { azAppAuth as control } from "../../../../policies/azure/app/auth";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const APP = "azure-native:web:WebApp";
const AUTH = "azure-native:web:WebAppAuthSettingsV2";

const app = (props: Record<string, unknown> = {}, name = "app"): TestResource => ({ type: APP, name, props: { resourceGroupName: "rg", httpsOnly: true, ...props } });
const auth = (target: TestResource, props: Record<string, unknown> = {}, type = AUTH): TestResource => ({
    type,
    name: `${target.name}-auth`,
    props: {
        resourceGroupName: "rg",
        name: unknown,
        platform: { enabled: true },
        globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "Return401" },
        identityProviders: { azureActiveDirectory: { enabled: true, registration: { clientId: "app-id", clientSecretSettingName: "AAD_SECRET" } } },
        ...props,
    },
    propertyDependencies: { name: [urnOf(target)] },
});

describe("az-app-auth", () => {
    it("passes an app whose auth settings require authentication", async () => {
        const a = app();
        const r = await runStack(control, [a, auth(a)]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags an app without auth settings, on the app", async () => {
        const a = app();
        const r = await runStack(control, [a]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no authentication settings .* at authSettingsV2:/);
        assert.deepEqual(r.urns, [urnOf(a)]);
    });

    it("flags a function app without auth settings", async () => {
        const r = await runStack(control, [app({ kind: "functionapp,linux" }, "fn")]);
        assertFindings(r, [{ at: "authSettingsV2", urn: "urn:pulumi:test::test::azure-native:web:WebApp::fn" }]);
    });

    it("flags the versioned WebApp token", async () => {
        const r = await runStack(control, [{ ...app(), type: "azure-native:web/v20240401:WebApp" }]);
        assertFindings(r, [{ at: "authSettingsV2", urn: "urn:pulumi:test::test::azure-native:web/v20240401:WebApp::app" }]);
    });

    it("flags auth settings with the platform disabled", async () => {
        const a = app();
        const s = auth(a, { platform: { enabled: false } });
        const r = await runStack(control, [a, s]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not enabled at platform\.enabled:/);
        assert.deepEqual(r.urns, [urnOf(s)]);
    });

    it("flags auth settings that do not require authentication", async () => {
        const a = app();
        const r = await runStack(control, [a, auth(a, { globalValidation: { requireAuthentication: false } })]);
        assert.match(r.violations[0], /at globalValidation\.requireAuthentication:/);
    });

    it("flags AllowAnonymous in any case", async () => {
        const a = app();
        const r = await runStack(control, [a, auth(a, { globalValidation: { requireAuthentication: true, unauthenticatedClientAction: "allowanonymous" } })]);
        assert.match(r.violations[0], /AllowAnonymous.* at globalValidation\.unauthenticatedClientAction:/);
    });

    it("checks WebAppAuthSettingsV2WithoutSecrets the same way", async () => {
        const a = app();
        const r = await runStack(control, [a, auth(a, { platform: { enabled: false } }, "azure-native:web:WebAppAuthSettingsV2WithoutSecrets")]);
        assertFindings(r, [{ at: "platform.enabled", urn: "urn:pulumi:test::test::azure-native:web:WebAppAuthSettingsV2WithoutSecrets::app-auth" }]);
    });

    it("checks legacy WebAppAuthSettings: AllowAnonymous is flagged", async () => {
        const a = app();
        const v1: TestResource = { type: "azure-native:web:WebAppAuthSettings", name: "v1", props: { resourceGroupName: "rg", name: unknown, enabled: true, unauthenticatedClientAction: "AllowAnonymous" }, propertyDependencies: { name: [urnOf(a)] } };
        const r = await runStack(control, [a, v1]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at unauthenticatedClientAction:/);
    });

    it("passes legacy WebAppAuthSettings that redirect to login", async () => {
        const a = app();
        const v1: TestResource = { type: "azure-native:web:WebAppAuthSettings", name: "v1", props: { resourceGroupName: "rg", name: unknown, enabled: true, unauthenticatedClientAction: "RedirectToLoginPage" }, propertyDependencies: { name: [urnOf(a)] } };
        const r = await runStack(control, [a, v1]);
        assertFindings(r, []);
    });

    it("joins by a literal app name", async () => {
        const a = app({ name: "phi-portal" });
        const s = { ...auth(a, { name: "phi-portal" }), propertyDependencies: {} };
        const r = await runStack(control, [a, s]);
        assertFindings(r, []);
    });

    it("does not count auth settings of another app", async () => {
        const a = app({}, "a");
        const b = app({}, "b");
        const r = await runStack(control, [a, b, auth(a)]);
        assert.deepEqual(r.urns, [urnOf(b)]);
    });

    it("skips apps outside the PHI scope when scoped by tag", async () => {
        const r = await runStack(control, [app({ tags: { "data-classification": "public" } })], { settings: { phiScope: "tagged" } });
        assertFindings(r, []);
    });

    it("reports unknown settings as unverified", async () => {
        const a = app();
        const r = await runStack(control, [a, auth(a, { platform: { enabled: unknown } })]);
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /platform\.enabled/);
    });

    it("does not echo secret values of the settings", async () => {
        const a = app();
        const r = await runStack(control, [a, auth(a, { platform: { enabled: false }, identityProviders: { azureActiveDirectory: { registration: { clientSecretSettingName: secret("s3cr3t") } } } })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
