import { strict as assert } from "assert";
import { azAppTls as control } from "../../../../policies/azure/app/tls";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const APP = "azure-native:web:WebApp";
const app = (props: Record<string, unknown> = {}, siteConfig: Record<string, unknown> = {}) => ({
    type: APP,
    props: { resourceGroupName: "rg", httpsOnly: true, siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled", ...siteConfig }, ...props },
});

describe("az-app-tls", () => {
    it("passes an HTTPS-only app with TLS 1.2 and FTP disabled", async () => {
        const r = await runResource(control, app());
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes TLS 1.3 with FTPS only", async () => {
        const r = await runResource(control, app({}, { minTlsVersion: "1.3", ftpsState: "FtpsOnly" }));
        assertFindings(r, []);
    });

    it("flags httpsOnly false", async () => {
        const r = await runResource(control, app({ httpsOnly: false }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /plain HTTP .* at httpsOnly:/);
    });

    it("flags httpsOnly left unset", async () => {
        const r = await runResource(control, { type: APP, props: { resourceGroupName: "rg", siteConfig: { ftpsState: "Disabled" } } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at httpsOnly:/);
    });

    for (const v of ["1.0", "1.1"]) {
        it(`flags minTlsVersion ${v}`, async () => {
            const r = await runResource(control, app({}, { minTlsVersion: v }));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], new RegExp(`minTlsVersion ${v.replace(".", "\\.")}\\) at siteConfig\\.minTlsVersion:`));
        });
    }

    it("flags scmMinTlsVersion 1.0 on the deployment site", async () => {
        const r = await runResource(control, app({}, { scmMinTlsVersion: "1.0" }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /SCM \(deployment\) site .* at siteConfig\.scmMinTlsVersion:/);
    });

    it("passes an unset minTlsVersion (App Service defaults to 1.2)", async () => {
        const r = await runResource(control, { type: APP, props: { httpsOnly: true, siteConfig: { ftpsState: "Disabled" } } });
        assertFindings(r, []);
    });

    it("flags ftpsState AllAllowed", async () => {
        const r = await runResource(control, app({}, { ftpsState: "AllAllowed" }));
        assert.match(r.violations[0], /plain FTP .*AllAllowed.* at siteConfig\.ftpsState:/);
    });

    it("flags ftpsState left unset", async () => {
        const r = await runResource(control, { type: APP, props: { httpsOnly: true } });
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /AllAllowed by default/);
    });

    it("flags a function app on a versioned token", async () => {
        const r = await runResource(control, { type: "azure-native:web/v20230101:WebApp", props: { ...app({ kind: "functionapp", httpsOnly: "false" }).props } });
        assertFindings(r, [{ at: "httpsOnly" }]);
    });

    it("reports unknown values as unverified", async () => {
        const r = await runResource(control, { type: APP, props: { httpsOnly: unknown, siteConfig: unknown } });
        assertFindings(r, [{ at: "httpsOnly", outcome: "unverified" }, { at: "siteConfig.minTlsVersion", outcome: "unverified" }, { at: "siteConfig.scmMinTlsVersion", outcome: "unverified" }, { at: "siteConfig.ftpsState", outcome: "unverified" }]);
    });

    it("does not echo a secret-shaped TLS value", async () => {
        const r = await runResource(control, app({}, { minTlsVersion: secret("s3cr3t value"), ftpsState: secret("s3cr3t state") }));
        assertFindings(r, [{ at: "siteConfig.minTlsVersion" }, { at: "siteConfig.ftpsState" }]);
        for (const v of r.violations) assert.doesNotMatch(v, /s3cr3t/);
    });
});
