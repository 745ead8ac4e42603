import { strict as assert } from "assert";
import { awsAccessTransitiveDuties as control } from "../../../../policies/aws/access/transitive-duties";
import { awsSegregationOfDuties } from "../../../../policies/aws/segregation/of-duties";
import { iamDoc, resource } from "../../../examples";
import { assertFindings } from "../../../findings";
import { runStack, unknown, urnOf } from "../../../harness";
import { baseline, boundary, builder, deploy, deployPolicy, reader } from "./fixtures";

const withPolicy = (policy: ReturnType<typeof deployPolicy>) => [...baseline.filter((r) => r.name !== "deploy-functions"), policy];

describe("aws-access-transitive-duties", () => {
    it("flags a deploy role that passes a PHI-reading role to the functions it creates, printing the chain", async () => {
        const res = await runStack(control, withPolicy(deployPolicy("claims-reader")), boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(deploy) }]);
        assert.match(res.violations[0], /deploy changes code or infrastructure \(lambda:CreateFunction\) and reads PHI through a chain: deploy -> passes claims-reader to a lambda workload \(iam:PassRole\) -> s3:GetObject on claims/);
    });

    it("passes when the role passed reads no PHI, and leaves a principal that reads PHI itself to aws-segregation-of-duties", async () => {
        assert.deepEqual((await runStack(control, baseline, boundary)).violations, []);
        const direct = resource("aws:iam/rolePolicy:RolePolicy", "deploy-reads", { role: "deploy", policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }) });
        const stack = [...withPolicy(deployPolicy("claims-reader")), direct];
        assert.deepEqual((await runStack(control, stack, boundary)).violations, [], "one step: the direct-grant control's finding");
        assert.equal((await runStack(awsSegregationOfDuties, stack, boundary)).violations.length, 1);
    });

    it("passes PassRole without the right to create the service's workloads", async () => {
        const passOnly = resource("aws:iam/rolePolicy:RolePolicy", "deploy-functions", { role: "deploy", policy: iamDoc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/claims-reader" }) });
        assert.deepEqual(await runStack(control, withPolicy(passOnly), boundary), { violations: [], unverified: [], urns: [] });
    });

    it("reports unverified when the role passed is unknown at preview and the policy was built from both roles", async () => {
        const unknownTarget = resource(
            "aws:iam/rolePolicy:RolePolicy",
            "deploy-functions",
            {
                role: "deploy",
                policy: unknown,
            },
            { propertyDependencies: { policy: [urnOf(builder), urnOf(reader)] } },
        );
        // An unknown document cannot be read: the graph records it and draws nothing from it.
        assert.deepEqual((await runStack(control, withPolicy(unknownTarget), boundary)).violations, []);
        const unknownResource = resource(
            "aws:iam/rolePolicy:RolePolicy",
            "deploy-functions",
            {
                role: "deploy",
                policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "lambda:CreateFunction", Resource: "*" }, { Effect: "Allow", Action: "iam:PassRole", Resource: unknown }] },
            },
            { propertyDependencies: { policy: [urnOf(builder), urnOf(reader)] } },
        );
        const res = await runStack(control, withPolicy(unknownResource), boundary);
        assertFindings(res, [{ at: "access paths (deploy -> passes claims-reader to a lambda workload (iam:PassRole) -> s3:GetObject on claims (unverified))", urn: urnOf(deploy), outcome: "unverified" }]);
    });
});
