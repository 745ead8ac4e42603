import { strict as assert } from "assert";
import { awsAccessHumanReaders as control } from "../../../../policies/aws/access/human-readers";
import { azAccessHumanReaders } from "../../../../policies/azure/access/human-readers";
import { AZ_ROLES, iamDoc, resource, serviceTrust } from "../../../examples";
import { assertFindings } from "../../../findings";
import { runStack, unknown, urnOf } from "../../../harness";
import { baseline, boundary, bucket } from "./fixtures";
import * as azure from "../../azure/access/fixtures";

const user = (name: string) => resource("aws:iam/user:User", name, { name });
const group = resource("aws:iam/group:Group", "analysts", { name: "analysts" });
const groupReads = resource("aws:iam/groupPolicy:GroupPolicy", "analysts-read", { group: "analysts", policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }) });
const members = resource("aws:iam/groupMembership:GroupMembership", "analysts-members", { group: "analysts", users: ["ana", "ben"] });

describe("aws-access-human-readers", () => {
    it("flags a store more people can read than the default limit, counting users through their group", async () => {
        const res = await runStack(control, [...baseline, group, groupReads, user("ana"), user("ben"), members], boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(bucket) }]);
        assert.equal(
            res.violations[0].split(" at access paths")[0],
            "4 people can read this PHI store, more than the limit of 3: ana -> s3:GetObject on claims; analysts -> s3:GetObject on claims; ben -> s3:GetObject on claims; and 1 more",
        );
    });

    it("passes up to the limit, and does not count workload roles or accounts", async () => {
        assert.deepEqual(await runStack(control, baseline, boundary), { violations: [], unverified: [], urns: [] });
        assert.deepEqual((await runStack(control, baseline, { ...boundary, config: { defaultLimit: 1 } })).violations, []);
    });

    it("reports unverified when only readers through a Resource unknown at preview would pass the limit", async () => {
        const two = resource("aws:s3/bucket:Bucket", "other", { bucket: "phi-other" });
        const reads = resource(
            "aws:iam/userPolicy:UserPolicy",
            "ana-read",
            { user: "ana", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: unknown }] } },
            { propertyDependencies: { policy: [urnOf(bucket), urnOf(two)] } },
        );
        const res = await runStack(control, [...baseline, two, user("ana"), reads], { ...boundary, config: { defaultLimit: 1 } });
        assert.deepEqual(res.violations, []);
        // claims: the audit role proven and ana unverified, over the limit of 1; other: ana alone, within it.
        assertFindings(res, [{ at: "access paths (ana -> s3:GetObject on claims (unverified))", urn: urnOf(bucket), outcome: "unverified" }]);
    });

    it("says it could not verify the paths when wildcard grants are shaped to outgrow the pack's bound, and the Azure control still judges its stores", async () => {
        // Every role holds its own pattern list that reaches every bucket but one: no two lists share a node.
        const shaped = Array.from({ length: 300 }, (_, i) => [
            resource("aws:s3/bucket:Bucket", `b-${i}`, { bucket: `phi-b-${i}` }),
            resource("aws:iam/role:Role", `r-${i}`, { name: `r-${i}`, assumeRolePolicy: serviceTrust("lambda.amazonaws.com") }),
            resource("aws:iam/rolePolicy:RolePolicy", `p-${i}`, { role: `r-${i}`, policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::phi-b-*", `arn:aws:s3:::x-${i}`] }) }),
        ]).flat();
        const stack = [...baseline, resource("aws:s3/bucket:Bucket", "outside-pattern", { bucket: "phi-other" }), ...shaped, ...azure.baseline, azure.scoped("reader-1", AZ_ROLES.storageBlobDataReader, "11111111-2222-4333-8444-955556666777", "User")];
        const res = await runStack(control, stack, boundary);
        assert.deepEqual(res.violations, []);
        assert.equal(res.unverified.length, 1);
        assert.match(res.unverified[0], /could not verify access paths because drawing and searching the stack's AWS access graph takes more than 200,000 steps \(200 per resource\)/);
        const az = await runStack(azAccessHumanReaders, stack, { settings: { ...boundary.settings, ...azure.boundary.settings }, config: { defaultLimit: 0 } });
        assert.deepEqual(az.unverified, []);
        assert.match(az.violations[0], /^1 person can read this PHI store, more than the limit of 0: user 11111111-2222-4333-8444-955556666777 -> Storage Blob Data Reader on claimsstore/);
    });
});
