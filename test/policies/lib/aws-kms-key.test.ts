import { strict as assert } from "assert";
import { customerKeyProblem } from "../../../policies/lib/aws-kms-key";
import { UNKNOWN } from "../../../policies/lib/values";

describe("lib/aws-kms-key customerKeyProblem", () => {
    it("accepts a key ARN, a customer alias and a key id unknown at preview", () => {
        for (const k of ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/phi", UNKNOWN]) assert.equal(customerKeyProblem(k), undefined);
    });

    it("reports a missing key and AWS-managed aliases, bare or as ARNs", () => {
        assert.equal(customerKeyProblem(undefined), "missing");
        assert.equal(customerKeyProblem("  "), "missing");
        assert.equal(customerKeyProblem("alias/aws/s3"), "aws-managed");
        assert.equal(customerKeyProblem("arn:aws:kms:us-east-1:111122223333:alias/aws/rds"), "aws-managed");
    });
});
