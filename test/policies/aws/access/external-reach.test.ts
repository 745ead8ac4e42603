import { strict as assert } from "assert";
import { awsAccessExternalReach as control } from "../../../../policies/aws/access/external-reach";
import { awsExfilExternalAccess } from "../../../../policies/aws/exfil/external-access";
import { change, iamDoc, resource } from "../../../examples";
import { assertFindings } from "../../../findings";
import { runStack, unknown, urnOf } from "../../../harness";
import { baseline, boundary, OUTSIDER, trustAccount, vendor } from "./fixtures";

const held = { StringEquals: { "sts:ExternalId": "audit-7f3a" } };

describe("aws-access-external-reach", () => {
    it("flags an outside account that reads PHI through the role it assumes, on the role, which aws-exfil-external-access accepts", async () => {
        const stack = change(baseline, "vendor-audit", { assumeRolePolicy: trustAccount(OUTSIDER, held) });
        const res = await runStack(control, stack, boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(vendor(OUTSIDER)) }]);
        assert.equal(res.violations[0].split(" at access paths")[0], "account 999988887777, outside the organisation's boundary, reads PHI through a chain: account 999988887777 -> assumes vendor-audit -> s3:GetObject on claims");
        assert.ok(!res.violations[0].includes("audit-7f3a"), "the external id is not printed");
        assert.deepEqual((await runStack(awsExfilExternalAccess, stack, boundary)).violations, []);
    });

    it("flags a chain through two roles: the outside account assumes a role that may assume the reader", async () => {
        const hop = resource("aws:iam/role:Role", "vendor-audit", { name: "vendor-audit", assumeRolePolicy: trustAccount(OUTSIDER, held) });
        const hopPolicy = resource("aws:iam/rolePolicy:RolePolicy", "vendor-audit-read", { role: "vendor-audit", policy: iamDoc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/deploy" }) });
        const reads = resource("aws:iam/rolePolicy:RolePolicy", "deploy-reads", { role: "deploy", policy: iamDoc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }) });
        const stack = [...baseline.filter((r) => !r.name.startsWith("vendor-audit")), hop, hopPolicy, reads];
        const res = await runStack(control, stack, boundary);
        assert.match(res.violations[0], /account 999988887777 -> assumes vendor-audit -> assumes deploy -> s3:GetObject on claims/);
    });

    it("does not take an outside account's role for the stack's role of that name, though the program lists that account on a provider", async () => {
        const trustsTheirDeploy = iamDoc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDER}:role/deploy` }, Action: "sts:AssumeRole", Condition: held });
        const provider = resource("pulumi:providers:aws", "extra", { allowedAccountIds: ["111122223333", OUTSIDER] });
        const stack = [...change(baseline, "vendor-audit", { assumeRolePolicy: trustsTheirDeploy }), provider];
        const res = await runStack(control, stack, boundary);
        assertFindings(res, [{ at: "access paths", urn: urnOf(vendor(OUTSIDER)) }]);
        assert.equal(res.violations[0].split(" at access paths")[0], "role/deploy in account 999988887777, outside the organisation's boundary, reads PHI through a chain: role/deploy in account 999988887777 -> assumes vendor-audit -> s3:GetObject on claims");
    });

    it("passes trusted accounts, and leaves an outside account named on the bucket itself to aws-exfil-external-access", async () => {
        assert.deepEqual((await runStack(control, baseline, boundary)).violations, []);
        const bucketPolicy = resource("aws:s3/bucketPolicy:BucketPolicy", "claims-policy", {
            bucket: "phi-claims",
            policy: iamDoc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::phi-claims/*" }),
        });
        assert.deepEqual((await runStack(control, [...baseline, bucketPolicy], boundary)).violations, [], "one step");
    });

    it("reports unverified when the trusted principal is unknown at preview", async () => {
        const stack = change(baseline, "vendor-audit", { assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: unknown }, Action: "sts:AssumeRole" }] } });
        assert.deepEqual((await runStack(control, stack, boundary)).violations, [], "an unknown principal is not known to be outside");
    });
});
