import type { CheckContext, ResourceControl, ResourceInput } from "../../control";
import { isOneOf } from "../../lib/property-checks";
import { prowler } from "../../lib/hipaa";
import { BLOB_CONTAINERS, STORAGE_ACCOUNTS } from "../../lib/azure-storage";
import { types } from "../../lib/type-tokens";
import { publicEndpoint } from "../../lib/azure/public-endpoint";
import { asBool, isUnknown } from "../../lib/values";
import { unionOf } from "../../lib/type-tokens";

/** A boolean setting that must be explicitly false; omitted means the risky service default. */
function mustBeFalse(account: ResourceInput, prop: string, problem: string, fix: string, ctx: CheckContext<unknown>): void {
    const v = asBool(account.props[prop]);
    if (isUnknown(v)) ctx.unverified(prop, account.urn);
    else if (v !== false) ctx.fail({ problem, at: prop, fix, urn: account.urn });
}

function checkNetwork(account: ResourceInput, ctx: CheckContext<unknown>): void {
    const endpoint = publicEndpoint(account)!;
    if (isUnknown(endpoint.exposure)) return ctx.unverified(endpoint.at, account.urn);
    if (endpoint.exposure !== "open") return;
    ctx.fail({
        problem: "the account accepts traffic from any network (publicNetworkAccess is not Disabled and networkRuleSet.defaultAction is not Deny)",
        at: endpoint.at,
        fix: 'set publicNetworkAccess: "Disabled" and reach the account through a private endpoint, or at least networkRuleSet: { defaultAction: "Deny", ... } with the networks that need it',
        urn: account.urn,
    });
}

export const azStoragePublic: ResourceControl = {
    id: "az-storage-public",
    title: "Storage accounts and blob containers are not publicly reachable",
    cloud: "azure",
    judges: unionOf(STORAGE_ACCOUNTS, BLOB_CONTAINERS),
    category: "public-exposure",
    severity: "critical",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "A storage account holding PHI must refuse anonymous blob access, shared-key (account key and SAS) authorization and traffic from arbitrary networks, and no container may be public. Anyone holding a leaked account key or SAS, or knowing a public container URL, can otherwise read PHI with no identity in the audit trail.",
    remediation:
        'Set allowBlobPublicAccess: false, allowSharedKeyAccess: false and publicNetworkAccess: "Disabled" (or networkRuleSet.defaultAction "Deny") on the storage account, and leave each BlobContainer\'s publicAccess unset or "None".',
    unknowns:
        "Unknown values of the decisive properties are reported as unverified (advisory). allowBlobPublicAccess and allowSharedKeyAccess must be set explicitly: an omitted allowSharedKeyAccess means true, and an omitted allowBlobPublicAccess keeps whatever an existing or older account has. A container whose account is not in the stack is treated as PHI.",
    acrossResources: "Only under tagged PHI scope: whether a blob container belongs to a PHI account.",
    types: types(...STORAGE_ACCOUNTS.canonical, ...BLOB_CONTAINERS.canonical),
    remediate: {
        valueFor: (at) => (at === "allowBlobPublicAccess" ? false : undefined),
        changes: "sets allowBlobPublicAccess: false on a PHI storage account (shared-key access and network rules are not changed: a workload may depend on them)",
        safe: "Updated in place (Storage Accounts Update); no data moves. Only anonymous reads of blobs, which this control forbids for PHI, stop.",
    },
    checkResource(r, ctx) {
        if (STORAGE_ACCOUNTS.has(r.type)) {
            if (ctx.isPhi(r)) checkAccount(r, ctx);
        } else if (!ctx.phiFromStack(r)) checkContainer(r, ctx);
    },
    checkStack(stack, ctx) {
        // A container takes its account's PHI scope (see ctx.isPhi).
        for (const container of stack.ofType(BLOB_CONTAINERS)) if (ctx.phiFromStack(container) && ctx.isPhi(container)) checkContainer(container, ctx);
    },
};

function checkAccount(account: ResourceInput, ctx: CheckContext<unknown>): void {
    mustBeFalse(account, "allowBlobPublicAccess", "anonymous blob access is not disabled", "set allowBlobPublicAccess: false", ctx);
    mustBeFalse(
        account,
        "allowSharedKeyAccess",
        "shared-key authorization (account keys and SAS tokens) is not disabled",
        "set allowSharedKeyAccess: false and grant data access through Entra ID roles",
        ctx,
    );
    checkNetwork(account, ctx);
}

function checkContainer(container: ResourceInput, ctx: CheckContext<unknown>): void {
    const publicAccess = container.props.publicAccess;
    if (isUnknown(publicAccess)) ctx.unverified("publicAccess", container.urn);
    else if (publicAccess !== undefined && publicAccess !== null && isOneOf(publicAccess, "None") !== true) {
        const level = isOneOf(publicAccess, "Blob", "Container") === true ? ` (${String(publicAccess).trim()})` : "";
        ctx.fail({
            problem: `the container allows anonymous read access${level}`,
            at: "publicAccess",
            fix: 'remove publicAccess or set it to "None"',
            urn: container.urn,
        });
    }
}
