import { strict as assert } from "assert";
import { ADMIN_MANAGED_POLICIES, awsManagedPolicyName, isListedManagedPolicy } from "../../../policies/lib/aws-actions";

describe("lib/aws-actions", () => {
    it("names AWS-managed policies in every partition, keeping job-function paths", () => {
        assert.equal(awsManagedPolicyName("arn:aws:iam::aws:policy/AdministratorAccess"), "AdministratorAccess");
        assert.equal(awsManagedPolicyName("arn:aws-cn:iam::aws:policy/job-function/SystemAdministrator"), "job-function/SystemAdministrator");
        assert.equal(awsManagedPolicyName("arn:aws-us-gov:iam::aws:policy/IAMFullAccess"), "IAMFullAccess");
        assert.equal(awsManagedPolicyName("arn:aws:iam::111122223333:policy/AdministratorAccess"), undefined);
        assert.equal(awsManagedPolicyName("AdministratorAccess"), undefined);
    });

    it("matches listed names by full path or last segment, case-insensitively", () => {
        assert.ok(isListedManagedPolicy("arn:aws:iam::aws:policy/administratoraccess", ADMIN_MANAGED_POLICIES));
        assert.ok(isListedManagedPolicy("arn:aws:iam::aws:policy/job-function/AdministratorAccess", ADMIN_MANAGED_POLICIES));
        assert.ok(isListedManagedPolicy("arn:aws:iam::aws:policy/job-function/SystemAdministrator", ["job-function/SystemAdministrator"]));
        assert.ok(!isListedManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess-Amplify", ADMIN_MANAGED_POLICIES));
        assert.ok(!isListedManagedPolicy("arn:aws:iam::aws:policy/ReadOnlyAccess", ADMIN_MANAGED_POLICIES));
    });
});
