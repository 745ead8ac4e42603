import { strict as assert } from "assert";
import { awsEc2InstanceIdentity as control } from "../../../../policies/aws/ec2/instance-identity";
import { runResource, runStack, secret, TestResource, unknown, urnOf } from "../../../harness";
import { assertFindings } from "../../../findings";

const INSTANCE = "aws:ec2/instance:Instance";
const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";
const V2 = { httpTokens: "required" };
const PRIVATE = { subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: false };

const instance = (props: Record<string, unknown>, type = INSTANCE) => ({ type, name: "worker", props: { ami: "ami-0123", instanceType: "t3.micro", ...props } });
const template = (props: Record<string, unknown>) => ({ type: TEMPLATE, name: "worker-template", props: { imageId: "ami-0123", ...props } });

describe("aws-ec2-instance-identity", () => {
    for (const type of [INSTANCE, SPOT, CONFIGURATION]) {
        it(`passes a private ${type.split(":").pop()} that requires IMDSv2`, async () => {
            assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: V2 }, type)), []);
        });

        it(`flags a ${type.split(":").pop()} that allows IMDSv1 (httpTokens "optional" or not set)`, async () => {
            assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: { httpTokens: "optional" } }, type)), [{ at: "metadataOptions.httpTokens" }]);
            assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: { httpPutResponseHopLimit: 1 } }, type)), [{ at: "metadataOptions.httpTokens" }]);
            assertFindings(await runResource(control, instance({ ...PRIVATE }, type)), [{ at: "metadataOptions.httpTokens" }]);
        });

        it(`flags a PHI ${type.split(":").pop()} with associatePublicIpAddress true (or "true")`, async () => {
            for (const associatePublicIpAddress of [true, " TRUE "]) {
                const r = await runResource(control, instance({ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress, metadataOptions: V2 }, type));
                assertFindings(r, [{ at: "associatePublicIpAddress" }]);
                assert.match(r.violations[0], /public IP address/);
            }
        });
    }

    it('passes "Required" in any case and a disabled metadata service', async () => {
        assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: { httpTokens: " Required " } })), []);
        assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: { httpEndpoint: "disabled", httpTokens: "optional" } })), []);
    });

    it("flags an instance that names no subnet, interface or template: it launches into the default VPC with a public address", async () => {
        const r = await runResource(control, instance({ metadataOptions: V2 }));
        assertFindings(r, [{ at: "subnetId" }]);
        assert.match(r.violations[0], /default subnet of the default VPC/);
        assertFindings(await runResource(control, instance({ metadataOptions: V2, networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: "eni-0a1b" }] })), []);
        assertFindings(await runResource(control, instance({ metadataOptions: V2, subnetId: unknown })), []);
    });

    it("says it cannot tell IMDSv2 for an instance that takes its metadata options from a launch template", async () => {
        const r = await runResource(control, instance({ subnetId: "subnet-0a1b2c3d", launchTemplate: { id: unknown, version: "$Latest" } }));
        assertFindings(r, [{ at: "metadataOptions.httpTokens", outcome: "unverified" }]);
        assert.match(r.unverified[0], /launch template/);
        assertFindings(await runResource(control, instance({ subnetId: "subnet-0a1b2c3d", launchTemplate: { id: "lt-0a1b" }, metadataOptions: { httpTokens: "optional" } })), [{ at: "metadataOptions.httpTokens" }]);
    });

    it("judges a launch template's metadata options and each network interface's public address (a string, as the provider takes it)", async () => {
        assertFindings(await runResource(control, template({ metadataOptions: V2, networkInterfaces: [{ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: "false" }] })), []);
        assertFindings(await runResource(control, template({})), [{ at: "metadataOptions.httpTokens" }]);
        const r = await runResource(control, template({ metadataOptions: V2, networkInterfaces: [{ deviceIndex: 0 }, { deviceIndex: 1, associatePublicIpAddress: "true" }] }));
        assertFindings(r, [{ at: "networkInterfaces[1].associatePublicIpAddress" }]);
    });

    it("says it could not verify metadata options, public addresses or interfaces unknown at preview", async () => {
        assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: unknown })), [{ at: "metadataOptions", outcome: "unverified" }]);
        assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: { httpTokens: unknown } })), [{ at: "metadataOptions.httpTokens", outcome: "unverified" }]);
        assertFindings(await runResource(control, instance({ ...PRIVATE, metadataOptions: { httpEndpoint: unknown } })), [{ at: "metadataOptions.httpEndpoint", outcome: "unverified" }]);
        assertFindings(await runResource(control, instance({ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: unknown, metadataOptions: V2 })), [{ at: "associatePublicIpAddress", outcome: "unverified" }]);
        assertFindings(await runResource(control, template({ metadataOptions: V2, networkInterfaces: unknown })), [{ at: "networkInterfaces", outcome: "unverified" }]);
        assertFindings(await runResource(control, template({ metadataOptions: V2, networkInterfaces: [{ associatePublicIpAddress: unknown }] })), [{ at: "networkInterfaces[0].associatePublicIpAddress", outcome: "unverified" }]);
    });

    it("reads secret values without echoing them", async () => {
        const r = await runResource(control, instance({ subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: secret(true), metadataOptions: secret({ httpTokens: "optional" }), userData: secret("s3cr3t") }));
        assertFindings(r, [{ at: "metadataOptions.httpTokens" }, { at: "associatePublicIpAddress" }]);
        assert.doesNotMatch(r.violations.join("\n"), /s3cr3t|optional/);
    });

    it("passes a public address on an instance outside PHI scope or reviewed to be public, and still requires IMDSv2 of it", async () => {
        const open = { subnetId: "subnet-0a1b2c3d", associatePublicIpAddress: true };
        const tagged = { settings: { phiScope: "tagged" } };
        assertFindings(await runResource(control, instance({ ...open, metadataOptions: V2, tags: { "data-classification": "public" } }), tagged), []);
        assertFindings(await runResource(control, instance({ ...open, metadataOptions: V2, tags: { "data-classification": "phi" } }), tagged), [{ at: "associatePublicIpAddress" }]);
        const reviewed = { config: { allowedPublicInstances: ["worker"] } };
        assertFindings(await runResource(control, instance({ ...open, metadataOptions: V2 }), reviewed), []);
        assertFindings(await runResource(control, instance({ ...open }), reviewed), [{ at: "metadataOptions.httpTokens" }]);
    });

    describe("its subnet and Elastic IPs (stack part)", () => {
        const subnet = (props: Record<string, unknown>): TestResource => ({ type: "aws:ec2/subnet:Subnet", name: "app-subnet", props: { vpcId: "vpc-0a1b", cidrBlock: "10.0.1.0/24", ...props } });
        const inSubnet = (s: TestResource, props: Record<string, unknown> = {}): TestResource => ({
            ...instance({ metadataOptions: V2, subnetId: unknown, ...props }),
            propertyDependencies: { subnetId: [urnOf(s)] },
        });

        it("flags a PHI instance that leaves its address to a subnet with mapPublicIpOnLaunch, on the instance at subnetId", async () => {
            const s = subnet({ mapPublicIpOnLaunch: true });
            const i = inSubnet(s);
            const r = await runStack(control, [s, i]);
            assertFindings(r, [{ at: "subnetId", urn: urnOf(i) }]);
            assert.match(r.violations[0], /subnet "app-subnet" gives every instance launched in it a public IP address/);
        });

        it("passes a private subnet, and an instance that turns the address off whatever its subnet does", async () => {
            for (const props of [{}, { mapPublicIpOnLaunch: false }]) {
                const s = subnet(props);
                assertFindings(await runStack(control, [s, inSubnet(s)]), []);
            }
            const open = subnet({ mapPublicIpOnLaunch: true });
            assertFindings(await runStack(control, [open, inSubnet(open, { associatePublicIpAddress: false })]), []);
        });

        it("says it could not verify a subnet whose mapPublicIpOnLaunch is unknown, or that is not in the stack", async () => {
            const s = subnet({ mapPublicIpOnLaunch: unknown });
            const i = inSubnet(s);
            assertFindings(await runStack(control, [s, i]), [{ at: "subnetId", urn: urnOf(i), outcome: "unverified" }]);
            const outside = instance({ metadataOptions: V2, subnetId: "subnet-0a1b2c3d" });
            const r = await runStack(control, [outside]);
            assertFindings(r, [{ at: "subnetId", urn: urnOf(outside), outcome: "unverified" }]);
            assert.match(r.unverified[0], /subnet is not in this stack/);
        });

        it("flags an Elastic IP or an EIP association that gives a PHI instance a public address, on the Elastic IP", async () => {
            const i = instance({ ...PRIVATE, metadataOptions: V2 });
            const eip: TestResource = { type: "aws:ec2/eip:Eip", name: "worker-ip", props: { domain: "vpc", instance: unknown }, propertyDependencies: { instance: [urnOf(i)] } };
            const r = await runStack(control, [i, eip]);
            assertFindings(r, [{ at: "instance", urn: urnOf(eip) }]);
            assert.match(r.violations[0], /Elastic IP gives the PHI instance "worker" a public IP address/);
            const association: TestResource = { type: "aws:ec2/eipAssociation:EipAssociation", name: "worker-ip-assoc", props: { allocationId: "eipalloc-0a1b", instanceId: unknown }, propertyDependencies: { instanceId: [urnOf(i)] } };
            assertFindings(await runStack(control, [i, association]), [{ at: "instanceId", urn: urnOf(association) }]);
        });

        it("follows an Elastic IP through the network interface a PHI instance uses (attached, or in its networkInterfaces)", async () => {
            const eni: TestResource = { type: "aws:ec2/networkInterface:NetworkInterface", name: "worker-eni", props: { subnetId: "subnet-0a1b2c3d" } };
            const eip: TestResource = { type: "aws:ec2/eip:Eip", name: "worker-ip", props: { domain: "vpc", networkInterface: unknown }, propertyDependencies: { networkInterface: [urnOf(eni)] } };
            const attached = instance({ ...PRIVATE, metadataOptions: V2 });
            const attachment: TestResource = {
                type: "aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment",
                name: "worker-eni-attachment",
                props: { deviceIndex: 1, instanceId: unknown, networkInterfaceId: unknown },
                propertyDependencies: { instanceId: [urnOf(attached)], networkInterfaceId: [urnOf(eni)] },
            };
            assertFindings(await runStack(control, [attached, eni, attachment, eip]), [{ at: "networkInterface", urn: urnOf(eip) }]);
            const own: TestResource = { ...instance({ metadataOptions: V2, networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: unknown }] }), propertyDependencies: { networkInterfaces: [urnOf(eni)] } };
            assertFindings(await runStack(control, [own, eni, eip]), [{ at: "networkInterface", urn: urnOf(eip) }]);
        });

        it("passes an Elastic IP on an instance outside PHI scope or reviewed to be public, and one that names no instance (a NAT gateway's)", async () => {
            const tagged = { settings: { phiScope: "tagged" } };
            const i = instance({ ...PRIVATE, metadataOptions: V2, tags: { "data-classification": "public" } });
            const eip: TestResource = { type: "aws:ec2/eip:Eip", name: "worker-ip", props: { domain: "vpc", instance: unknown }, propertyDependencies: { instance: [urnOf(i)] } };
            assertFindings(await runStack(control, [i, eip], tagged), []);
            const phi = instance({ ...PRIVATE, metadataOptions: V2 });
            assertFindings(await runStack(control, [phi, eip], { config: { allowedPublicInstances: ["worker"] } }), []);
            assertFindings(await runStack(control, [phi, { type: "aws:ec2/eip:Eip", name: "nat-ip", props: { domain: "vpc" } }]), []);
        });
    });
});
