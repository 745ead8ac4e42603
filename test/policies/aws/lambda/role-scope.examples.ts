import { awsLambdaRoleScope as control } from "../../../../policies/aws/lambda/role-scope";
import { defineExamples, fails, iamDoc, resource, serviceTrust } from "../../../examples";
import { unknown, urnOf } from "../../../harness";

const role = (inlinePolicies: object[], extra: Record<string, unknown> = {}) => resource("aws:iam/role:Role", "exec", { assumeRolePolicy: serviceTrust("lambda.amazonaws.com"), inlinePolicies, ...extra });
const fn = (r: ReturnType<typeof role>) =>
    resource("aws:lambda/function:Function", "api", { runtime: "nodejs20.x", handler: "index.handler", code: "./app", role: unknown }, { propertyDependencies: { role: [urnOf(r)] } });
const least = role([{ name: "read", policy: iamDoc({ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/patients" }) }]);
const wildcard = role([{ name: "read", policy: iamDoc({ Effect: "Allow", Action: ["dynamodb:*"], Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/patients" }) }]);
const everyTable = role([{ name: "read", policy: iamDoc({ Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: "*" }) }]);
const admin = role([], { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });

export default defineExamples({
    control,
    passing: { baseline: { says: "a function whose role reads one table", resources: [least, fn(least)] } },
    failing: {
        "service-wildcard": { says: "the role may do anything in DynamoDB", resources: [wildcard, fn(wildcard)], findings: [fails(fn(wildcard), "role -> inlinePolicies[0].policy.Statement[0]")] },
        "every-table": { says: "the role reads every table", resources: [everyTable, fn(everyTable)], findings: [fails(fn(everyTable), "role -> inlinePolicies[0].policy.Statement[0]")] },
        administrator: { says: "the role holds AdministratorAccess", resources: [admin, fn(admin)], findings: [fails(fn(admin), "role -> managedPolicyArns -> AWS managed policy AdministratorAccess")] },
    },
});
