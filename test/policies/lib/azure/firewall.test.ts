import { strict as assert } from "assert";
import { addressOrRangeReach, rangeReach, toRange, togetherInternet } from "../../../../policies/lib/azure/firewall";
import { isInternetPrefix } from "../../../../policies/lib/nsg-rule";
import { UNKNOWN } from "../../../../policies/lib/values";

describe("Azure data-store firewall ranges", () => {
    it("reads 0.0.0.0-0.0.0.0 and the Cosmos DB entry 0.0.0.0 as Azure's allow-Azure-services marker", () => {
        assert.equal(rangeReach("0.0.0.0", "0.0.0.0"), "azure-services");
        assert.equal(addressOrRangeReach("0.0.0.0"), "azure-services");
    });

    it("calls a range the internet exactly where isInternetPrefix calls a CIDR block the internet", () => {
        for (const cidr of ["0.0.0.0/0", "0.0.0.0/7", "0.0.0.0/8", "10.0.0.0/8", "1.0.0.0/9", "::/0", "::/15", "::/16", "2001:db8::/32"]) {
            assert.equal(addressOrRangeReach(cidr) === "internet", isInternetPrefix(cidr), cidr);
        }
        assert.equal(rangeReach("0.0.0.0", "255.255.255.255"), "internet");
        assert.equal(rangeReach("0.0.0.0", "1.255.255.255"), "internet");
        assert.equal(rangeReach("0.0.0.0", "1.255.255.254"), "limited");
    });

    it("answers unknown for an unknown address and invalid for what is not a range of one family", () => {
        assert.equal(rangeReach(UNKNOWN, "1.1.1.1"), UNKNOWN);
        assert.equal(addressOrRangeReach(UNKNOWN), UNKNOWN);
        for (const [a, b] of [["1.1.1.9", "1.1.1.1"], ["::", "1.1.1.1"], ["1.1.1", "1.1.1.1"], ["x", "y"]]) assert.equal(rangeReach(a, b), "invalid", `${a}-${b}`);
        assert.equal(addressOrRangeReach("10.0.0.0/33"), "invalid");
        assert.equal(addressOrRangeReach(5), "invalid");
    });

    it("adds up ranges of one family without counting overlaps twice", () => {
        const r = (s: string) => toRange(s)!;
        assert.equal(togetherInternet([r("1.0.0.0/8"), r("2.0.0.0/8")]), true);
        assert.equal(togetherInternet([r("1.0.0.0/8"), r("1.0.0.0/8"), r("1.128.0.0/9")]), false);
        assert.equal(togetherInternet([r("1.0.0.0/8"), r("2001:db8::/16")]), false);
        assert.equal(togetherInternet([r("2001::/16"), r("2002::/16")]), true);
    });
});
