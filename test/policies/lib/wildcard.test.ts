import { strict as assert } from "assert";
import fc from "fast-check";
import { wildcardMatch, wildcardOverlap } from "../../../policies/lib/wildcard";

/** The translation to a regular expression that the matcher replaces: the meaning it must keep. */
function byRegExp(pattern: string, value: string, caseSensitive = false): boolean {
    const body = pattern
        .split("")
        .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${body}$`, caseSensitive ? "s" : "is").test(value);
}

describe("lib/wildcard", () => {
    it("matches IAM wildcards across separators, case-insensitively", () => {
        assert.ok(wildcardMatch("s3:Get*", "s3:GetObject"));
        assert.ok(wildcardMatch("arn:aws:s3:::bucket/*", "ARN:AWS:S3:::BUCKET/a/b/c"));
        assert.ok(wildcardMatch("kms:*Key?", "kms:GenerateDataKeys"));
        assert.ok(wildcardMatch("*", ""));
        assert.ok(wildcardMatch("a**b", "ab"));
        assert.ok(!wildcardMatch("s3:Get*", "s3:PutObject"));
        assert.ok(!wildcardMatch("s3:GetObject", "s3:GetObjectAcl"));
        assert.ok(!wildcardMatch("?", ""));
        assert.ok(!wildcardMatch("", "a"));
        assert.ok(wildcardMatch("web-*", "web-Prod", true));
        assert.ok(!wildcardMatch("Web-*", "web-prod", true));
    });

    it("compares letters outside ASCII as a case-insensitive regular expression does", () => {
        assert.ok(wildcardMatch("ÄRN", "ärn"));
        // Upper case of "ſ" (long s) is "S", but a character outside ASCII never equals one inside it.
        assert.ok(!wildcardMatch("ſ", "s"));
        assert.ok(!wildcardMatch("K", "\u212A")); // Kelvin sign
    });

    it("gives the regular expression's answer on any pattern and value, with and without case", () => {
        const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((cs) => cs.join(""));
        const alphabet = ["a", "A", "b", ":", "/", "*", "?", ".", "\n", "ä", "Ä", "ſ", "s", "S", "[", "{", "@", "`"];
        fc.assert(
            fc.property(text(alphabet), text(alphabet.filter((c) => c !== "*" && c !== "?")), fc.boolean(), (pattern, value, caseSensitive) => {
                assert.equal(wildcardMatch(pattern, value, caseSensitive), byRegExp(pattern, value, caseSensitive));
            }),
            { numRuns: 5000, seed: 20261129 },
        );
    });

    it("tells whether two patterns can match a common action", () => {
        assert.ok(wildcardOverlap("s3:Get*", "s3:GetObject*"));
        assert.ok(wildcardOverlap("s3:GetObject", "s3:Get*"));
        assert.ok(!wildcardOverlap("s3:Put*", "s3:GetObject*"));
    });
});
