import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { REST_METHODS, V2_APIS, V2_ROUTES } from "../../lib/aws-apigateway";
import { inferred } from "../../lib/hipaa";
import { Settled } from "../../lib/settled";
import { types } from "../../lib/type-tokens";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { asBool, asString, isUnknown, Plain } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

interface Config {
    allowApiKeyOnly: boolean;
}

/** Case-insensitive "NONE"; absent counts as NONE when `absentIsNone` (v2 routes default to it). */
function isNone(v: Plain, absentIsNone: boolean): boolean | "unknown" {
    if (isUnknown(v)) return "unknown";
    if (v === undefined || v === null || v === "") return absentIsNone;
    return typeof v === "string" && v.trim().toUpperCase() === "NONE";
}

/** The verbs API Gateway accepts; only these are echoed in messages. */
const HTTP_METHODS = new Set(["ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);

/** A v1 method with authorization NONE passes only as a CORS preflight, or as API-key-only when allowed. */
function checkMethod(method: ResourceInput, ctx: CheckContext<Config>): void {
    const none = isNone(method.props.authorization, true);
    if (none === "unknown") return ctx.unverified("authorization", method.urn);
    if (!none) return;
    const verb = asString(method.props.httpMethod);
    if (isUnknown(verb)) return ctx.unverified("httpMethod", method.urn);
    if (verb?.trim().toUpperCase() === "OPTIONS") return;
    if (ctx.config.allowApiKeyOnly) {
        const key = asBool(method.props.apiKeyRequired);
        if (isUnknown(key)) return ctx.unverified("apiKeyRequired", method.urn);
        if (key) return;
    }
    const name = verb?.trim().toUpperCase();
    ctx.fail({
        problem: `method${name && HTTP_METHODS.has(name) ? ` ${name}` : ""} accepts unauthenticated calls (authorization NONE)`,
        at: "authorization",
        urn: method.urn,
    });
}

/**
 * Which route keys can carry an authorizer. WebSocket APIs authorize on `$connect` only, so their
 * other routes (`$disconnect`, `$default`, custom action keys) are exempt. `$connect` needs one and
 * an `OPTIONS` preflight does not, whatever the API; for any other key the API's protocolType
 * decides, read from the Api the route joins: "api".
 */
function ownNeed(key: string): boolean | "api" {
    if (key === "$connect") return true;
    if (/^OPTIONS\s/i.test(key)) return false;
    return "api";
}

/** Without a joined Api, a key without a space that is not `$default` is a WebSocket action; `$default` is judged as an HTTP catch-all. */
function needByApi(route: StackResource, key: string, stack: StackIndex): boolean | "unknown" {
    const api = stack.linked(route, "apiId").find((r) => V2_APIS.has(r.type));
    const protocol = api ? api.props.protocolType : undefined;
    if (isUnknown(protocol)) return "unknown";
    const websocket = typeof protocol === "string" ? protocol.toUpperCase() === "WEBSOCKET" : !/\s/.test(key) && key !== "$default";
    return !websocket;
}

function requireAuth(route: ResourceInput, ctx: CheckContext<Config>): void {
    if (ctx.config.allowApiKeyOnly) {
        const apiKey = asBool(route.props.apiKeyRequired);
        if (isUnknown(apiKey)) return ctx.unverified("apiKeyRequired", route.urn);
        if (apiKey) return;
    }
    ctx.fail({ problem: "route accepts unauthenticated calls (authorizationType NONE)", at: "authorizationType", urn: route.urn });
}

const routeKey = (route: ResourceInput) => (typeof route.props.routeKey === "string" ? route.props.routeKey.trim() : "");

/**
 * Judges a route. Without `byApi` (in Analyze) a route whose key leaves the decision to its Api's
 * protocol is left open: false, nothing reported.
 */
function judgeRoute(route: ResourceInput, ctx: CheckContext<Config>, byApi?: (key: string) => boolean | "unknown"): boolean {
    const none = isNone(route.props.authorizationType, true);
    if (none === "unknown") ctx.unverified("authorizationType", route.urn);
    if (none !== true) return true;
    if (isUnknown(route.props.routeKey)) {
        ctx.unverified("routeKey", route.urn);
        return true;
    }
    let need = ownNeed(routeKey(route));
    if (need === "api") {
        if (!byApi) return false;
        const fromApi = byApi(routeKey(route));
        if (fromApi === "unknown") {
            ctx.unverified("apiId", route.urn);
            return true;
        }
        need = fromApi;
    }
    if (need) requireAuth(route, ctx);
    return true;
}

const settled = new Settled();

export const awsApigwAuthorization: ResourceControl<Config> = {
    id: "aws-apigw-authorization",
    title: "API Gateway methods and routes require authorization",
    cloud: "aws",
    judges: unionOf(REST_METHODS, V2_ROUTES),
    category: "unauthenticated-access",
    severity: "high",
    hipaa: [inferred("164.312(a)(1)"), inferred("164.312(d)")],
    description:
        "A REST method with authorization NONE or an HTTP/WebSocket route with authorizationType NONE (the default) lets anyone who finds the URL call the backend that serves PHI, with no identity to audit. CORS preflight (OPTIONS) methods and routes are exempt, since browsers send them without credentials, as are WebSocket routes other than $connect, which cannot carry an authorizer.",
    remediation:
        "Set authorization (REST) or authorizationType (HTTP/WebSocket) to AWS_IAM, COGNITO_USER_POOLS / JWT or CUSTOM with an authorizerId. API keys identify clients but do not authenticate them; allow apiKeyRequired alone only through allowApiKeyOnly.",
    unknowns:
        "An unknown authorization, HTTP method or route key, an unknown apiKeyRequired when API keys are allowed, or an unknown protocolType of the joined Api is reported as unverified (advisory).",
    config: {
        allowApiKeyOnly: {
            type: "boolean",
            default: false,
            description: "Accept authorization NONE when apiKeyRequired is true (API keys are shared secrets, not authentication).",
        },
    },
    acrossResources: "Only HTTP or WebSocket routes with authorizationType NONE whose key does not settle it: the protocolType of the Api they join decides whether the route needs an authorizer.",
    types: types(...REST_METHODS.canonical, ...V2_ROUTES.canonical),
    checkResource(r, ctx) {
        if (REST_METHODS.has(r.type)) checkMethod(r, ctx);
        else settled.record(r.urn, judgeRoute(r, ctx));
    },
    checkStack(stack, ctx) {
        for (const route of stack.ofType(V2_ROUTES)) {
            if (!settled.has(route.urn)) judgeRoute(route, ctx, (key) => needByApi(route, key, stack));
        }
    },
};
