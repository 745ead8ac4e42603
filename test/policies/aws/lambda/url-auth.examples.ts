import { awsLambdaUrlAuth as control } from "../../../../policies/aws/lambda/url-auth";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { unknown } from "../../../harness";

const url = (authorizationType: unknown) => resource("aws:lambda/functionUrl:FunctionUrl", "api-url", { functionName: "api", authorizationType });
const perm = (props: Record<string, unknown>) => resource("aws:lambda/permission:Permission", "api-invoke", { action: "lambda:InvokeFunction", function: "api", ...props });
const open = url("NONE");
const unknownAuth = url(unknown);
const anyone = perm({ principal: "*" });
const urlNone = perm({ action: "lambda:InvokeFunctionUrl", principal: "123456789012", functionUrlAuthType: "NONE" });

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a function URL that requires IAM auth", resources: [url("AWS_IAM")] },
        "api-gateway-permission": { says: "API Gateway may invoke the function, from one API", resources: [perm({ principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:us-east-1:111122223333:abc123/*" })] },
    },
    failing: {
        "no-auth": { says: "a function URL anyone can call", resources: [open], findings: [fails(open, "authorizationType")] },
        "unknown-auth": { says: "an auth type unknown until the update", resources: [unknownAuth], findings: [unverifiedAt(unknownAuth, "authorizationType")] },
        "public-permission": { says: 'a permission for Principal "*" without a source', resources: [anyone], findings: [fails(anyone, "principal")], from: "api-gateway-permission" },
        "url-permission-none": { says: "a permission to invoke the function URL without auth", resources: [urlNone], findings: [fails(urlNone, "functionUrlAuthType")], from: "api-gateway-permission" },
    },
});
