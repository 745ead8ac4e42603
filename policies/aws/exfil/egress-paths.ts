import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { constrainedKeys } from "../../lib/aws/conditions";
import { LAMBDA_FUNCTIONS as FUNCTIONS } from "../../lib/aws-lambda";
import { inferred } from "../../lib/hipaa";
import { grantsAction, isAllow, parseDocument, Statement } from "../../lib/iam-document";
import { Settled } from "../../lib/settled";
import type { StackResource } from "../../lib/stack-index";
import { types, unionOf } from "../../lib/type-tokens";
import { asList, asString, at, isUnknown, Plain } from "../../lib/values";

const ENDPOINTS = types("aws:ec2/vpcEndpoint:VpcEndpoint");
const ENDPOINT_POLICIES = types("aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy");
const TRANSFER_SERVERS = types("aws:transfer/server:Server");

/** Condition keys that hold S3 requests to the organisation's buckets. */
const RESOURCE_OWNER_KEYS = ["aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths"];

/** An S3 endpoint's service name: `com.amazonaws.<region>.s3` (gateway or interface). */
const isS3Service = (name: string) => /(^|\.)s3$/i.test(name.trim());

/** A resource that names buckets by name (`arn:aws:s3:::acme-records/*`), not every bucket or a wildcard of names. */
function namesBuckets(s: Statement): boolean {
    const items = s.resourceItems;
    if (s.notResources !== undefined || items === undefined || isUnknown(items)) return false;
    // An item unknown at preview is the ARN of a bucket this stack creates.
    return items.every((r) => isUnknown(r) || /^arn:aws[a-z-]*:s3:::[^*?/]+(\/.*)?$/i.test(r.trim()));
}

/**
 * Whether a statement lets the VPC write to buckets outside the organisation: it allows
 * s3:PutObject on buckets it does not name, without aws:ResourceAccount / aws:ResourceOrgID.
 */
function opensAnyBucket(s: Statement): boolean {
    if (!isAllow(s) || grantsAction(s, "s3:PutObject") !== true || namesBuckets(s)) return false;
    const keys = constrainedKeys(s);
    return !isUnknown(keys) && !keys.some((k) => RESOURCE_OWNER_KEYS.includes(k));
}

/** Judges one S3 endpoint policy document held by `r` (the endpoint, or a standalone VpcEndpointPolicy). */
function checkEndpointPolicy(r: { props: ResourceInput["props"]; urn?: string }, doc: Plain, ctx: CheckContext<unknown>): void {
    const parsed = parseDocument(doc, r.props);
    if (parsed.kind === "unknown") ctx.unverified("policy", r.urn);
    else if (parsed.kind === "invalid") ctx.fail({ problem: `${parsed.reason}, so it cannot be checked`, at: "policy", fix: "supply a valid endpoint policy", urn: r.urn });
    else {
        for (const s of parsed.statements.filter(opensAnyBucket)) {
            ctx.fail({
                problem: "the S3 endpoint policy lets the VPC write to buckets of any account",
                at: `policy.${s.path}`,
                fix: "add an aws:ResourceAccount (or aws:ResourceOrgID) condition naming the organisation's accounts, or name the buckets in Resource",
                urn: r.urn,
            });
        }
    }
}

/**
 * An endpoint's own part: its service and inline policy. True when that settles it; false for an
 * S3 endpoint without an inline policy, whose policy may be a standalone VpcEndpointPolicy.
 */
function checkEndpoint(e: { props: ResourceInput["props"]; urn?: string }, ctx: CheckContext<unknown>): boolean {
    const service = e.props.serviceName;
    if (isUnknown(service)) {
        ctx.unverified("serviceName", e.urn);
        return true;
    }
    if (typeof service !== "string" || !isS3Service(service)) return true;
    if (e.props.policy === undefined || e.props.policy === null) return false;
    checkEndpointPolicy(e, e.props.policy, ctx);
    return true;
}

const settled = new Settled();

/** A function runs in a VPC when vpcConfig gives it subnets. */
function checkFunction(f: ResourceInput, ctx: CheckContext<unknown>): void {
    if (!ctx.isPhi(f)) return;
    const subnets = asList(at(f.props.vpcConfig, "subnetIds"));
    if (isUnknown(subnets)) return ctx.unverified("vpcConfig.subnetIds");
    if (subnets.length > 0) return;
    ctx.fail({
        problem: "the function runs outside any VPC, so whatever PHI it reads can leave to any internet host, past the VPC's egress controls",
        at: "vpcConfig",
        fix: "give the function vpcConfig { subnetIds, securityGroupIds } in private subnets whose egress the security groups and endpoint policies control",
    });
}

