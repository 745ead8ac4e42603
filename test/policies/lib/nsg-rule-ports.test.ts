import { strict as assert } from "assert";
import { coversAllPorts, coversPort, portRanges } from "../../../policies/lib/nsg-rule";

describe("lib/nsg-rule port coverage", () => {
    it("finds a port inside a range", () => {
        const ranges = portRanges({ at: "", props: { destinationPortRange: "20-25", destinationPortRanges: ["3389"] } }, "destination") as [number, number][];
        assert.equal(coversPort(ranges, 22), true);
        assert.equal(coversPort(ranges, 3389), true);
        assert.equal(coversPort(ranges, 443), false);
    });

    it("treats *, 0-65535 and 1-65535 as every port", () => {
        for (const r of ["*", "0-65535", "1-65535"]) {
            assert.equal(coversAllPorts(portRanges({ at: "", props: { destinationPortRange: r } }, "destination") as [number, number][]), true);
        }
        assert.equal(coversAllPorts([[1, 1024]]), false);
    });
});
