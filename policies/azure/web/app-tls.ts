import type { ResourceControl } from "../../control";
import { WEB_APPS } from "../../lib/azure-web";
import { prowler } from "../../lib/hipaa";
import { tlsAtLeast } from "../../lib/tls-version";
import { asBool, at, isUnknown } from "../../lib/values";

const SAFE_FTPS_STATES = ["ftpsonly", "disabled"];

export const azAppTls: ResourceControl = {
    id: "az-app-tls",
    title: "Web and function apps enforce HTTPS, TLS 1.2 and no plain FTP",
    cloud: "azure",
    category: "encryption-in-transit",
    severity: "high",
    hipaa: [prowler("164.312(e)(1)")],
    description:
        "An App Service or Functions app must redirect HTTP to HTTPS, refuse TLS older than 1.2 and allow deployment only over FTPS or not at all. Plain HTTP and FTP carry PHI and deployment credentials in clear text across networks an insider may tap.",
    remediation: 'Set httpsOnly: true, siteConfig.minTlsVersion: "1.2" and siteConfig.ftpsState: "Disabled" (or "FtpsOnly") on the web.WebApp.',
    unknowns: "Unknown httpsOnly, minTlsVersion or ftpsState values are reported as unverified (advisory).",
    types: WEB_APPS,
    checkResource(app, ctx) {
        const https = asBool(app.props.httpsOnly);
        if (isUnknown(https)) ctx.unverified("httpsOnly");
        else if (https !== true) ctx.fail({ problem: "the app serves plain HTTP (httpsOnly is not true)", at: "httpsOnly", fix: "set httpsOnly: true" });

        const raw = at(app.props, "siteConfig.minTlsVersion");
        const tls = typeof raw === "number" ? raw.toFixed(1) : raw;
        if (isUnknown(tls)) ctx.unverified("siteConfig.minTlsVersion");
        // App Service defaults to 1.2 when minTlsVersion is not set.
        else if (typeof tls === "string" && !tlsAtLeast(tls, "1.2")) {
            ctx.fail({
                problem: `the app accepts TLS older than 1.2 (minTlsVersion ${/^[\w.]{1,8}$/.test(tls) ? tls : "unrecognised"})`,
                at: "siteConfig.minTlsVersion",
                fix: 'set siteConfig.minTlsVersion: "1.2"',
            });
        }

        const ftps = at(app.props, "siteConfig.ftpsState");
        if (isUnknown(ftps)) ctx.unverified("siteConfig.ftpsState");
        else if (typeof ftps !== "string" || !SAFE_FTPS_STATES.includes(ftps.trim().toLowerCase())) {
            ctx.fail({
                problem: `plain FTP deployment is allowed (ftpsState ${typeof ftps === "string" && /^\w{1,12}$/.test(ftps) ? ftps : "not set, AllAllowed by default"})`,
                at: "siteConfig.ftpsState",
                fix: 'set siteConfig.ftpsState: "Disabled" (or "FtpsOnly")',
            });
        }
    },
};
