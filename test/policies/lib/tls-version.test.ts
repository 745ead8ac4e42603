import { strict as assert } from "assert";
import { parseTlsVersion, tlsAtLeast } from "../../../policies/lib/tls-version";

describe("lib/tls-version", () => {
    it("reads the spellings Azure services use", () => {
        assert.deepEqual(parseTlsVersion("1.2"), [1, 2]);
        assert.deepEqual(parseTlsVersion("TLS1_2"), [1, 2]);
        assert.deepEqual(parseTlsVersion("Tls12"), [1, 2]);
        assert.deepEqual(parseTlsVersion("tls1.3"), [1, 3]);
        assert.equal(parseTlsVersion("None"), undefined);
        assert.equal(parseTlsVersion(""), undefined);
    });

    it("compares against a minimum", () => {
        assert.equal(tlsAtLeast("1.2", "1.2"), true);
        assert.equal(tlsAtLeast("TLS1_3", "1.2"), true);
        assert.equal(tlsAtLeast("1.1", "1.2"), false);
        assert.equal(tlsAtLeast("1.0", "1.2"), false);
        assert.equal(tlsAtLeast("None", "1.2"), false);
    });
});
