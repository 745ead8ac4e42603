import { strict as assert } from "assert";
import { endpointServes } from "../../../policies/lib/aws-vpc";

describe("lib/aws-vpc", () => {
    it("matches endpoint service names on the suffix after the region", () => {
        assert.equal(endpointServes("com.amazonaws.eu-west-1.s3", "s3"), true);
        assert.equal(endpointServes("com.amazonaws.eu-west-1.ecr.dkr", "ecr.dkr"), true);
        assert.equal(endpointServes("COM.AMAZONAWS.EU-WEST-1.KMS", "kms"), true);
        assert.equal(endpointServes(" com.amazonaws.undefined.logs ", "logs"), true);
    });

    it("does not match services that only share a prefix", () => {
        assert.equal(endpointServes("com.amazonaws.eu-west-1.s3-outposts", "s3"), false);
        assert.equal(endpointServes("com.amazonaws.eu-west-1.sts", "s"), false);
    });
});
