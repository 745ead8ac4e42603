import type { ResourceControl } from "../../control";
import { REST_METHOD_SETTINGS, V2_STAGES } from "../../lib/aws-apigateway";
import { inferred } from "../../lib/hipaa";
import { types } from "../../lib/type-tokens";
import { asBool, asList, at, isObject, isUnknown, Plain } from "../../lib/values";

/** The `dataTraceEnabled` switches a resource holds, with their paths. */
function traceSettings(type: string, props: Record<string, Plain>): { at: string; value: Plain }[] | "unknown" {
    if (REST_METHOD_SETTINGS.has(type)) return [{ at: "settings.dataTraceEnabled", value: at(props.settings, "dataTraceEnabled") }];
    const out = [{ at: "defaultRouteSettings.dataTraceEnabled", value: at(props.defaultRouteSettings, "dataTraceEnabled") }];
    const routes = asList(props.routeSettings);
    if (isUnknown(routes)) return "unknown";
    routes.forEach((r, i) => out.push({ at: `routeSettings[${i}].dataTraceEnabled`, value: isObject(r) || isUnknown(r) ? at(r, "dataTraceEnabled") : undefined }));
    return out;
}

export const awsApigwDataTrace: ResourceControl = {
    id: "aws-apigw-data-trace",
    title: "API Gateway does not log full requests and responses (data trace)",
    cloud: "aws",
    category: "phi-in-logs",
    severity: "high",
    hipaa: [inferred("164.312(b)")],
    description:
        "Data trace logging writes full request and response bodies, headers and tokens to CloudWatch Logs, copying PHI to a store that operators read for troubleshooting. Access logs with a chosen format give the audit trail without the payloads.",
    remediation:
        "Set dataTraceEnabled to false (or leave it unset) in aws.apigateway.MethodSettings settings and in apigatewayv2 Stage defaultRouteSettings / routeSettings; use access logging for the audit trail.",
    unknowns:
        "An unknown dataTraceEnabled (or routeSettings list) is reported as unverified (advisory). REST (v1) stages have no inline data-trace setting: it lives in MethodSettings, which this control checks.",
    types: types(...REST_METHOD_SETTINGS.canonical, ...V2_STAGES.canonical),
    remediate: {
        valueFor: (at) => (at.endsWith("dataTraceEnabled") ? false : undefined),
        changes: "turns off full request and response logging (dataTraceEnabled: false) in the method or route settings that turn it on",
        safe: "The stage's settings change in place (API Gateway UpdateStage); requests are served as before and the access log still records who called what. Only the copying of request and response bodies, which may hold PHI, into CloudWatch stops.",
    },
    checkResource(resource, ctx) {
        const settings = traceSettings(resource.type, resource.props);
        if (settings === "unknown") return ctx.unverified("routeSettings");
        for (const s of settings) {
            const on = asBool(s.value);
            if (isUnknown(on)) ctx.unverified(s.at);
            else if (on) ctx.fail({ problem: "data trace logging writes full request and response bodies to CloudWatch Logs", at: s.at });
        }
    },
};
