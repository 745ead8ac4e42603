import { awsApigwAuthorization as control } from "../../../../policies/aws/apigw/authorization";
import { defineExamples, fails, linked, resource } from "../../../examples";

const method = (authorization: string, extra: Record<string, unknown> = {}) => resource("aws:apigateway/method:Method", "get-records", { restApi: "abc123", resourceId: "r1", httpMethod: "GET", authorization, ...extra });
const api = resource("aws:apigatewayv2/api:Api", "http", { protocolType: "HTTP" });
const route = (props: Record<string, unknown>) => linked("aws:apigatewayv2/route:Route", "get-route", "apiId", api, { routeKey: "GET /records", ...props });
const none = method("NONE");
const keyOnly = method("NONE", { apiKeyRequired: true });
const noAuthRoute = route({});

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a REST method behind IAM auth", resources: [method("AWS_IAM")] },
        "jwt-route": { says: "an HTTP API route behind a JWT authorizer", resources: [api, route({ authorizationType: "JWT", authorizerId: "auth1" })] },
        "cors-preflight": { says: "an unauthenticated OPTIONS method (CORS preflight)", resources: [method("NONE", { httpMethod: "OPTIONS" })] },
    },
    failing: {
        "no-auth": { says: "a REST method anyone can call", resources: [none], findings: [fails(none, "authorization")] },
        "api-key-only": { says: "a method protected only by an API key", resources: [keyOnly], findings: [fails(keyOnly, "authorization")] },
        "route-default-none": { says: "an HTTP API route without authorizationType, which defaults to NONE", resources: [api, noAuthRoute], findings: [fails(noAuthRoute, "authorizationType")], from: "jwt-route" },
    },
});
