import type { CheckContext, ResourceControl } from "../../control";
import { LAMBDA_FUNCTIONS } from "../../lib/aws-lambda";
import { credentialKind, isCredentialName, shownName } from "../../lib/credential-shapes";
import { inferred } from "../../lib/hipaa";
import { types } from "../../lib/type-tokens";
import { asList, at, isObject, isUnknown, Plain } from "../../lib/values";

const CODEBUILD_PROJECT = "aws:codebuild/project:Project";
const ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SSM_PARAMETER = "aws:ssm/parameter:Parameter";

/** Checks one name/value pair; a value unknown at preview comes from another resource, so it is not written in the code. */
function checkPair(ctx: CheckContext<unknown>, path: string, name: string, value: Plain, fix: string): void {
    if (typeof value !== "string") return;
    const kind = credentialKind(name, value);
    if (kind) ctx.fail({ problem: `variable ${shownName(name)} holds ${kind} in plain text`, at: path, fix });
}

const LAMBDA_FIX = "store the value in AWS Secrets Manager (encrypted with a customer-managed key), pass its ARN in the variable and read it at run time with the role's secretsmanager:GetSecretValue on that secret";
const CODEBUILD_FIX = 'use type "SECRETS_MANAGER" or "PARAMETER_STORE" (a SecureString) with the secret\'s name as the value';
const ECS_FIX = "move the variable to the container's secrets list (valueFrom a Secrets Manager secret or SecureString parameter ARN)";

function checkLambda(props: Record<string, Plain>, ctx: CheckContext<unknown>): void {
    const vars = at(props, "environment.variables");
    if (isUnknown(vars)) return ctx.unverified("environment.variables");
    if (!isObject(vars)) return;
    for (const [name, value] of Object.entries(vars)) checkPair(ctx, `environment.variables.${shownName(name)}`, name, value, LAMBDA_FIX);
}

function checkCodeBuild(props: Record<string, Plain>, ctx: CheckContext<unknown>): void {
    const list = asList(at(props, "environment.environmentVariables"));
    if (isUnknown(list)) return ctx.unverified("environment.environmentVariables");
    list.forEach((v, i) => {
        const path = `environment.environmentVariables[${i}]`;
        if (isUnknown(v)) return ctx.unverified(path);
        if (!isObject(v)) return;
        const type = v.type;
        if (isUnknown(type)) return ctx.unverified(`${path}.type`);
        // PLAINTEXT is the default; the other types hold a reference to the secret, not the secret.
        if (typeof type === "string" && type.trim() !== "" && type.trim().toUpperCase() !== "PLAINTEXT") return;
        if (typeof v.name === "string") checkPair(ctx, `${path}.value`, v.name, v.value, CODEBUILD_FIX);
    });
}

function checkTaskDefinition(props: Record<string, Plain>, ctx: CheckContext<unknown>): void {
    const raw = props.containerDefinitions;
    if (isUnknown(raw)) return ctx.unverified("containerDefinitions");
    let defs: Plain = raw;
    if (typeof raw === "string") {
        try {
            defs = JSON.parse(raw);
        } catch {
            return ctx.fail({ problem: "containerDefinitions is not valid JSON, so it cannot be checked", at: "containerDefinitions", fix: "supply valid container definitions JSON" });
        }
    }
    const containers = asList(defs);
    if (isUnknown(containers)) return ctx.unverified("containerDefinitions");
    containers.forEach((c, i) => {
        if (!isObject(c)) return;
        const env = asList(c.environment);
        if (isUnknown(env)) return ctx.unverified(`containerDefinitions[${i}].environment`);
        env.forEach((e, j) => {
            if (isObject(e) && typeof e.name === "string") checkPair(ctx, `containerDefinitions[${i}].environment[${j}]`, e.name, e.value, ECS_FIX);
        });
    });
}

function checkParameter(props: Record<string, Plain>, ctx: CheckContext<unknown>): void {
    const type = props.type;
    if (isUnknown(type)) return ctx.unverified("type");
    if (typeof type !== "string" || type.trim().toLowerCase() === "securestring") return;
    const name = typeof props.name === "string" ? props.name : "";
    const fix = 'create the parameter with type "SecureString" and a customer-managed keyId, or store the value in AWS Secrets Manager';
    for (const prop of ["value", "insecureValue"]) {
        const value = props[prop];
        if (typeof value !== "string") continue;
        const kind = credentialKind(name, value);
        if (kind) return ctx.fail({ problem: `the plain-text (String or StringList) parameter holds ${kind}`, at: prop, fix });
    }
    // A credential-named parameter of type String is stored in plain text whatever produced its value.
    if (name !== "" && isCredentialName(name)) {
        ctx.fail({ problem: "the parameter is named as a credential but its type (String or StringList) stores it in plain text", at: "type", fix });
    }
}

export const awsPlaintextSecrets: ResourceControl = {
    id: "aws-plaintext-secrets",
    title: "No credentials in plain text in Lambda, CodeBuild, ECS or SSM configuration",
    cloud: "aws",
    category: "key-management",
    severity: "high",
    hipaa: [inferred("164.312(a)(2)(iv)")],
    description:
        "Access keys, private keys, passwords, tokens and connection strings written as plain-text environment variables or String parameters are readable by anyone who can describe the function, project, task definition or parameter, and they live on in the program's source and the stack's state. Credentials that reach PHI must come from a secret store at run time.",
    remediation:
        "Keep credentials in AWS Secrets Manager or SecureString parameters encrypted with a customer-managed key and pass only references: the secret's ARN, CodeBuild SECRETS_MANAGER variables, ECS container secrets.",
    unknowns:
        "A single value unknown at preview comes from another resource, not from the code, and passes; a whole variables block or containerDefinitions document that is unknown is reported as unverified (advisory).",
    types: types(...LAMBDA_FUNCTIONS.canonical, CODEBUILD_PROJECT, ECS_TASK_DEFINITION, SSM_PARAMETER),
    checkResource(r, ctx) {
        if (LAMBDA_FUNCTIONS.has(r.type)) checkLambda(r.props, ctx);
        else if (r.type === CODEBUILD_PROJECT) checkCodeBuild(r.props, ctx);
        else if (r.type === ECS_TASK_DEFINITION) checkTaskDefinition(r.props, ctx);
        else checkParameter(r.props, ctx);
    },
};
