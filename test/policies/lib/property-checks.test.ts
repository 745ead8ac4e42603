import { strict as assert } from "assert";
import { isOneOf, isPresent } from "../../../policies/lib/property-checks";
import { UNKNOWN } from "../../../policies/lib/values";

describe("lib/property-checks", () => {
    it("compares enum-like values case-insensitively, trimming", () => {
        assert.equal(isOneOf(" disabled ", "Disabled"), true);
        assert.equal(isOneOf("TLS1_3", "TLS1_2", "TLS1_3"), true);
        assert.equal(isOneOf("Enabled", "Disabled"), false);
        assert.equal(isOneOf(undefined, "Disabled"), false);
        assert.equal(isOneOf(UNKNOWN, "Disabled"), UNKNOWN);
    });

    it("treats unknown, numbers and non-empty strings as present", () => {
        assert.equal(isPresent(UNKNOWN), true);
        assert.equal(isPresent(0), true);
        assert.equal(isPresent("x"), true);
        assert.equal(isPresent("  "), false);
        assert.equal(isPresent(null), false);
        assert.equal(isPresent(undefined), false);
    });
});
