import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { inferred } from "../../lib/hipaa";
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

function failPublic(ctx: Ctx, where: string, why: string): void {
    ctx.fail({
        problem: `${why}, so the PHI instance is reachable from the internet wherever its security groups allow`,
        at: where,
        fix: "set associatePublicIpAddress: false, launch into a private subnet, and reach the instance through Session Manager or a load balancer",
    });
}

function checkPublicIp(r: ResourceInput, ctx: Ctx): void {
    const type = canonicalType(r.type);
    if (type === LAUNCH_TEMPLATE) {
        const interfaces = asList(r.props.networkInterfaces);
        if (isUnknown(interfaces)) return ctx.unverified("networkInterfaces");
        interfaces.forEach((ni, i) => {
            const where = `networkInterfaces[${i}].associatePublicIpAddress`;
            // Launch template interfaces take "true"/"false" strings; asBool reads both forms.
            const v = isUnknown(ni) ? ni : isObject(ni) ? asBool(ni.associatePublicIpAddress) : undefined;
            if (isUnknown(v)) ctx.unverified(where);
            else if (v === true) failPublic(ctx, where, "the launch template gives every instance a public IP address");
        });
        return;
    }
    const assign = asBool(r.props.associatePublicIpAddress);
    if (isUnknown(assign)) return ctx.unverified("associatePublicIpAddress");
    if (assign === true) return failPublic(ctx, "associatePublicIpAddress", "the instance gets a public IP address");
    if (assign === false || !LAUNCHES_ONE.includes(type)) return;
    // Nothing says where it launches: EC2 puts it in the default VPC, whose default subnets give every instance a public address.
    const placed = ["subnetId", "networkInterfaces", "launchTemplate"].some((p) => r.props[p] !== undefined && r.props[p] !== null);
    if (!placed) failPublic(ctx, "subnetId", "the instance names no subnet, so it launches into a default subnet of the default VPC, which gives it a public IP address");
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
        "Metadata options, associatePublicIpAddress and launch template network interfaces unknown at preview are reported as unverified (advisory). An instance that takes its metadata options from a launch template cannot be judged on its own: that is said (advisory), and the template is judged itself when the stack holds it. Whether a subnet assigns public addresses on launch is not read.",
    config: {
        allowedPublicInstances: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Pulumi names of PHI-scope instances, spot requests, launch templates or launch configurations reviewed to have a public IP address (IMDSv2 is still required of them).",
        },
    },
    types: types(INSTANCE, SPOT_REQUEST, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION),
    checkResource(r, ctx) {
        checkMetadata(r, ctx);
        if (ctx.isPhi(r) && !ctx.config.allowedPublicInstances.includes(r.name)) checkPublicIp(r, ctx);
    },
};
