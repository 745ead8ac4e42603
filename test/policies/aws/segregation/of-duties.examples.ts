import { awsSegregationOfDuties as control } from "../../../../policies/aws/segregation/of-duties";
import { defineExamples, fails, iamDoc, resource, serviceTrust } from "../../../examples";
import { unknown, urnOf } from "../../../harness";

const dev = resource("aws:iam/role:Role", "dev", {
    assumeRolePolicy: serviceTrust("codebuild.amazonaws.com"),
    inlinePolicies: [{ name: "push", policy: iamDoc({ Effect: "Allow", Action: "codecommit:GitPush", Resource: "arn:aws:codecommit:us-east-1:111122223333:app" }) }],
});
const analyst = resource("aws:iam/role:Role", "analyst", {
    assumeRolePolicy: serviceTrust("ec2.amazonaws.com"),
    inlinePolicies: [{ name: "read", policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-records/*" }) }],
});
const devReads = resource("aws:iam/rolePolicy:RolePolicy", "dev-reads", { role: unknown, policy: iamDoc({ Effect: "Allow", Action: "dynamodb:Query", Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/patients" }) }, { propertyDependencies: { role: [urnOf(dev)] } });
const admin = resource("aws:iam/role:Role", "dev", { assumeRolePolicy: serviceTrust("codebuild.amazonaws.com"), managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });

export default defineExamples({
    control,
    passing: { baseline: { says: "one role pushes code, another reads PHI", resources: [dev, analyst] } },
    failing: {
        "reads-and-changes": { says: "the role that pushes code is also given a PHI table read", resources: [dev, analyst, devReads], findings: [fails(dev, "inlinePolicies[0].policy.Statement[0]")] },
        "administrator": { says: "the code-pushing role holds AdministratorAccess, which does both", resources: [admin, analyst], findings: [fails(admin, "managedPolicyArns -> AWS managed policy AdministratorAccess")] },
    },
});
