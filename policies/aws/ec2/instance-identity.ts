import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
import { Settled } from "../../lib/settled";
import type { StackIndex, StackResource } from "../../lib/stack-index";
import { canonicalType, types } from "../../lib/type-tokens";
import { asBool, asList, asString, at, isObject, isUnknown } from "../../lib/values";

interface Config {
    allowedPublicInstances: string[];
}

type Ctx = CheckContext<Config>;

const INSTANCE = "aws:ec2/instance:Instance";
const SPOT_REQUEST = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const LAUNCH_CONFIGURATION = "aws:ec2/launchConfiguration:LaunchConfiguration";

/** Resources that launch one instance themselves (and may take their settings from a launch template). */
const LAUNCHES_ONE = [INSTANCE, SPOT_REQUEST];
const INSTANCES = types(INSTANCE);
const LAUNCHERS = types(...LAUNCHES_ONE);
const SUBNETS = types("aws:ec2/subnet:Subnet");
const ELASTIC_IPS = types("aws:ec2/eip:Eip");
const EIP_ASSOCIATIONS = types("aws:ec2/eipAssociation:EipAssociation");
const NETWORK_INTERFACES = types("aws:ec2/networkInterface:NetworkInterface");
const INTERFACE_ATTACHMENTS = types("aws:ec2/networkInterfaceAttachment:NetworkInterfaceAttachment");

/** Instances whose public address Analyze settled from their own properties; the rest wait for their subnet. */
const settled = new Settled();

function checkMetadata(r: ResourceInput, ctx: Ctx): void {
    const options = r.props.metadataOptions;
    if (isUnknown(options)) return ctx.unverified("metadataOptions");
    const endpoint = asString(at(options, "httpEndpoint"));
    if (isUnknown(endpoint)) return ctx.unverified("metadataOptions.httpEndpoint");
    // No metadata service at all: nothing to steal credentials from.
    if (endpoint?.trim().toLowerCase() === "disabled") return;
    const tokens = asString(at(options, "httpTokens"));
    if (isUnknown(tokens)) return ctx.unverified("metadataOptions.httpTokens");
    if (tokens?.trim().toLowerCase() === "required") return;
    if (tokens === undefined && LAUNCHES_ONE.includes(canonicalType(r.type)) && at(r.props, "launchTemplate") !== undefined) {
        return ctx.cannotTell(
            "metadataOptions.httpTokens",
            'because the instance takes it from its launch template, which is judged on its own when the stack holds it: set metadataOptions.httpTokens "required" on the instance to settle it here',
        );
    }
    ctx.fail({
        problem: 'the instance metadata service accepts IMDSv1 requests (metadataOptions.httpTokens is not "required"), so a request forged through the workload (SSRF) can read the instance role\'s credentials',
        at: "metadataOptions.httpTokens",
        fix: 'set metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 } (or httpEndpoint: "disabled" when nothing on the instance needs the metadata service)',
    });
}

function failPublic(ctx: Ctx, where: string, why: string, urn?: string): void {
    ctx.fail({
        problem: `${why}, so the PHI instance is reachable from the internet wherever its security groups allow`,
        at: where,
        fix: "set associatePublicIpAddress: false, launch into a private subnet, and reach the instance through Session Manager or a load balancer",
        urn,
    });
}

/**
 * Judges a PHI resource's public address by its own properties. Returns false for the one case it
 * leaves to the stack part: an instance placed only by a subnetId, whose subnet decides.
 */
