import { awsPlaintextSecrets as control } from "../../../../policies/aws/plaintext/secrets";
import { defineExamples, fails, resource, unverifiedAt } from "../../../examples";
import { secret, unknown } from "../../../harness";

const fn = (variables: unknown) => resource("aws:lambda/function:Function", "api", { runtime: "nodejs20.x", handler: "index.handler", code: "./app", role: "arn:aws:iam::111122223333:role/api", environment: { variables } });
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-password";
const secretKey = fn({ TABLE: "patients", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" });
const pulumiSecret = fn({ TABLE: "patients", DB_PASSWORD: secret("correct-horse-battery") });
const unknownVars = fn(unknown);
const build = resource("aws:codebuild/project:Project", "build", {
    serviceRole: "arn:aws:iam::111122223333:role/build",
    artifacts: { type: "NO_ARTIFACTS" },
    source: { type: "CODECOMMIT", location: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app" },
    environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/standard:7.0", type: "LINUX_CONTAINER", environmentVariables: [{ name: "NPM_TOKEN", value: "npm_abcdefghijklmnopqrstuvwxyz0123456789" }] },
});

export default defineExamples({
    control,
    passing: {
        baseline: { says: "a function given the ARN of its secret, not the secret", resources: [fn({ TABLE: "patients", DB_SECRET_ARN: SECRET_ARN })] },
    },
    failing: {
        "secret-access-key": { says: "an AWS secret access key in an environment variable", resources: [secretKey], findings: [fails(secretKey, "environment.variables.AWS_SECRET_ACCESS_KEY")] },
        "pulumi-secret-password": { says: "a password passed as a Pulumi secret: still plain text in the function's configuration", resources: [pulumiSecret], findings: [fails(pulumiSecret, "environment.variables.DB_PASSWORD")] },
        "unknown-variables": { says: "variables unknown until the update", resources: [unknownVars], findings: [unverifiedAt(unknownVars, "environment.variables")] },
        "codebuild-plaintext": { says: "a token as a PLAINTEXT CodeBuild variable", resources: [build], findings: [fails(build, "environment.environmentVariables[0].value")] },
    },
});
