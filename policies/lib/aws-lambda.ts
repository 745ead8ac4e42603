import { types } from "./type-tokens";

/**
 * Functions from both AWS providers. The properties the controls read have the same names in both
 * (`role`, `environment.variables`, `vpcConfig.subnetIds` / `securityGroupIds`, `kmsKeyArn`: read
 * from the @pulumi/aws-native 1.79 type definitions), except the function's own name: `name` in
 * @pulumi/aws, `functionName` in aws-native.
 */
export const LAMBDA_FUNCTIONS = types("aws:lambda/function:Function", "aws-native:lambda:Function");

/**
 * Function URLs and permissions from both AWS providers. aws-native (CloudFormation) names the URL's
 * auth `authType` and its function `targetFunctionArn`, and a permission's function `functionName`;
 * the other permission properties (principal, sourceArn, sourceAccount, principalOrgId,
 * functionUrlAuthType) have the same names.
 */
export const FUNCTION_URLS = types("aws:lambda/functionUrl:FunctionUrl", "aws-native:lambda:Url");
export const LAMBDA_PERMISSIONS = types("aws:lambda/permission:Permission", "aws-native:lambda:Permission");

const native = (type: string) => type.startsWith("aws-native:");

/** The property holding a function's own name. */
export const functionNameProp = (type: string): string => (native(type) ? "functionName" : "name");

/** The property of a function URL that says how callers authenticate. */
export const urlAuthProp = (type: string): string => (native(type) ? "authType" : "authorizationType");

/** The property of a function URL or permission that names its function. */
export function functionProp(type: string): string {
    if (FUNCTION_URLS.has(type)) return native(type) ? "targetFunctionArn" : "functionName";
    return native(type) ? "functionName" : "function";
}