function checkPublicIp(r: ResourceInput, ctx: Ctx): boolean {
    const type = canonicalType(r.type);
    if (type === LAUNCH_TEMPLATE) {
        const interfaces = asList(r.props.networkInterfaces);
        if (isUnknown(interfaces)) {
            ctx.unverified("networkInterfaces");
            return true;
        }
        interfaces.forEach((ni, i) => {
            const where = `networkInterfaces[${i}].associatePublicIpAddress`;
            // Launch template interfaces take "true"/"false" strings; asBool reads both forms.
            const v = isUnknown(ni) ? ni : isObject(ni) ? asBool(ni.associatePublicIpAddress) : undefined;
            if (isUnknown(v)) ctx.unverified(where);
            else if (v === true) failPublic(ctx, where, "the launch template gives every instance a public IP address");
        });
        return true;
    }
    const assign = asBool(r.props.associatePublicIpAddress);
    if (isUnknown(assign)) {
        ctx.unverified("associatePublicIpAddress");
        return true;
    }
    if (assign === true) {
        failPublic(ctx, "associatePublicIpAddress", "the instance gets a public IP address");
        return true;
    }
    if (assign === false || !LAUNCHES_ONE.includes(type)) return true;
    const given = (p: string) => r.props[p] !== undefined && r.props[p] !== null;
    // Launched through its own interfaces or a template: those say whether it gets an address.
    if (given("networkInterfaces") || given("launchTemplate")) return true;
    if (given("subnetId")) return false;
    // Nothing says where it launches: EC2 puts it in the default VPC, whose default subnets give every instance a public address.
    failPublic(ctx, "subnetId", "the instance names no subnet, so it launches into a default subnet of the default VPC, which gives it a public IP address");
    return true;
}

/** Whether a PHI instance may have a public address: in PHI scope and not reviewed to be public. */
const mustBePrivate = (r: ResourceInput | StackResource, ctx: Ctx) => ctx.isPhi(r) && !ctx.config.allowedPublicInstances.includes(r.name);

/** An instance that left its address to its subnet: the subnet's mapPublicIpOnLaunch decides, and a subnet outside the stack cannot be read. */
function checkSubnet(stack: StackIndex, r: StackResource, ctx: Ctx): void {
    const subnets = stack.linked(r, "subnetId").filter((s) => SUBNETS.has(s.type));
    if (subnets.length === 0) {
        return ctx.cannotTell(
            "subnetId",
            "because its subnet is not in this stack, so whether the subnet gives every instance a public IP address (mapPublicIpOnLaunch) could not be read: set associatePublicIpAddress: false to settle it here",
            r.urn,
        );
    }
    for (const subnet of subnets) {
        const maps = asBool(subnet.props.mapPublicIpOnLaunch);
        if (isUnknown(maps)) ctx.unverified("subnetId", r.urn);
        else if (maps === true) {
            ctx.fail({
                problem: `its subnet "${subnet.name}" gives every instance launched in it a public IP address (mapPublicIpOnLaunch), so the PHI instance is reachable from the internet wherever its security groups allow`,
                at: "subnetId",
                fix: "set associatePublicIpAddress: false on the instance, or launch it into a private subnet (mapPublicIpOnLaunch: false), and reach it through Session Manager or a load balancer",
                urn: r.urn,
            });
        }
    }
}

/** The instances an Elastic IP or its association gives an address, each with the property that reaches it: directly, or through a network interface it uses. */
function addressedInstances(stack: StackIndex, eip: StackResource, instanceProp: string, interfaceProp: string): Map<StackResource, string> {
    const out = new Map<StackResource, string>();
    for (const r of stack.linked(eip, instanceProp)) if (INSTANCES.has(r.type)) out.set(r, instanceProp);
    const interfaces = stack.linked(eip, interfaceProp).filter((r) => NETWORK_INTERFACES.has(r.type));
    if (interfaces.length === 0) return out;
    const viaInterface = stack.derive(instancesByInterface);
    for (const ni of interfaces) for (const r of viaInterface.get(ni.urn) ?? []) if (!out.has(r)) out.set(r, interfaceProp);
    return out;
}

/** Network interface URN -> the instances that use it: through their networkInterfaces or an attachment. */
function instancesByInterface(stack: StackIndex): Map<string, StackResource[]> {
    const out = new Map<string, StackResource[]>();
    const add = (ni: StackResource, instance: StackResource) => {
        const list = out.get(ni.urn);
        if (list) list.push(instance);
        else out.set(ni.urn, [instance]);
    };
    for (const instance of stack.ofType(INSTANCES)) {
        for (const ni of stack.linked(instance, "networkInterfaces")) if (NETWORK_INTERFACES.has(ni.type)) add(ni, instance);
    }
    for (const attachment of stack.ofType(INTERFACE_ATTACHMENTS)) {
        const instances = stack.linked(attachment, "instanceId").filter((r) => INSTANCES.has(r.type));
        for (const ni of stack.linked(attachment, "networkInterfaceId")) if (NETWORK_INTERFACES.has(ni.type)) instances.forEach((i) => add(ni, i));
    }
    return out;
}

