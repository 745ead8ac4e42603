import { strict as assert } from "assert";
import { azNsgIngress as control } from "../../../../policies/azure/nsg/ingress";
import { runResource, secret, unknown } from "../../../harness";
import { assertFindings } from "../../../findings";

const NSG = "azure-native:network:NetworkSecurityGroup";
const RULE = "azure-native:network:SecurityRule";

/** A rule with `over` applied; an undefined value removes the field (Struct has no undefined). */
const inbound = (over: Record<string, unknown>) => Object.fromEntries(Object.entries({
    name: "r",
    priority: 100,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
    destinationAddressPrefix: "*",
    destinationPortRange: "22",
    ...over,
}).filter(([, v]) => v !== undefined));
const nsg = (...securityRules: unknown[]) => ({ type: NSG, props: { resourceGroupName: "rg", securityRules } });
const standalone = (over: Record<string, unknown>) => ({ type: RULE, props: { resourceGroupName: "rg", networkSecurityGroupName: "n", ...inbound(over) } });

describe("az-nsg-ingress", () => {
    for (const source of ["*", "Any", "Internet", "internet", "0.0.0.0/0", "::/0", "0.0.0.0"]) {
        it(`flags an inline Inbound Allow from "${source}" to port 22`, async () => {
            const r = await runResource(control, nsg(inbound({ sourceAddressPrefix: source })));
            assert.equal(r.violations.length, 1);
            assert.match(r.violations[0], /opens port 22 to the internet .* at securityRules\[0\]\.sourceAddressPrefix:/);
        });
    }

    it("flags RDP 3389 on a standalone SecurityRule", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: "3389" }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /port 3389 .* at sourceAddressPrefix:/);
    });

    it("flags a port range that covers an admin port", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: "20-25" }));
        assert.match(r.violations[0], /port 22/);
    });

    it('flags destinationPortRange "*" as every port', async () => {
        const r = await runResource(control, standalone({ destinationPortRange: "*" }));
        assert.match(r.violations[0], /opens every port/);
    });

    it("flags 0-65535 as every port", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: "0-65535" }));
        assert.match(r.violations[0], /every port/);
    });

    it("flags admin ports listed in destinationPortRanges", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: undefined, destinationPortRanges: ["443", "3380-3390"] }));
        assert.match(r.violations[0], /port 3389/);
    });

    it("flags wide splits of the internet in sourceAddressPrefixes", async () => {
        const r = await runResource(control, standalone({ sourceAddressPrefix: undefined, sourceAddressPrefixes: ["0.0.0.0/1", "128.0.0.0/1"] }));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /at sourceAddressPrefixes:/);
    });

    it("flags case variants of direction and access", async () => {
        const r = await runResource(control, nsg(inbound({ direction: "inbound", access: "ALLOW" })));
        assertFindings(r, [{ at: "securityRules[0].sourceAddressPrefix" }]);
    });

    it("flags rules nested under properties", async () => {
        const r = await runResource(control, nsg({ name: "n", properties: inbound({}) }));
        assertFindings(r, [{ at: "securityRules[0].sourceAddressPrefix" }]);
    });

    it("flags the versioned type token", async () => {
        const r = await runResource(control, { type: "azure-native:network/v20230901:SecurityRule", props: standalone({}).props });
        assertFindings(r, [{ at: "sourceAddressPrefix" }]);
    });

    it("flags configured extra admin ports", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: "5986" }), { config: { adminPorts: [22, 3389, 5986] } });
        assert.match(r.violations[0], /port 5986/);
    });

    it("reports each offending inline rule with its index", async () => {
        const r = await runResource(control, nsg(inbound({ sourceAddressPrefix: "10.0.0.0/8" }), inbound({ destinationPortRange: "3389" })));
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /securityRules\[1\]/);
    });

    it("passes admin ports from a private range or service tag", async () => {
        const r = await runResource(control, nsg(inbound({ sourceAddressPrefix: "10.0.0.0/8" }), inbound({ sourceAddressPrefix: "AzureBastionSubnet" }), inbound({ sourceAddressPrefix: "VirtualNetwork", destinationPortRange: "*" })));
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("passes HTTPS from the internet", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: "443" }));
        assertFindings(r, []);
    });

    it("passes Deny rules and Outbound rules", async () => {
        const r = await runResource(control, nsg(inbound({ access: "Deny", destinationPortRange: "*" }), inbound({ direction: "Outbound" })));
        assertFindings(r, []);
    });

    it("passes ICMP from the internet (no ports)", async () => {
        const r = await runResource(control, standalone({ protocol: "Icmp", destinationPortRange: "*" }));
        assertFindings(r, []);
    });

    it("flags protocol * and Udp to an admin port", async () => {
        const r = await runResource(control, nsg(inbound({ protocol: "*" }), inbound({ protocol: "Udp", destinationPortRange: "3389" })));
        assertFindings(r, [{ at: "securityRules[0].sourceAddressPrefix" }, { at: "securityRules[1].sourceAddressPrefix" }]);
    });

    it("passes an NSG without rules", async () => {
        const r = await runResource(control, nsg());
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("reports an unknown source as unverified", async () => {
        const r = await runResource(control, standalone({ sourceAddressPrefix: unknown }));
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /sourceAddressPrefix/);
    });

    it("reports unknown ports on an internet rule as unverified", async () => {
        const r = await runResource(control, standalone({ destinationPortRange: unknown }));
        assert.equal(r.violations.length, 0);
        assert.match(r.unverified[0], /destinationPortRange/);
    });

    it("reports unknown securityRules as unverified", async () => {
        const r = await runResource(control, { type: NSG, props: { resourceGroupName: "rg", securityRules: unknown } });
        assert.match(r.unverified[0], /securityRules/);
    });

    it("does not echo a secret rule name or description", async () => {
        const r = await runResource(control, nsg(inbound({ name: secret("s3cr3t-rule"), description: secret("s3cr3t-desc") })));
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