/** A Transfer Family server is reachable only inside a VPC (no public endpoint, no Elastic IPs) and logs its sessions. */
function checkTransferServer(t: ResourceInput, ctx: CheckContext<unknown>): void {
    if (!ctx.isPhi(t)) return;
    const type = asString(t.props.endpointType);
    if (isUnknown(type)) ctx.unverified("endpointType");
    else if (type === undefined || type.trim().toUpperCase() === "PUBLIC") {
        ctx.fail({ problem: "the Transfer Family server has a public endpoint: anyone with a login can move PHI from the internet", at: "endpointType", fix: 'set endpointType "VPC" with endpointDetails in private subnets' });
    } else {
        const eips = asList(at(t.props.endpointDetails, "addressAllocationIds"));
        if (isUnknown(eips)) ctx.unverified("endpointDetails.addressAllocationIds");
        else if (eips.length > 0) {
            ctx.fail({ problem: "the Transfer Family server's VPC endpoint has Elastic IPs, so it faces the internet", at: "endpointDetails.addressAllocationIds", fix: "remove addressAllocationIds to keep the endpoint VPC-internal" });
        }
    }
    const role = t.props.loggingRole;
    const destinations = asList(t.props.structuredLogDestinations);
    if (isUnknown(role) || isUnknown(destinations)) return;
    if ((typeof role !== "string" || role.trim() === "") && destinations.length === 0) {
        ctx.fail({ problem: "the Transfer Family server does not log its sessions, so transfers of PHI leave no record", at: "structuredLogDestinations", fix: "set structuredLogDestinations to a CloudWatch log group (or a loggingRole)" });
    }
}

export const awsExfilEgressPaths: ResourceControl = {
    id: "aws-exfil-egress-paths",
    title: "S3 endpoints, PHI functions and file transfer keep data inside the organisation",
    cloud: "aws",
    category: "data-exfiltration",
    severity: "high",
    phiScoped: true,
    hipaa: [inferred("164.312(e)(1)")],
    description:
        "An S3 endpoint whose policy allows writes to any bucket lets a workload copy PHI into a bucket of the insider's own account over the private network, unseen by egress filters; a function outside a VPC, or a public Transfer Family server, sends data to the internet with no network control at all. Security-group egress is judged by aws-sg-egress.",
    remediation:
        "Give S3 endpoints a policy whose Allow statements carry aws:ResourceAccount (or aws:ResourceOrgID) naming the organisation's accounts; run PHI functions with vpcConfig in private subnets; make Transfer Family servers VPC endpoints without Elastic IPs, with structuredLogDestinations.",
    unknowns:
        "An endpoint's service name or policy, a function's subnets, or a server's endpoint settings unknown at preview are reported as unverified (advisory). Resource ARNs unknown at preview are buckets this stack creates; buckets named by a literal name count as named, whoever owns them.",
    acrossResources: "An S3 endpoint without an inline policy, with the standalone VpcEndpointPolicy resources joined to it (without either, the default policy allows every bucket).",
    types: unionOf(ENDPOINTS, FUNCTIONS, TRANSFER_SERVERS),
    judges: unionOf(ENDPOINTS, ENDPOINT_POLICIES, FUNCTIONS, TRANSFER_SERVERS),
    checkResource(r, ctx) {
        if (FUNCTIONS.has(r.type)) checkFunction(r, ctx);
        else if (TRANSFER_SERVERS.has(r.type)) checkTransferServer(r, ctx);
        else settled.record(r.urn, checkEndpoint(r, ctx));
    },
    checkStack(stack, ctx) {
        const policies = stack.companionsByTarget(stack.ofType(ENDPOINT_POLICIES), "vpcEndpointId");
        for (const e of stack.ofType(ENDPOINTS)) {
            const standalone = policies.get(e.urn) ?? [];
            // A standalone policy replaces whatever the endpoint holds inline: judge it even where Analyze settled the endpoint.
            if (settled.has(e.urn) || checkEndpoint(e, ctx)) {
                if (standalone.length > 0 && isS3Endpoint(e)) for (const p of standalone) checkEndpointPolicy(p, p.props.policy, ctx);
                continue;
            }
            if (standalone.length > 0) for (const p of standalone) checkEndpointPolicy(p, p.props.policy, ctx);
            else {
                ctx.fail({
                    problem: "the S3 endpoint has no policy, so the default full-access policy lets the VPC write PHI to any bucket of any account",
                    at: "policy",
                    fix: 'give the endpoint a policy that allows S3 only with a condition { "StringEquals": { "aws:ResourceAccount": [<trusted accounts>] } } (or aws:ResourceOrgID)',
                    urn: e.urn,
                });
            }
        }
    },
};

/** Whether an endpoint's known service name is S3. */
function isS3Endpoint(e: StackResource): boolean {
    const service = e.props.serviceName;
    return typeof service === "string" && isS3Service(service);
}
