import type { CheckContext, ResourceControl } from "../../control";
import { APP_CONNECTION_STRINGS, APP_SETTINGS, CONTAINER_APPS, WEB_APPS } from "../../lib/azure/types";
import { credentialKind, isCredentialName, shownName } from "../../lib/credential-shapes";
import { inferred } from "../../lib/hipaa";
import { unionOf } from "../../lib/type-tokens";
import { asList, at, isObject, isUnknown, Plain } from "../../lib/values";

const APP_FIX =
    'store the value as a Key Vault secret and set the setting to a Key Vault reference, "@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)", read with the app\'s managed identity (or sign in to the target with that identity and drop the credential)';
const CONTAINER_FIX =
    "declare the value under configuration.secrets (with keyVaultUrl and the app's managed identity) and give the variable secretRef: <secret name> instead of value";

type Where = "app setting" | "connection string" | "environment variable";

/**
 * One setting. Whatever produced the value, a Pulumi secret included, App Service and Container
 * Apps store it in the app's configuration, readable by everyone with list-configuration rights.
 * A value unknown at preview is judged when the update runs; under a credential name or as a
 * connection string it will hold a credential in plain text, so it is reported now as unverified.
 */
function checkValue(where: Where, name: Plain, value: Plain, path: string, fix: string, ctx: CheckContext<unknown>): void {
    const key = typeof name === "string" ? name : "";
    if (isUnknown(value)) {
        if (where === "connection string" || isCredentialName(key)) ctx.unverified(path);
        return;
    }
    if (typeof value !== "string") return;
    const kind = credentialKind(key, value);
    if (kind) ctx.fail({ problem: `${where} ${shownName(key)} holds ${kind} in plain text`, at: path, fix });
}

/** A list of `{ name, value }` objects (siteConfig.appSettings, connectionStrings, container env). */
function checkList(where: Where, list: Plain, path: string, valueKey: string, fix: string, ctx: CheckContext<unknown>): void {
    const items = asList(list);
    if (isUnknown(items)) return ctx.unverified(path);
    items.forEach((item, i) => {
        if (isUnknown(item)) return ctx.unverified(`${path}[${i}]`);
        if (isObject(item)) checkValue(where, item.name, item[valueKey], `${path}[${i}].${valueKey}`, fix, ctx);
    });
}

/** A map of name -> value (WebAppApplicationSettings) or name -> { value, type } (WebAppConnectionStrings). */
function checkMap(where: Where, map: Plain, nested: boolean, ctx: CheckContext<unknown>): void {
    if (isUnknown(map)) return ctx.unverified("properties");
    if (!isObject(map)) return;
    for (const [name, entry] of Object.entries(map)) {
        const path = `properties.${shownName(name)}`;
        if (nested && isUnknown(entry)) ctx.unverified(path);
        else checkValue(where, name, nested ? at(entry, "value") : entry, nested ? `${path}.value` : path, APP_FIX, ctx);
    }
}

function checkContainers(props: Record<string, Plain>, ctx: CheckContext<unknown>): void {
    for (const kind of ["containers", "initContainers"]) {
        const containers = asList(at(props, `template.${kind}`));
        if (isUnknown(containers)) {
            ctx.unverified(`template.${kind}`);
            continue;
        }
        containers.forEach((c, i) => {
            if (isUnknown(c)) return ctx.unverified(`template.${kind}[${i}]`);
            // A variable with secretRef takes its value from the app's secrets; its `value` is not used.
            if (isObject(c)) checkList("environment variable", asList(c.env), `template.${kind}[${i}].env`, "value", CONTAINER_FIX, ctx);
        });
    }
}

export const azAppSettingsSecrets: ResourceControl = {
    id: "az-app-settings-secrets",
    title: "No plaintext credentials in App Service settings or Container Apps environment variables",
    cloud: "azure",
    category: "key-management",
    severity: "high",
    hipaa: [inferred("164.312(a)(2)(iv)")],
    description:
        "Passwords, account keys, tokens and connection strings with credentials written into an app's settings, connection strings or a container's environment are readable by everyone who can list the app's configuration (Contributor and Website Contributor among them), in the portal and the ARM API, and stay in the program and the stack state. Marking them secret in Pulumi does not help: the app stores them in plain text all the same; credentials that reach PHI belong in Key Vault, or are replaced by the app's managed identity.",
    remediation:
        'Keep credentials in Key Vault and set the app setting or connection string to a Key Vault reference (`@Microsoft.KeyVault(SecretUri=...)`) read with the app\'s managed identity; in Container Apps, declare the secret under configuration.secrets (keyVaultUrl) and use secretRef in the environment variable. Better still, sign in to the database or storage account with the managed identity and hold no credential at all.',
    unknowns:
        "A settings list or map that is unknown at preview is reported as unverified (advisory). A single value unknown at preview is judged when the update runs with it known; under a credential-like name, or as a connection string, it is reported as unverified at preview too, since the app will hold it in plain text.",
    types: unionOf(WEB_APPS, APP_SETTINGS, APP_CONNECTION_STRINGS, CONTAINER_APPS),
    checkResource(r, ctx) {
        if (WEB_APPS.has(r.type)) {
            const siteConfig = r.props.siteConfig;
            if (isUnknown(siteConfig)) return ctx.unverified("siteConfig");
            checkList("app setting", at(siteConfig, "appSettings"), "siteConfig.appSettings", "value", APP_FIX, ctx);
            checkList("connection string", at(siteConfig, "connectionStrings"), "siteConfig.connectionStrings", "connectionString", APP_FIX, ctx);
        } else if (APP_SETTINGS.has(r.type)) checkMap("app setting", r.props.properties, false, ctx);
        else if (APP_CONNECTION_STRINGS.has(r.type)) checkMap("connection string", r.props.properties, true, ctx);
        else checkContainers(r.props, ctx);
    },
};
