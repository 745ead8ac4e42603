import { types } from "./type-tokens";

/**
 * Function URLs and permissions from both AWS providers. aws-native (CloudFormation) names the URL's
 * auth `authType` and its function `targetFunctionArn`, and a permission's function `functionName`;
 * the other permission properties (principal, sourceArn, sourceAccount, principalOrgId,
 * functionUrlAuthType) have the same names.
 */
export const FUNCTION_URLS = types("aws:lambda/functionUrl:FunctionUrl", "aws-native:lambda:Url");
export const LAMBDA_PERMISSIONS = types("aws:lambda/permission:Permission", "aws-native:lambda:Permission");

const native = (type: string) => type.startsWith("aws-native:");

/** The property of a function URL that says how callers authenticate. */
export const urlAuthProp = (type: string): string => (native(type) ? "authType" : "authorizationType");

/** The property of a function URL or permission that names its function. */
export function functionProp(type: string): string {
    if (FUNCTION_URLS.has(type)) return native(type) ? "targetFunctionArn" : "functionName";
    return native(type) ? "functionName" : "function";
}
