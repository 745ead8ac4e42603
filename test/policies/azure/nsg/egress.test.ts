import { strict as assert } from "assert";
import { azNsgEgress as control } from "../../../../policies/azure/nsg/egress";
import { runResource, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const rule = (over: Record<string, unknown>) => ({
    name: "r",
    priority: 100,
    direction: "Outbound",
    access: "Allow",
    protocol: "*",
    sourceAddressPrefix: "VirtualNetwork",
    sourcePortRange: "*",
    destinationPortRange: "*",
    ...over,
});
const nsg = (...securityRules: unknown[]) => ({ type: "azure-native:network:NetworkSecurityGroup", props: { securityRules } });
const standalone = (over: Record<string, unknown>, type = "azure-native:network:SecurityRule") => ({ type, props: rule(over) });

describe("az-nsg-egress", () => {
    for (const destination of ["*", "Internet", "internet", "0.0.0.0/0", "::/0", "Any"]) {
        it(`flags an inline outbound Allow to ${destination}`, async () => {
            const r = await runResource(control, nsg(rule({ destinationAddressPrefix: destination })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /securityRules\[0\]\.destinationAddressPrefix/);
        });
    }

    it("flags the internet split into two /1 halves in destinationAddressPrefixes", async () => {
        const r = await runResource(control, standalone({ destinationAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at destinationAddressPrefixes/);
    });

    it("flags a standalone SecurityRule under a versioned token, with lower-case enums", async () => {
        const r = await runResource(control, standalone({ direction: "outbound", access: "allow", destinationAddressPrefix: "Internet" }, "azure-native:network/v20230901:SecurityRule"));
        assertFindings(r, [{ at: "destinationAddressPrefix" }]);
    });

    it("reads rules nested under properties", async () => {
        const r = await runResource(control, nsg({ name: "n", properties: rule({ destinationAddressPrefix: "*" }) }));
        assertFindings(r, [{ at: "securityRules[0].destinationAddressPrefix" }]);
    });

    it("passes Deny rules, inbound rules, service tags and private ranges", async () => {
        const r = await runResource(
            control,
            nsg(
                rule({ access: "Deny", destinationAddressPrefix: "Internet" }),
                rule({ direction: "Inbound", destinationAddressPrefix: "*" }),
                rule({ destinationAddressPrefix: "Storage.EastUS" }),
                rule({ destinationAddressPrefixes: ["10.0.0.0/8", "192.168.0.0/16"] }),
            ),
        );
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes a configured allowed destination", async () => {
        const r = await runResource(control, nsg(rule({ destinationAddressPrefix: "Internet" })), { config: { allowedDestinations: ["internet"] } });
        assert.deepEqual(r.violations, []);
    });

    it("passes an NSG without rules (the platform default outbound rule is not an input)", async () => {
        const r = await runResource(control, { type: "azure-native:network:NetworkSecurityGroup", props: {} });
        assert.deepEqual(r.violations, []);
    });

    it("says it could not verify an unknown destination or rule list", async () => {
        const a = await runResource(control, nsg(rule({ destinationAddressPrefix: unknown })));
        const b = await runResource(control, { type: "azure-native:network:NetworkSecurityGroup", props: { securityRules: unknown } });
        assertFindings(a, [{ at: "securityRules[0].destinationAddressPrefix", outcome: "unverified" }]);
        assertFindings(b, [{ at: "securityRules", outcome: "unverified" }]);
    });

    it("skips rules known to be inbound even when their destination is unknown", async () => {
        const r = await runResource(control, nsg(rule({ direction: "Inbound", destinationAddressPrefix: unknown })));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });
});
