import { types } from "./type-tokens";

export const REST_METHODS = types("aws:apigateway/method:Method");
export const REST_METHOD_SETTINGS = types("aws:apigateway/methodSettings:MethodSettings");
export const REST_STAGES = types("aws:apigateway/stage:Stage");
export const V2_APIS = types("aws:apigatewayv2/api:Api");
export const V2_ROUTES = types("aws:apigatewayv2/route:Route");
export const V2_STAGES = types("aws:apigatewayv2/stage:Stage");
/** REST (v1) and HTTP/WebSocket (v2) stages. */
export const API_STAGES = types(...REST_STAGES.canonical, ...V2_STAGES.canonical);
