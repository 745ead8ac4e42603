import type { ResourceControl } from "../../control";
import { prowler } from "../../lib/hipaa";
import { FUNCTION_URLS, functionProp, LAMBDA_PERMISSIONS, urlAuthProp } from "../../lib/aws-lambda";
import { unionOf } from "../../lib/type-tokens";
import { isGivenText, isUnknown } from "../../lib/values";

interface Config {
    allowedPublicFunctions: string[];
}


/** A property that limits who may invoke: set when it is a non-empty string or unknown (it will be set). */
export const awsLambdaUrlAuth: ResourceControl<Config> = {
    id: "aws-lambda-url-auth",
    title: "Lambda function URLs and permissions require authentication",
    cloud: "aws",
    category: "unauthenticated-access",
    severity: "critical",
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "A function URL with authorizationType NONE, or a resource-based permission that lets Principal \"*\" invoke a function without limiting the source, lets anyone on the internet run code that can reach PHI. Invocation must be authenticated with IAM (SigV4) or limited to a known source.",
    remediation:
        'Set authorizationType: "AWS_IAM" on the aws.lambda.FunctionUrl, and give each aws.lambda.Permission a specific principal (a service or account) with sourceArn or sourceAccount; never functionUrlAuthType "NONE".',
    unknowns: "An unknown authorizationType, functionUrlAuthType or principal is reported as unverified (advisory); an unknown sourceArn, sourceAccount or principalOrgId counts as set.",
    config: {
        allowedPublicFunctions: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Functions reviewed to be public (e.g. a webhook that authenticates in code): function names as given in functionName / function, or the Pulumi names of the FunctionUrl / Permission resources.",
        },
    },
    types: unionOf(FUNCTION_URLS, LAMBDA_PERMISSIONS),
    checkResource(r, ctx) {
        const url = FUNCTION_URLS.has(r.type);
        const fn = r.props[functionProp(r.type)];
        const allowed = ctx.config.allowedPublicFunctions;
        // The function's name is often an output, unknown at preview: the resource's own name also counts.
        if (allowed.includes(r.name) || (typeof fn === "string" && allowed.includes(fn))) return;
        if (url) {
            const authAt = urlAuthProp(r.type);
            const auth = r.props[authAt];
            if (isUnknown(auth)) return ctx.unverified(authAt);
            if (typeof auth !== "string" || auth.trim().toUpperCase() !== "AWS_IAM") {
                ctx.fail({ problem: `the function URL accepts unauthenticated requests (${authAt} is not AWS_IAM)`, at: authAt, fix: `set ${authAt}: "AWS_IAM" and sign requests with SigV4` });
            }
            return;
        }
        const urlAuth = r.props.functionUrlAuthType;
        if (isUnknown(urlAuth)) ctx.unverified("functionUrlAuthType");
        else if (typeof urlAuth === "string" && urlAuth.trim().toUpperCase() === "NONE") {
            ctx.fail({ problem: 'the permission allows invocation through a function URL without authentication (functionUrlAuthType "NONE")', at: "functionUrlAuthType", fix: 'use functionUrlAuthType "AWS_IAM" with a specific principal' });
        }
        const principal = r.props.principal;
        if (isUnknown(principal)) return ctx.unverified("principal");
        if (typeof principal !== "string" || principal.trim() !== "*") return;
        if ([r.props.sourceArn, r.props.sourceAccount, r.props.principalOrgId].some(isGivenText)) return;
        ctx.fail({ problem: 'the permission lets Principal "*" invoke the function from any source', at: "principal", fix: "name the invoking service or account as principal and set sourceArn or sourceAccount (or principalOrgId for an organization)" });
    },
};
