import { strict as assert } from "assert";
import { azFlowLogs as control } from "../../../../policies/azure/flow/logs";
import { runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const NSG = "azure-native:network:NetworkSecurityGroup";
const VNET = "azure-native:network:VirtualNetwork";
const SUBNET = "azure-native:network:Subnet";
const FLOW_LOG = "azure-native:network:FlowLog";

const nsg: TestResource = { type: NSG, name: "nsg", props: { resourceGroupName: "rg" } };
const vnet: TestResource = { type: VNET, name: "vnet", props: { resourceGroupName: "rg" } };
const flowLog = (target: TestResource | string, props: Record<string, unknown> = {}, name = "fl"): TestResource => ({
    type: FLOW_LOG,
    name,
    props: {
        resourceGroupName: "NetworkWatcherRG",
        networkWatcherName: "NetworkWatcher_eastus",
        storageId: "/subscriptions/s/resourceGroups/logs/providers/Microsoft.Storage/storageAccounts/flowlogs",
        targetResourceId: typeof target === "string" ? target : unknown,
        enabled: true,
        retentionPolicy: { enabled: true, days: 0 },
        ...props,
    },
    propertyDependencies: typeof target === "string" ? {} : { targetResourceId: [urnOf(target)] },
});

describe("az-flow-logs", () => {
    it("passes an NSG and a VNet with enabled flow logs kept forever", async () => {
        const r = await runStack(control, [nsg, vnet, flowLog(nsg), flowLog(vnet, {}, "fl2")]);
        assert.deepEqual(r, { violations: [], unverified: [], urns: [] });
    });

    it("flags an NSG without a flow log, on the NSG", async () => {
        const r = await runStack(control, [nsg]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /no flow log targets this network security group .* at flowLogs:/);
        assert.deepEqual(r.urns, [urnOf(nsg)]);
    });

    it("flags a virtual network without a flow log", async () => {
        const r = await runStack(control, [vnet]);
        assert.match(r.violations[0], /virtual network/);
    });

    it("flags the versioned VirtualNetwork token", async () => {
        const r = await runStack(control, [{ ...vnet, type: "azure-native:network/v20240101:VirtualNetwork" }]);
        assertFindings(r, [{ at: "flowLogs", urn: "urn:pulumi:test::test::azure-native:network/v20240101:VirtualNetwork::vnet" }]);
    });

    it("flags a disabled flow log", async () => {
        const r = await runStack(control, [nsg, flowLog(nsg, { enabled: false })]);
        assert.equal(r.violations.length, 1);
        assert.match(r.violations[0], /not enabled at enabled:/);
    });

    it("flags a flow log that leaves enabled unset", async () => {
        const { enabled, ...rest } = flowLog(nsg).props;
        void enabled;
        const r = await runStack(control, [nsg, { ...flowLog(nsg), props: rest }]);
        assert.match(r.violations[0], /not enabled/);
    });

    it("flags a flow log without a retention policy", async () => {
        const r = await runStack(control, [nsg, flowLog(nsg, { retentionPolicy: { enabled: false, days: 0 } })]);
        assert.match(r.violations[0], /no enabled retention policy at retentionPolicy\.enabled:/);
    });

    it("flags a short retention", async () => {
        const r = await runStack(control, [nsg, flowLog(nsg, { retentionPolicy: { enabled: true, days: 30 } })]);
        assert.match(r.violations[0], /kept 30 days, less than 365 at retentionPolicy\.days:/);
    });

    it("passes a retention at the configured minimum, given as a string", async () => {
        const r = await runStack(control, [nsg, flowLog(nsg, { retentionPolicy: { enabled: "true", days: "90" } })], { config: { minRetentionDays: 90 } });
        assertFindings(r, []);
    });

    it("covers an NSG attached to a standalone subnet of a virtual network with a flow log", async () => {
        const subnet: TestResource = {
            type: SUBNET,
            name: "snet",
            props: { resourceGroupName: "rg", virtualNetworkName: unknown, networkSecurityGroup: { id: unknown } },
            propertyDependencies: { virtualNetworkName: [urnOf(vnet)], networkSecurityGroup: [urnOf(nsg)] },
        };
        const r = await runStack(control, [nsg, vnet, subnet, flowLog(vnet)]);
        assert.deepEqual(r.violations, []);
    });

    it("covers an NSG on an inline subnet of a virtual network with a flow log", async () => {
        const v: TestResource = { ...vnet, props: { resourceGroupName: "rg", subnets: [{ name: "a", networkSecurityGroup: { id: unknown } }] }, propertyDependencies: { subnets: [urnOf(nsg)] } };
        const r = await runStack(control, [nsg, v, flowLog(v)]);
        assert.deepEqual(r.violations, []);
    });

    it("does not cover an NSG on a subnet of a virtual network without a flow log", async () => {
        const v: TestResource = { ...vnet, props: { resourceGroupName: "rg" }, propertyDependencies: { subnets: [urnOf(nsg)] } };
        const r = await runStack(control, [nsg, v]);
        assertFindings(r, [{ at: "flowLogs", urn: "urn:pulumi:test::test::azure-native:network:NetworkSecurityGroup::nsg" }, { at: "flowLogs", urn: "urn:pulumi:test::test::azure-native:network:VirtualNetwork::vnet" }]);
    });

    it("joins by a literal targetResourceId", async () => {
        const id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg";
        const r = await runStack(control, [{ ...nsg, props: { id } }, flowLog(id)]);
        assert.deepEqual(r.violations, []);
    });

    it("skips coverage when requireCoverage is false", async () => {
        const r = await runStack(control, [nsg], { config: { requireCoverage: false } });
        assertFindings(r, []);
    });

    it("reports unknown enabled and retention days as unverified", async () => {
        const r = await runStack(control, [nsg, flowLog(nsg, { enabled: unknown, retentionPolicy: { enabled: true, days: unknown } })]);
        assert.equal(r.violations.length, 0);
        assert.equal(r.unverified.length, 2);
        assert.match(r.unverified[1], /retentionPolicy\.days/);
    });

    it("does not echo a secret storage id", async () => {
        const r = await runStack(control, [nsg, flowLog(nsg, { storageId: secret("s3cr3t-storage"), retentionPolicy: { enabled: true, days: 7 } })]);
        assert.equal(r.violations.length, 1);
        assert.doesNotMatch(r.violations[0], /s3cr3t/);
    });
});
