import type { ResourceControl } from "../../control";
import { WEB_APPS } from "../../lib/azure/types";
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
    remediation: 'Set httpsOnly: true, siteConfig.minTlsVersion and scmMinTlsVersion "1.2" (or leave them at that default) and siteConfig.ftpsState: "Disabled" (or "FtpsOnly") on the web.WebApp.',
    unknowns: "Unknown httpsOnly, minTlsVersion, scmMinTlsVersion or ftpsState values are reported as unverified (advisory).",
    types: WEB_APPS,
    remediate: {
        valueFor: (at) =>
            at === "httpsOnly" ? true : at === "siteConfig.minTlsVersion" || at === "siteConfig.scmMinTlsVersion" ? "1.2" : at === "siteConfig.ftpsState" ? "FtpsOnly" : undefined,
        changes: 'sets httpsOnly: true, siteConfig.minTlsVersion and scmMinTlsVersion "1.2", and siteConfig.ftpsState "FtpsOnly" where the app allows less',
        safe: "The app's settings change in place (Web Apps Update), with no redeployment of its code. HTTP requests are redirected to HTTPS; FTP deployment keeps working over FTPS. Only plain HTTP, plain FTP and TLS before 1.2, which this control forbids, stop.",
    },
    checkResource(app, ctx) {
        const https = asBool(app.props.httpsOnly);
        if (isUnknown(https)) ctx.unverified("httpsOnly");
        else if (https !== true) ctx.fail({ problem: "the app serves plain HTTP (httpsOnly is not true)", at: "httpsOnly", fix: "set httpsOnly: true" });

        // The SCM (Kudu) site takes deployment credentials: it needs TLS 1.2 as much as the app.
        for (const field of ["minTlsVersion", "scmMinTlsVersion"]) {
            const raw = at(app.props, `siteConfig.${field}`);
            const tls = typeof raw === "number" ? raw.toFixed(1) : raw;
            if (isUnknown(tls)) ctx.unverified(`siteConfig.${field}`);
            // App Service defaults both to 1.2 when they are not set.
            else if (typeof tls === "string" && !tlsAtLeast(tls, "1.2")) {
                ctx.fail({
                    problem: `the ${field === "minTlsVersion" ? "app" : "SCM (deployment) site"} accepts TLS older than 1.2 (${field} ${/^[\w.]{1,8}$/.test(tls) ? tls : "unrecognised"})`,
                    at: `siteConfig.${field}`,
                    fix: `set siteConfig.${field}: "1.2"`,
                });
            }
        }

        const ftps = at(app.props, "siteConfig.ftpsState");
        if (isUnknown(ftps)) ctx.unverified("siteConfig.ftpsState");
        else if (typeof ftps !== "string" || !SAFE_FTPS_STATES.includes(ftps.trim().toLowerCase())) {
            const shown = ftps === undefined || ftps === null ? "not set, AllAllowed by default" : typeof ftps === "string" && /^\w{1,12}$/.test(ftps) ? ftps : "unrecognised";
            ctx.fail({
                problem: `plain FTP deployment is allowed (ftpsState ${shown})`,
                at: "siteConfig.ftpsState",
                fix: 'set siteConfig.ftpsState: "Disabled" (or "FtpsOnly")',
            });
        }
    },
};