function checkElasticIps(stack: StackIndex, ctx: Ctx): void {
    const sources: [StackResource, string, string][] = [
        ...stack.ofType(ELASTIC_IPS).map((e): [StackResource, string, string] => [e, "instance", "networkInterface"]),
        ...stack.ofType(EIP_ASSOCIATIONS).map((e): [StackResource, string, string] => [e, "instanceId", "networkInterfaceId"]),
    ];
    for (const [eip, instanceProp, interfaceProp] of sources) {
        for (const [instance, where] of addressedInstances(stack, eip, instanceProp, interfaceProp)) {
            if (!mustBePrivate(instance, ctx)) continue;
            ctx.fail({
                problem: `this Elastic IP gives the PHI instance "${instance.name}" a public IP address, so it is reachable from the internet wherever its security groups allow`,
                at: where,
                fix: "remove the Elastic IP (or its association) from the PHI instance, and reach the instance through Session Manager or a load balancer",
                urn: eip.urn,
            });
        }
    }
}

export const awsEc2InstanceIdentity: ResourceControl<Config> = {
    id: "aws-ec2-instance-identity",
    title: "EC2 instances require IMDSv2 and PHI instances get no public IP address",
    cloud: "aws",
    category: "service-identity",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(a)(1)")],
    description:
        "An instance whose metadata service answers IMDSv1 requests hands its role's credentials to anyone who can make the workload fetch a URL (SSRF), the path of the largest known cloud data breaches; IMDSv2's session tokens close it. An instance in PHI scope must also not get a public IP address, which puts it on the internet one security-group rule away from exposure.",
    remediation:
        'Set metadataOptions: { httpTokens: "required" } on every aws.ec2.Instance, SpotInstanceRequest, LaunchTemplate and LaunchConfiguration (or httpEndpoint: "disabled"); for PHI instances set associatePublicIpAddress: false (launch template network interfaces too) and a private subnetId, and reach them through Session Manager, a bastion outside PHI scope or a load balancer.',
    unknowns:
        "Metadata options, associatePublicIpAddress and launch template network interfaces unknown at preview are reported as unverified (advisory). An instance that takes its metadata options from a launch template cannot be judged on its own: that is said (advisory), and the template is judged itself when the stack holds it. An instance placed only by a subnetId is judged by its subnet's mapPublicIpOnLaunch; a subnet outside the stack is said as could not verify.",
    acrossResources:
        "The subnet of a PHI instance that sets neither associatePublicIpAddress nor interfaces (its mapPublicIpOnLaunch), and the Elastic IPs and EIP associations that give a PHI instance a public address, directly or through a network interface it uses.",
    config: {
        allowedPublicInstances: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Pulumi names of PHI-scope instances, spot requests, launch templates or launch configurations reviewed to have a public IP address (IMDSv2 is still required of them).",
        },
    },
    types: types(INSTANCE, SPOT_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION),
    judges: types(INSTANCE, SPOT_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION, ...SUBNETS.canonical, ...ELASTIC_IPS.canonical, ...EIP_ASSOCIATIONS.canonical),
    checkResource(r, ctx) {
        checkMetadata(r, ctx);
        settled.record(r.urn, !mustBePrivate(r, ctx) || checkPublicIp(r, ctx));
    },
    checkStack(stack, ctx) {
        for (const r of stack.ofType(LAUNCHERS)) {
            if (settled.has(r.urn) || !mustBePrivate(r, ctx)) continue;
            const assign = asBool(r.props.associatePublicIpAddress);
            // What Analyze left open: the outputs may now say (a provider fills the address flag in from the subnet).
            if (assign === true) failPublic(ctx, "associatePublicIpAddress", "the instance gets a public IP address", r.urn);
            else if (assign !== false) checkSubnet(stack, r, ctx);
        }
        checkElasticIps(stack, ctx);
    },
};
