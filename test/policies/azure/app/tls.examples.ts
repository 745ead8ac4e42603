import { azAppTls as control } from "../../../../policies/azure/app/tls";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const app = (props: Record<string, unknown>, siteConfig: Record<string, unknown> = {}) =>
    resource("azure-native:web:WebApp", "portal", { resourceGroupName: "rg-phi", serverFarmId: "plan", httpsOnly: true, ...props, siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled", ...siteConfig } });
const http = app({ httpsOnly: false });
const tls10 = app({}, { minTlsVersion: "1.0" });
const ftp = app({}, { ftpsState: "AllAllowed" });
const unknownTls = app({}, { minTlsVersion: unknown });

export default defineExamples({
    control,
    passing: { baseline: { says: "HTTPS only, TLS 1.2 and FTP off", resources: [app({})] } },
    failing: {
        "http-allowed": { says: "plain HTTP accepted", resources: [http], findings: [fails(http, "httpsOnly")] },
        "tls-1-0": { says: "TLS 1.0 accepted", resources: [tls10], findings: [fails(tls10, "siteConfig.minTlsVersion")] },
        "plain-ftp": { says: "plain FTP deployments allowed", resources: [ftp], findings: [fails(ftp, "siteConfig.ftpsState")] },
        "unknown-tls": { says: "TLS version unknown until the update", resources: [unknownTls], findings: [unverifiedAt(unknownTls, "siteConfig.minTlsVersion")] },
    },
});
