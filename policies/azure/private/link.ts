import type { ResourceControl } from "../../control";
import { companionsOf } from "../../lib/azure-joins";
import { AZ_KEY_VAULTS, AZ_PHI_STORES, publicAccessDisabled } from "../../lib/azure/stores";
import { prowler } from "../../lib/hipaa";
import { types } from "../../lib/type-tokens";
import { at, isUnknown } from "../../lib/values";

const PRIVATE_ENDPOINTS = types("azure-native:network:PrivateEndpoint");
/** Both connection lists of a private endpoint: auto-approved and manually approved. */
const CONNECTION_PROPS = ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"];

export const azPrivateLink: ResourceControl = {
    id: "az-private-link",
    title: "PHI stores are reachable only through private endpoints",
    cloud: "azure",
    judges: AZ_PHI_STORES,
    category: "network-egress",
    severity: "high",
    phiScoped: true,
    hipaa: [prowler("164.312(a)(1)")],
    description:
        "Storage accounts, Key Vaults, SQL servers and Cosmos DB accounts that hold PHI must be reached through a private endpoint in your virtual network, with their public endpoint switched off. A public endpoint lets anyone holding a leaked key or token read PHI from any network, and lets data leave without crossing your network controls.",
    remediation:
        "Create an azure-native network.PrivateEndpoint whose privateLinkServiceConnections[].privateLinkServiceId is the store's id (with the right groupIds, e.g. blob, vault, sqlServer, Sql) and set the store's publicNetworkAccess to \"Disabled\".",
    unknowns: "Joins use propertyDependencies, known at preview. An unknown publicNetworkAccess is reported as unverified (advisory).",
    acrossResources: "Coverage: a private endpoint of the stack must connect to each PHI store.",
    types: AZ_PHI_STORES,
    checkResource(store, ctx) {
        if (!ctx.isPhi(store)) return;
        // Key Vault nests its settings under `properties`; the other stores keep them at the top.
        const path = AZ_KEY_VAULTS.has(store.type) ? "properties.publicNetworkAccess" : "publicNetworkAccess";
        const disabled = publicAccessDisabled(at(store.props, path));
        if (isUnknown(disabled)) ctx.unverified(path);
        else if (!disabled) {
            ctx.fail({
                problem: "the store's public endpoint is enabled (publicNetworkAccess is not \"Disabled\")",
                at: path,
                fix: 'set publicNetworkAccess: "Disabled" so the store is reachable only through its private endpoint',
            });
        }
    },
    checkStack(stack, ctx) {
        const stores = stack.ofType(AZ_PHI_STORES).filter((s) => ctx.isPhi(s));
        if (stores.length === 0) return;
        const endpoints = stack.ofType(PRIVATE_ENDPOINTS);
        const joins = CONNECTION_PROPS.map((prop) => companionsOf(stack, endpoints, prop, stores, "privateLinkServiceId"));
        for (const store of stores) {
            if (joins.some((j) => j.has(store.urn))) continue;
            ctx.fail({
                problem: "no private endpoint connects to this PHI store (no PrivateEndpoint references it in privateLinkServiceConnections)",
                at: "privateEndpointConnections",
                fix: "create a network.PrivateEndpoint with privateLinkServiceConnections: [{ privateLinkServiceId: <store>.id, groupIds: [...] }] in the workload's virtual network",
                urn: store.urn,
            });
        }
    },
};
