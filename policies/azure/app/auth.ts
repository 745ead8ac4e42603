import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { WEB_APPS } from "../../lib/azure/types";
import { inferred } from "../../lib/hipaa";
import { types, unionOf } from "../../lib/type-tokens";
import { asBool, at, isUnknown, Plain } from "../../lib/values";

/** Easy Auth settings: V2 (with and without secrets) and the legacy V1 resource. */
const AUTH_V2 = types("azure-native:web:WebAppAuthSettingsV2", "azure-native:web:WebAppAuthSettingsV2WithoutSecrets");
const AUTH_V1 = types("azure-native:web:WebAppAuthSettings");
const AUTH_SETTINGS = types(...AUTH_V2.canonical, ...AUTH_V1.canonical);

type Finding = { problem: string; at: string; fix: string } | "unknown";

const anonymous = (v: Plain) => typeof v === "string" && v.trim().toLowerCase() === "allowanonymous";

/** The first reason the settings leave the app open, "unknown" when a decisive value is, or undefined when they require sign-in. */
function judge(settings: ResourceInput): Finding | undefined {
    const v2 = AUTH_V2.has(settings.type);
    const enabledPath = v2 ? "platform.enabled" : "enabled";
    const actionPath = v2 ? "globalValidation.unauthenticatedClientAction" : "unauthenticatedClientAction";
    const enabled = asBool(at(settings.props, enabledPath));
    const action = at(settings.props, actionPath);
    const required = v2 ? asBool(at(settings.props, "globalValidation.requireAuthentication")) : true;
    if (enabled === false || enabled === undefined) {
        return { problem: "App Service authentication is not enabled", at: enabledPath, fix: `set ${enabledPath}: true` };
    }
    if (required === false || required === undefined) {
        return { problem: "requests are let through without authentication", at: "globalValidation.requireAuthentication", fix: "set globalValidation.requireAuthentication: true" };
    }
    if (anonymous(action)) {
        return { problem: "unauthenticated clients are allowed (AllowAnonymous)", at: actionPath, fix: `set ${actionPath} to "RedirectToLoginPage" (browsers) or "Return401" (APIs)` };
    }
    if (isUnknown(enabled) || isUnknown(required) || isUnknown(action)) return "unknown";
    return undefined;
}

function report(settings: ResourceInput, finding: Finding | undefined, ctx: CheckContext<unknown>): void {
    if (finding === "unknown") ctx.unverified(AUTH_V2.has(settings.type) ? "platform.enabled" : "enabled", settings.urn);
    else if (finding) ctx.fail({ ...finding, urn: settings.urn });
}

export const azAppAuth: ResourceControl = {
    id: "az-app-auth",
    title: "Web and function apps serving PHI require authentication",
    cloud: "azure",
    judges: unionOf(WEB_APPS, AUTH_V2, AUTH_V1),
    category: "unauthenticated-access",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)"), inferred("164.312(d)")],
    description:
        "An App Service or Functions app that serves PHI must turn on App Service authentication (Easy Auth) and reject unauthenticated requests before they reach the code. Without it, any endpoint the code forgets to protect hands PHI to anyone who finds the URL.",
    remediation:
        "Add an azure-native web.WebAppAuthSettingsV2 for the app (name: app.name) with platform.enabled true, globalValidation.requireAuthentication true, unauthenticatedClientAction \"Return401\" or \"RedirectToLoginPage\", and a Microsoft Entra identity provider.",
    unknowns: "Joins use propertyDependencies, known at preview. Unknown enabled, requireAuthentication or unauthenticatedClientAction values are reported as unverified (advisory).",
    acrossResources: "Coverage: each PHI app must have authentication settings that name it.",
    types: AUTH_SETTINGS,
    checkResource(settings, ctx) {
        report(settings, judge(settings), ctx);
    },
    checkStack(stack, ctx) {
        const apps = stack.ofType(WEB_APPS);
        const byApp = companionsOf(stack, stack.ofType(AUTH_SETTINGS), "name", apps);
        for (const app of apps) {
            if (!ctx.isPhi(app)) continue;
            if (byApp.has(app.urn)) continue;
            ctx.fail({
                problem: "the app has no authentication settings (no WebAppAuthSettingsV2 references it)",
                at: "authSettingsV2",
                fix: "add a web.WebAppAuthSettingsV2 with name: <app>.name, platform.enabled true and globalValidation.requireAuthentication true",
                urn: app.urn,
            });
        }
    },
};
