import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { MANAGED_CLUSTERS } from "../../lib/azure/types";
import { prowler } from "../../lib/hipaa";
import { isInternetPrefix } from "../../lib/nsg-rule";
import { isOneOf } from "../../lib/property-checks";
import { asBool, asList, at, isUnknown } from "../../lib/values";

interface Config {
    requirePrivateCluster: boolean;
}

const RANGES = "apiServerAccessProfile.authorizedIPRanges";
const PRIVATE = "apiServerAccessProfile.enablePrivateCluster";

/** The Kubernetes API server is private, or public only to authorized ranges that are not the internet. */
function checkApiServer(cluster: ResourceInput, ctx: CheckContext<Config>): void {
    const isPrivate = asBool(at(cluster.props, PRIVATE));
    if (isUnknown(isPrivate)) return ctx.unverified(PRIVATE);
    if (isPrivate === true) return;
    // With public network access disabled the API server answers only on private endpoints.
    const access = isOneOf(cluster.props.publicNetworkAccess, "Disabled");
    if (isUnknown(access)) return ctx.unverified("publicNetworkAccess");
    if (access === true) return;
    if (ctx.config.requirePrivateCluster) {
        return ctx.fail({ problem: "the cluster's API server is public (requirePrivateCluster is set)", at: PRIVATE, fix: `set ${PRIVATE}: true` });
    }
    const ranges = asList(at(cluster.props, RANGES));
    if (isUnknown(ranges) || ranges.some(isUnknown)) return ctx.unverified(RANGES);
    const given = ranges.filter((r): r is string => typeof r === "string" && r.trim() !== "").map((r) => r.trim());
    const fix = `set ${PRIVATE}: true, or list in ${RANGES} only the ranges administrators and pipelines connect from`;
    if (given.length === 0) return ctx.fail({ problem: "the cluster's API server is public and accepts connections from any address (no authorized IP ranges)", at: RANGES, fix });
    const open = given.filter(isInternetPrefix);
    if (open.length > 0) ctx.fail({ problem: `the cluster's API server authorizes the whole internet (${open.join(", ")})`, at: RANGES, fix });
}

/** Local accounts off, and sign-in through Entra ID with Azure RBAC deciding what each identity may do. */
function checkIdentity(cluster: ResourceInput, ctx: CheckContext<Config>): void {
    const local = asBool(cluster.props.disableLocalAccounts);
    if (isUnknown(local)) ctx.unverified("disableLocalAccounts");
    else if (local !== true) {
        ctx.fail({
            problem: "local accounts are enabled: the cluster-admin kubeconfig (listClusterAdminCredential) works without any Entra ID sign-in",
            at: "disableLocalAccounts",
            fix: "set disableLocalAccounts: true (it needs aadProfile.managed: true)",
        });
    }
    const rbac = asBool(at(cluster.props, "aadProfile.enableAzureRBAC"));
    if (isUnknown(rbac)) ctx.unverified("aadProfile.enableAzureRBAC");
    else if (rbac !== true) {
        ctx.fail({
            problem: "the cluster does not authorize with Entra ID and Azure RBAC, so access to it is not granted, reviewed and revoked like other Azure access",
            at: "aadProfile.enableAzureRBAC",
            fix: "set aadProfile: { managed: true, enableAzureRBAC: true } and grant the Azure Kubernetes Service RBAC roles at the narrowest scope",
        });
    }
}

export const azAksCluster: ResourceControl<Config> = {
    id: "az-aks-cluster",
    title: "AKS API servers are private or IP-restricted, with no local accounts and Azure RBAC",
    cloud: "azure",
    category: "public-exposure",
    severity: "high",
    hipaa: [prowler("164.312(a)(1)"), prowler("164.312(d)")],
    description:
        "A Kubernetes API server open to the internet, or one that also accepts the built-in cluster-admin credential, lets anyone who gets hold of a kubeconfig read every secret and volume of the workloads that process PHI, with no Entra ID sign-in, conditional access or audit of who it was. The API server must be private or limited to known ranges, local accounts disabled, and authorization left to Entra ID with Azure RBAC.",
    remediation:
        "Set apiServerAccessProfile.enablePrivateCluster: true (or authorizedIPRanges to the ranges administrators and pipelines connect from), disableLocalAccounts: true, and aadProfile: { managed: true, enableAzureRBAC: true }.",
    unknowns: "Unknown private-cluster, public network access, authorized range, local account or Azure RBAC values are reported as unverified (advisory).",
    config: {
        requirePrivateCluster: {
            type: "boolean",
            default: false,
            description: "Require a private API server (enablePrivateCluster or publicNetworkAccess Disabled); by default a public API server limited to authorized IP ranges that are not the internet also passes.",
        },
    },
    types: MANAGED_CLUSTERS,
    checkResource(cluster, ctx) {
        checkApiServer(cluster, ctx);
        checkIdentity(cluster, ctx);
    },
};
