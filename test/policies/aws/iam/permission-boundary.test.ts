import { strict as assert } from "assert";
import { awsIamPermissionBoundary as control } from "../../../../policies/aws/iam/permission-boundary";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const BOUNDARY = "arn:aws:iam::111122223333:policy/phi-boundary";
const role = (props: Record<string, unknown> = {}) => ({ type: "aws:iam/role:Role", name: "app", props: { assumeRolePolicy: "{}", ...props } });
const user = (props: Record<string, unknown> = {}) => ({ type: "aws:iam/user:User", name: "alice", props });

describe("aws-iam-permission-boundary", () => {
    it("flags a role without a permissions boundary", async () => {
        const r = await runResource(control, role());
        assert.deepEqual(r.violations.map((v) => v.split(":")[0]), ["the role has no permissions boundary at permissionsBoundary"]);
    });

    it("flags a user without a permissions boundary and an empty boundary", async () => {
        assert.match((await runResource(control, user())).violations[0], /the user has no permissions boundary/);
        assert.equal((await runResource(control, user({ permissionsBoundary: " " }))).violations.length, 1);
    });

    it("passes a role and a user with a boundary", async () => {
        assert.deepEqual(await runResource(control, role({ permissionsBoundary: BOUNDARY })), { violations: [], unverified: [], urns: [] });
        assert.deepEqual(await runResource(control, user({ permissionsBoundary: BOUNDARY })), { violations: [], unverified: [], urns: [] });
    });

    it("exempts service-linked roles under /aws-service-role/", async () => {
        const r = await runResource(control, role({ path: "/aws-service-role/elasticbeanstalk.amazonaws.com/" }));
        assertFindings(r, []);
    });

    it("does not exempt a user under the service-role path", async () => {
        const r = await runResource(control, user({ path: "/aws-service-role/x/" }));
        assertFindings(r, [{ at: "permissionsBoundary" }]);
    });

    it("exempts configured principals by IAM name or Pulumi name", async () => {
        assert.equal((await runResource(control, role({ name: "BreakGlass" }), { config: { exemptPrincipals: ["breakglass"] } })).violations.length, 0);
        assert.equal((await runResource(control, role(), { config: { exemptPrincipals: ["app"] } })).violations.length, 0);
    });

    it("flags a boundary that is not one of allowedBoundaries", async () => {
        const r = await runResource(control, role({ permissionsBoundary: "arn:aws:iam::111122223333:policy/other" }), { config: { allowedBoundaries: ["arn:aws:iam::*:policy/phi-boundary"] } });
        assert.match(r.violations[0], /not one of the configured allowedBoundaries at permissionsBoundary/);
    });

    it("passes a boundary matching an allowedBoundaries wildcard", async () => {
        const r = await runResource(control, role({ permissionsBoundary: BOUNDARY }), { config: { allowedBoundaries: ["arn:aws:iam::*:policy/phi-boundary"] } });
        assertFindings(r, []);
    });

    it("counts an unknown boundary as set, but cannot verify it against allowedBoundaries", async () => {
        assert.deepEqual(await runResource(control, role({ permissionsBoundary: unknown })), { violations: [], unverified: [], urns: [] });
        const r = await runResource(control, role({ permissionsBoundary: unknown }), { config: { allowedBoundaries: [BOUNDARY] } });
        assertFindings(r, [{ at: "permissionsBoundary", outcome: "unverified" }]);
    });

    it("says it could not verify a role whose path is unknown", async () => {
        const r = await runResource(control, role({ path: unknown }));
        assert.match(r.unverified[0], /could not verify path/);
    });

    it("does not echo a secret boundary ARN", async () => {
        const r = await runResource(control, role({ permissionsBoundary: secret("arn:aws:iam::111122223333:policy/s3cr3t") }), { config: { allowedBoundaries: [BOUNDARY] } });
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
