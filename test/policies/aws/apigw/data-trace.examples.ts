import { awsApigwDataTrace as control } from "../../../../policies/aws/apigw/data-trace";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const settings = (s: unknown) => resource("aws:apigateway/methodSettings:MethodSettings", "all-methods", { restApi: "abc123", stageName: "prod", methodPath: "*/*", settings: s });
const trace = settings({ metricsEnabled: true, loggingLevel: "INFO", dataTraceEnabled: true });
const unknownSettings = settings(unknown);
const v2 = resource("aws:apigatewayv2/stage:Stage", "ws-prod", { apiId: "ws123", name: "prod", defaultRouteSettings: { dataTraceEnabled: true, loggingLevel: "INFO" } });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "execution logging of errors, without request and response bodies", resources: [settings({ metricsEnabled: true, loggingLevel: "ERROR", dataTraceEnabled: false })] },
        "v2-stage": { says: "a WebSocket stage that logs errors only", resources: [resource("aws:apigatewayv2/stage:Stage", "ws-prod", { apiId: "ws123", name: "prod", defaultRouteSettings: { loggingLevel: "ERROR" } })] },
    },
    failing: {
        "data-trace": { says: "full request and response logging, which writes PHI to CloudWatch", resources: [trace], findings: [fails(trace, "settings.dataTraceEnabled")] },
        "v2-default-route": { says: "data trace on a WebSocket stage's default route", resources: [v2], findings: [fails(v2, "defaultRouteSettings.dataTraceEnabled")], from: "v2-stage" },
        "unknown-settings": { says: "settings unknown until the update", resources: [unknownSettings], findings: [unverifiedAt(unknownSettings, "settings.dataTraceEnabled")] },
    },
});
