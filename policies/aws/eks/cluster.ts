import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { prowler } from "../../lib/hipaa";
import { isInternetPrefix } from "../../lib/nsg-rule";
import { types } from "../../lib/type-tokens";
import { asBool, asList, at, isObject, isUnknown, Plain } from "../../lib/values";

interface Config {
    requiredLogTypes: string[];
}

type Ctx = CheckContext<Config>;

const PUBLIC_FIX = "set vpcConfig.endpointPublicAccess: false (with endpointPrivateAccess: true), or list only the organisation's egress ranges in vpcConfig.publicAccessCidrs";

function checkEndpoint(r: ResourceInput, ctx: Ctx): void {
    const vpc = r.props.vpcConfig;
    if (isUnknown(vpc)) return ctx.unverified("vpcConfig");
    const open = asBool(at(vpc, "endpointPublicAccess"));
    if (isUnknown(open)) return ctx.unverified("vpcConfig.endpointPublicAccess");
    // The public endpoint is on unless turned off.
    if (open === false) return;
    const cidrs = asList(at(vpc, "publicAccessCidrs"));
    if (isUnknown(cidrs)) return ctx.unverified("vpcConfig.publicAccessCidrs");
    if (cidrs.length === 0) {
        return ctx.fail({ problem: "the Kubernetes API endpoint is public and publicAccessCidrs is not set, so EKS opens it to 0.0.0.0/0", at: "vpcConfig.publicAccessCidrs", fix: PUBLIC_FIX });
    }
    cidrs.forEach((c, i) => {
        const where = `vpcConfig.publicAccessCidrs[${i}]`;
        if (isUnknown(c)) ctx.unverified(where);
        else if (typeof c === "string" && isInternetPrefix(c)) ctx.fail({ problem: "the public Kubernetes API endpoint accepts connections from the whole internet", at: where, fix: PUBLIC_FIX });
    });
}

function checkLogs(r: ResourceInput, ctx: Ctx): void {
    const types = asList(r.props.enabledClusterLogTypes);
    if (isUnknown(types) || types.some(isUnknown)) return ctx.unverified("enabledClusterLogTypes");
    const enabled = types.filter((t): t is string => typeof t === "string").map((t) => t.trim().toLowerCase());
    const missing = ctx.config.requiredLogTypes.filter((t) => !enabled.includes(t.trim().toLowerCase()));
    if (missing.length === 0) return;
    ctx.fail({
        problem: `the control plane does not log ${missing.map((m) => `"${m}"`).join(", ")}, so who did what through the Kubernetes API (and who authenticated as whom) is not recorded`,
        at: "enabledClusterLogTypes",
        fix: `add ${missing.map((m) => `"${m}"`).join(", ")} to enabledClusterLogTypes`,
    });
}

/** A key ARN counts as set when it is a non-empty string or unknown at preview (another resource's ARN). */
const keySet = (v: Plain) => isUnknown(v) || (typeof v === "string" && v.trim() !== "");

function checkSecretsEncryption(r: ResourceInput, ctx: Ctx): void {
    const config = r.props.encryptionConfig;
    if (isUnknown(config)) return ctx.unverified("encryptionConfig");
    const fix = 'set encryptionConfig: { resources: ["secrets"], provider: { keyArn: <a customer-managed KMS key ARN> } }';
    if (!isObject(config)) {
        return ctx.fail({ problem: "Kubernetes secrets are not envelope-encrypted with a customer-managed KMS key (encryptionConfig is not set; EKS's default encryption uses an AWS-owned key nobody here controls or audits)", at: "encryptionConfig", fix });
    }
    const resources = asList(config.resources);
    if (isUnknown(resources) || resources.some(isUnknown)) return ctx.unverified("encryptionConfig.resources");
    if (!resources.some((x) => typeof x === "string" && x.trim().toLowerCase() === "secrets")) {
        ctx.fail({ problem: 'encryptionConfig does not cover "secrets", so Kubernetes secrets are not encrypted with the customer-managed key', at: "encryptionConfig.resources", fix });
    }
    if (!keySet(at(config, "provider.keyArn"))) ctx.fail({ problem: "encryptionConfig names no KMS key", at: "encryptionConfig.provider.keyArn", fix });
}

export const awsEksCluster: ResourceControl<Config> = {
    id: "aws-eks-cluster",
    title: "EKS clusters have a private API endpoint, audit logs and KMS-encrypted secrets",
    cloud: "aws",
    category: "public-exposure",
    severity: "high",
    hipaa: [prowler("164.312(a)(1)"), prowler("164.312(b)")],
    description:
        "An EKS cluster whose Kubernetes API endpoint is open to the internet can be attacked with any leaked kubeconfig or token, and without the audit and authenticator control-plane logs nobody can tell who read a PHI workload's secrets or exec'd into its pods. Secrets must also be envelope-encrypted with a customer-managed KMS key, so that reading them needs a key grant the organisation controls and CloudTrail records.",
    remediation:
        'Set vpcConfig.endpointPublicAccess: false and endpointPrivateAccess: true (or list only the organisation\'s egress CIDRs in vpcConfig.publicAccessCidrs), enabledClusterLogTypes: ["api", "audit", "authenticator"], and encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } } with a customer-managed key.',
    unknowns:
        "vpcConfig, endpointPublicAccess, publicAccessCidrs (or one of them), enabledClusterLogTypes and encryptionConfig.resources unknown at preview are reported as unverified (advisory); a KMS key ARN unknown at preview is another resource's output and counts as set.",
    config: {
        requiredLogTypes: {
            type: "array",
            items: { type: "string", enum: ["api", "audit", "authenticator", "controllerManager", "scheduler"] },
            default: ["audit", "authenticator"],
            description: "Control-plane log types every cluster must send to CloudWatch Logs.",
        },
    },
    types: types("aws:eks/cluster:Cluster"),
    checkResource(r, ctx) {
        checkEndpoint(r, ctx);
        checkLogs(r, ctx);
        checkSecretsEncryption(r, ctx);
    },
};
