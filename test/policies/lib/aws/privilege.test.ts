import { strict as assert } from "assert";
import { managedPolicy } from "../../../../policies/lib/aws/managed-policies";
import { administratorRights, firstAdministratorRights } from "../../../../policies/lib/aws/privilege";
import { Plain, UNKNOWN } from "../../../../policies/lib/values";
import { statement, statements } from "./statement";

const managedRights = (name: string) => {
    const ref = managedPolicy(`arn:aws:iam::aws:policy/${name}`);
    if (ref.kind !== "managed") throw new Error(`${name} is ${ref.kind}`);
    return firstAdministratorRights(statements(ref.document));
};

describe("lib/aws/privilege administratorRights", () => {
    const cases: [string, Record<string, Plain>, string | undefined | typeof UNKNOWN][] = [
        ["Action * on *", { Effect: "Allow", Action: "*", Resource: "*" }, "every action on every resource"],
        ["NotAction on *", { Effect: "Allow", NotAction: "s3:*", Resource: "*" }, "every action on every resource"],
        ["iam:PassRole on *", { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }, "iam:PassRole on every target, so it can grant itself any right"],
        ["iam:PassRole narrowed by iam:PassedToService", { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } }, undefined],
        ["s3:* on *", { Effect: "Allow", Action: "s3:*", Resource: "*" }, undefined],
        ["Deny *", { Effect: "Deny", Action: "*", Resource: "*" }, undefined],
        ["an Action list unknown at preview", { Effect: "Allow", Action: UNKNOWN, Resource: "*" }, UNKNOWN],
    ];
    for (const [name, s, want] of cases) it(name, () => assert.equal(administratorRights(statement(s)), want));
});

describe("lib/aws/privilege: AWS managed policies judged by their statements", () => {
    for (const name of ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"]) {
        it(`${name} grants administrator rights`, () => assert.equal(typeof managedRights(name), "string"));
    }
    for (const name of ["ReadOnlyAccess", "AmazonS3FullAccess", "SecretsManagerReadWrite", "service-role/AWSLambdaBasicExecutionRole"]) {
        it(`${name} does not`, () => assert.equal(managedRights(name), undefined));
    }
});
